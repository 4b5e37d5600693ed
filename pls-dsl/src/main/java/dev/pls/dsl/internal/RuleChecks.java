package dev.pls.dsl.internal;

import dev.pls.core.model.Category;
import dev.pls.core.model.Decay;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The rules pass: categories with their caps, floors and rules; exclusions; tiers. It relies on
 * the declarations pass for the names conditions read, and leaves the rules by id and the tier
 * names in the environment for the account, hand-off and test passes.
 *
 * A rule without an explicit `[id]` gets the slug of its label (lower-case letters and digits,
 * other runs of characters become one '_'); a rule with neither gets <category>_<position>. A rule
 * without a label is labelled with the canonical text of its condition. Labels and ids are unique
 * in the model, so cards and tests can name rules by either.
 */
/** Checks categories, rules, exclusions and tiers. */
final class RuleChecks {
  private final Env env;
  private final Reporter reporter;
  private final Conditions conditions;

  RuleChecks(Env env, Conditions conditions) {
    this.env = env;
    this.reporter = env.reporter();
    this.conditions = conditions;
  }

  /**
   * A rule's decay, or empty when it is wrong (reported): a known shape, a length in hours, days or
   * weeks that is a whole number of the model's buckets, and a condition that reads events to take
   * the age from (growth_weeks and trend give none; see docs/semantics.md, "Decay"). A condition
   * that failed its own checks is not checked again here.
   */
  private Optional<Decay> decay(Ast.DecayDecl d, Optional<Expr> condition) {
    Decay.Shape shape = null;
    List<String> shapes = new ArrayList<>();
    for (Decay.Shape s : Decay.Shape.values()) {
      shapes.add(s.keyword());
      if (s.keyword().equals(d.shape().name())) {
        shape = s;
      }
    }
    if (shape == null) {
      reporter.error(
          Code.PLS0408,
          d.shape().span(),
          "unknown decay '"
              + d.shape().name()
              + "'; use linear or half_life"
              + Names.didYouMean(reporter, d.shape().name(), shapes));
      return Optional.empty();
    }
    String what = shape == Decay.Shape.LINEAR ? "a lifespan" : "a half-life";
    Ast.WindowLit w = d.length();
    Window.Unit unit =
        switch (w.unit()) {
          case 'h' -> Window.Unit.HOURS;
          case 'd' -> Window.Unit.DAYS;
          case 'w' -> Window.Unit.WEEKS;
          default -> null;
        };
    String problem = null;
    if (unit == null) {
      problem = what + " is in hours, days or weeks (h, d, w), not minutes";
    } else if (w.amount() <= 0) {
      problem = what + " must be positive, was " + w;
    } else if ((long) w.amount() * unit.hours() > (long) Window.MAX_DAYS * 24) {
      problem = what + " of " + w + " is longer than the maximum of " + Window.MAX_DAYS + "d";
    } else if (!new Window(w.amount(), unit).fits(env.resolution())) {
      problem =
          what
              + " of "
              + w
              + " is not a whole number of "
              + env.resolution()
              + " buckets, the unit ages are counted in";
    }
    if (problem != null) {
      reporter.error(Code.PLS0408, w.span(), problem);
      return Optional.empty();
    }
    if (condition.isPresent() && !readsEvents(condition.get())) {
      reporter.error(
          Code.PLS0408,
          d.span(),
          "decay needs a condition that reads events, to take the age of the newest one it read;"
              + " this one reads none (growth_weeks and trend give no age)");
      return Optional.empty();
    }
    Window length = new Window(w.amount(), unit);
    return Optional.of(new Decay(shape, length));
  }

  /** Whether {@code e} reads an aggregate that gives an age: any but growth_weeks and trend. */
  private static boolean readsEvents(Expr e) {
    boolean[] found = {false};
    e.walk(x -> found[0] |= x instanceof Expr.Agg a && a.signal().aggregate().windowed());
    return found[0];
  }

  /** The categories whose names are unique, each with the rules that checked. */
  List<Category> categories() {
    List<Category> result = new ArrayList<>();
    Map<String, Ast.Span> names = new LinkedHashMap<>();
    Map<String, Ast.Span> labels = new LinkedHashMap<>();
    Map<String, Ast.Span> ids = new LinkedHashMap<>();
    int ruleCount = 0;
    for (Ast.CategoryDecl c : env.file().categories()) {
      boolean unique = env.declareOnce(names, c.name());
      Category.Builder cb = Category.builder(c.name().name());
      c.cap().flatMap(n -> env.points(n, "cap")).ifPresent(p -> limit(cb, p, true, c.cap().get()));
      c.floor()
          .flatMap(n -> env.points(n, "floor"))
          .ifPresent(p -> limit(cb, p, false, c.floor().get()));
      int position = 0;
      for (Ast.RuleDecl r : c.rules()) {
        position++;
        if (++ruleCount > Limits.MAX_RULES) {
          // One diagnostic, and the rules past the limit are not checked: the model cannot
          // compile, and checking them would only cost time and repeat diagnostics.
          if (ruleCount == Limits.MAX_RULES + 1) {
            reporter.error(
                Code.PLS0404,
                r.span(),
                "more than " + Limits.MAX_RULES + " rules; split the model");
          }
          continue;
        }
        Optional<Expr> condition = conditions.condition(r.condition(), Scope.RULE);
        Optional<Points> points = env.points(r.points(), "points");
        String label = r.label().map(Ast.StrLit::value).orElse(Printer.expr(r.condition()));
        Ast.Span labelSpan = r.label().map(Ast.StrLit::span).orElse(r.condition().span());
        String id;
        Ast.Span idSpan;
        if (r.id().isPresent()) {
          id = r.id().get().name();
          idSpan = r.id().get().span();
        } else {
          String slug = r.label().map(l -> Names.slug(l.value())).orElse("");
          id = slug.isEmpty() ? c.name().name() + "_" + position : slug;
          idSpan = r.span();
        }
        boolean usableLabel = env.usableText(label, labelSpan, "the label");
        if (!usableLabel) {
          label = "";
        } else if (labels.putIfAbsent(label, labelSpan) != null) {
          reporter.error(
              Code.PLS0402,
              labelSpan,
              "label "
                  + Printer.quote(label)
                  + " is already used on line "
                  + labels.get(label).line()
                  + "; labels must be unique so cards and tests can name rules");
        }
        if (ids.putIfAbsent(id, idSpan) != null) {
          reporter.error(
              Code.PLS0401,
              idSpan,
              "rule id '"
                  + id
                  + "' is already used on line "
                  + ids.get(id).line()
                  + (r.id().isPresent() ? "" : " (derived from the label)")
                  + "; give one of them an explicit id such as ["
                  + id
                  + "_2]");
          continue;
        }
        Optional<String> share = Optional.empty();
        if (r.share().isPresent()) {
          Ast.StrLit phrase = r.share().get();
          if (env.usableText(phrase.value(), phrase.span(), "the share phrase")) {
            share = Optional.of(phrase.value());
          }
        }
        Optional<Decay> decay = Optional.empty();
        if (r.decay().isPresent()) {
          decay = decay(r.decay().get(), condition);
          if (decay.isEmpty()) {
            continue;
          }
        }
        if (condition.isPresent() && points.isPresent() && !label.isBlank()) {
          Rule rule = new Rule(id, label, condition.get(), points.get(), share, decay);
          env.rules().put(id, rule);
          if (unique) {
            cb.rule(rule);
          }
        }
      }
      if (unique) {
        result.add(cb.build());
      }
    }
    return result;
  }

  private void limit(Category.Builder cb, Points p, boolean cap, Ast.NumberText text) {
    if (cap && p.signum() < 0) {
      reporter.error(Code.PLS0405, text.span(), "a cap must not be negative, was " + p);
    } else if (!cap && p.signum() > 0) {
      reporter.error(
          Code.PLS0405, text.span(), "a floor must not be positive, was " + p + "; write -" + p);
    } else if (cap) {
      cb.cap(p);
    } else {
      cb.floor(p);
    }
  }

  /** Each exclusion's condition in order; empty for one with errors (reported). */
  List<Optional<Expr>> exclusions() {
    List<Optional<Expr>> result = new ArrayList<>();
    for (Ast.ExcludeDecl x : env.file().exclusions()) {
      env.usableText(x.reason().value(), x.reason().span(), "the reason");
      result.add(conditions.condition(x.condition(), Scope.EXCLUSION));
    }
    return result;
  }

  /** Each tier's condition in order; empty for one with errors (reported). */
  List<Optional<Expr>> tiers() {
    List<Optional<Expr>> result = new ArrayList<>();
    for (Ast.TierDecl t : env.file().tiers()) {
      String name = t.name().name();
      if (name.equals(dev.pls.core.model.Tier.NONE)) {
        reporter.error(
            Code.PLS0403,
            t.name().span(),
            "'none' is the tier of entities no tier holds for; choose another name");
      } else if (env.tiers().putIfAbsent(name, t) != null) {
        reporter.error(
            Code.PLS0403,
            t.name().span(),
            "tier '"
                + name
                + "' is already defined on line "
                + env.tiers().get(name).span().line()
                + "; tier names must be unique");
      }
      result.add(conditions.condition(t.condition(), Scope.TIER));
    }
    return result;
  }
}
