package dev.pls.dsl.internal;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Grid;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/*
 * The hand-off pass, the last over the model: queues, segments, routes, triggers, holds,
 * suppressions, hold-out, cooldown, context values and templates. It runs after the rules pass, so
 * every tier and rule it names is known, and it declares queue, segment and trigger names before
 * checking any item, so a reference may come before or after its target in the file. Its
 * conditions and context values are typed in hand-off scope, where `score` is known.
 *
 * It leaves the segment and trigger names in the environment for the test pass.
 */
/** Checks the hand-off items and builds the hand-off, if the model has any. */
final class HandoffChecks {
  private static final List<String> LEVELS = List.of("high", "medium", "low");
  private static final List<String> POLARITIES = List.of("positive", "neutral", "negative");

  private final Env env;
  private final Reporter reporter;
  private final Conditions conditions;
  private final Optional<Grid> grid; // empty without a grid, or with one that has errors
  private final Handoff.Builder builder = Handoff.builder();
  private final Map<String, Ast.Span> queues = new LinkedHashMap<>();
  private final Map<String, Ast.Span> holds = new LinkedHashMap<>();
  private final Map<String, Ast.Span> contexts = new LinkedHashMap<>();
  private final Map<String, Expr> contextValues = new LinkedHashMap<>();
  private final Map<String, Ast.Span> templates = new LinkedHashMap<>();
  private final Map<String, Ast.Span> dispositions = new LinkedHashMap<>();
  private Ast.Span holdout;
  private Ast.Span cooldown;

  HandoffChecks(Env env, Conditions conditions, Optional<Grid> grid) {
    this.env = env;
    this.reporter = env.reporter();
    this.conditions = conditions;
    this.grid = grid;
  }

  /** The model's hand-off; empty when it has none, or the file has errors (reported). */
  Optional<Handoff> run() {
    List<Ast.HandoffDecl> items = env.file().handoff();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    // Names first: a route may name a queue or segment declared after it.
    for (Ast.HandoffDecl h : items) {
      if (h instanceof Ast.QueueDecl q) {
        unique(queues, q.name(), "queue");
      } else if (h instanceof Ast.SegmentDecl s) {
        if (s.name().name().equals(Handoff.NO_SEGMENT)) {
          reporter.error(
              Code.PLS0406,
              s.name().span(),
              "'none' is the segment of entities no segment holds for; choose another name");
        } else {
          unique(env.segments(), s.name(), "segment");
        }
      } else if (h instanceof Ast.TriggerDecl t) {
        unique(env.triggers(), t.name(), "trigger");
      }
    }
    for (Ast.HandoffDecl h : items) {
      item(h);
    }
    templates();
    return reporter.hasErrors() ? Optional.empty() : Optional.of(builder.build());
  }

  private void unique(Map<String, Ast.Span> names, Ast.Ident name, String what) {
    Ast.Span previous = names.putIfAbsent(name.name(), name.span());
    if (previous != null) {
      reporter.error(
          Code.PLS0406,
          name.span(),
          what + " '" + name.name() + "' is already defined on line " + previous.line());
    }
  }

  private void item(Ast.HandoffDecl h) {
    if (h instanceof Ast.QueueDecl q) {
      boolean ok = env.usableText(q.label().value(), q.label().span(), "the queue label");
      Duration sla = WindowChecks.duration(q.sla());
      OptionalInt capacity = OptionalInt.empty();
      if (q.capacity().isPresent()) {
        String text = q.capacity().get().text();
        if (!text.matches("[0-9]{1,9}")) {
          reporter.error(
              Code.PLS0102,
              q.capacity().get().span(),
              "a capacity is a whole number of alerts a day, was " + text);
          ok = false;
        } else {
          capacity = OptionalInt.of(Integer.parseInt(text));
        }
      }
      if (ok && capacity.isPresent()) {
        builder.queue(q.name().name(), q.label().value(), sla, capacity.getAsInt());
      } else if (ok) {
        builder.queue(q.name().name(), q.label().value(), sla);
      }
    } else if (h instanceof Ast.SegmentDecl s) {
      Optional<Expr> c = conditions.condition(s.condition(), Scope.HANDOFF);
      if (c.isPresent() && !s.name().name().equals(Handoff.NO_SEGMENT)) {
        builder.segment(s.name().name(), c.get());
      }
    } else if (h instanceof Ast.RouteDecl r) {
      boolean ok = known(r.tier(), env.tiers().keySet(), "tier");
      List<String> segments = new ArrayList<>();
      for (Ast.Ident s : r.segments()) {
        ok &= known(s, env.segments().keySet(), "segment");
        segments.add(s.name());
      }
      List<String> cells = new ArrayList<>();
      for (Ast.Ident c : r.cells()) {
        ok &= cell(c);
        cells.add(c.name());
      }
      ok &= known(r.queue(), queues.keySet(), "queue");
      Optional<Handoff.Level> level =
          r.level().isPresent() ? level(r.level().get()) : Optional.of(Handoff.Level.MEDIUM);
      if (ok && level.isPresent()) {
        builder.route(r.tier().name(), segments, cells, r.queue().name(), level.get());
      }
    } else if (h instanceof Ast.TriggerDecl t) {
      boolean ok = env.usableText(t.label().value(), t.label().span(), "the trigger label");
      Optional<Handoff.Level> level = level(t.level());
      Optional<Expr> c = conditions.condition(t.condition(), Scope.HANDOFF);
      ok &= known(t.queue(), queues.keySet(), "queue");
      if (ok && level.isPresent() && c.isPresent()) {
        builder.trigger(t.name().name(), t.label().value(), level.get(), c.get(), t.queue().name());
      }
    } else if (h instanceof Ast.HoldDecl x) {
      boolean ok = known(x.tier(), env.tiers().keySet(), "tier");
      if (ok) {
        Ast.Span previous = holds.putIfAbsent(x.tier().name(), x.tier().span());
        if (previous != null) {
          reporter.error(
              Code.PLS0406,
              x.tier().span(),
              "tier '"
                  + x.tier().name()
                  + "' already has a hold on line "
                  + previous.line()
                  + "; a tier has one");
          ok = false;
        }
      }
      Optional<Expr> c = conditions.condition(x.condition(), Scope.HANDOFF);
      if (ok && c.isPresent()) {
        builder.hold(x.tier().name(), c.get());
      }
    } else if (h instanceof Ast.SuppressDecl x) {
      boolean ok = env.usableText(x.reason().value(), x.reason().span(), "the reason");
      Optional<Expr> c = conditions.condition(x.condition(), Scope.HANDOFF);
      if (ok && c.isPresent()) {
        builder.suppress(c.get(), x.reason().value());
      }
    } else if (h instanceof Ast.HoldoutDecl x) {
      if (holdout != null) {
        env.declaredTwice("the holdout", holdout, x.span());
        return;
      }
      holdout = x.span();
      BigDecimal percent = new BigDecimal(x.percent().text());
      if (percent.signum() <= 0
          || percent.compareTo(BigDecimal.valueOf(100)) >= 0
          || percent.stripTrailingZeros().scale() > 2) {
        reporter.error(
            Code.PLS0407,
            x.percent().span(),
            "a holdout is more than 0% and less than 100%, with at most two decimals, was "
                + x.percent().text()
                + "%");
        return;
      }
      builder.holdout(percent, x.salt().value());
    } else if (h instanceof Ast.CooldownDecl x) {
      if (cooldown != null) {
        env.declaredTwice("the cooldown", cooldown, x.span());
        return;
      }
      cooldown = x.span();
      builder.cooldown(WindowChecks.duration(x.duration()));
    } else if (h instanceof Ast.ContextDecl x) {
      unique(contexts, x.name(), "context value");
      Typed t = conditions.value(x.value(), Scope.HANDOFF);
      if (!t.failed()) {
        contextValues.putIfAbsent(x.name().name(), t.expr());
        builder.context(x.name().name(), t.expr());
      }
    } else if (h instanceof Ast.DispositionDecl x) {
      boolean fresh = !dispositions.containsKey(x.name().name());
      unique(dispositions, x.name(), "disposition");
      Optional<Handoff.Polarity> polarity =
          x.polarity().isPresent()
              ? polarity(x.polarity().get())
              : Optional.of(Handoff.Polarity.NEUTRAL);
      if (fresh && polarity.isPresent()) {
        builder.disposition(x.name().name(), polarity.get());
      }
    } else if (h instanceof Ast.TemplateDecl x) {
      unique(templates, x.name(), "template");
      if (env.usableText(x.text().value(), x.text().span(), "the template text")) {
        builder.template(x.name().name(), x.text().value());
      }
    }
  }

  private boolean known(Ast.Ident name, Collection<String> names, String what) {
    if (names.contains(name.name())) {
      return true;
    }
    reporter.error(
        Code.PLS0208,
        name.span(),
        "unknown "
            + what
            + " '"
            + name.name()
            + "'"
            + Names.closest(reporter, name.name(), names)
                .map(x -> "; did you mean '" + x + "'?")
                .orElse(
                    names.isEmpty()
                        ? "; this model declares no " + what
                        : "; the model's " + what + "s are " + List.copyOf(names)));
    return false;
  }

  // A route's cell: one of the grid's, row label then column label.
  private boolean cell(Ast.Ident name) {
    if (env.file().grids().isEmpty()) {
      reporter.error(
          Code.PLS0410,
          name.span(),
          "cell '"
              + name.name()
              + "' needs a grid; declare one with grid NAME rows CATEGORY {...} columns"
              + " CATEGORY {...}");
      return false;
    }
    if (grid.isEmpty()) {
      return false; // the grid has errors, reported
    }
    List<String> cells = grid.get().cells();
    if (cells.contains(name.name())) {
      return true;
    }
    reporter.error(
        Code.PLS0410,
        name.span(),
        "unknown cell '"
            + name.name()
            + "' of grid '"
            + grid.get().name()
            + "'"
            + Names.closest(reporter, name.name(), cells)
                .map(x -> "; did you mean '" + x + "'?")
                .orElse("; its cells are " + cells));
    return false;
  }

  private Optional<Handoff.Polarity> polarity(Ast.Ident name) {
    for (Handoff.Polarity p : Handoff.Polarity.values()) {
      if (p.displayName().equals(name.name())) {
        return Optional.of(p);
      }
    }
    reporter.error(
        Code.PLS0204,
        name.span(),
        "unknown polarity '"
            + name.name()
            + "'; use positive, neutral or negative"
            + Names.didYouMean(reporter, name.name(), POLARITIES));
    return Optional.empty();
  }

  private Optional<Handoff.Level> level(Ast.Ident name) {
    for (Handoff.Level l : Handoff.Level.values()) {
      if (l.displayName().equals(name.name())) {
        return Optional.of(l);
      }
    }
    reporter.error(
        Code.PLS0204,
        name.span(),
        "unknown level '"
            + name.name()
            + "'; use high, medium or low"
            + Names.didYouMean(reporter, name.name(), LEVELS));
    return Optional.empty();
  }

  /*
   * A placeholder names a rule or a context value. What a seller may say to the customer is
   * what a shareable rule says: a rule is shareable when it has a share phrase, and a context
   * value when everything it reads (signals, member signals, traits, the score) is read by a
   * shareable rule. Anything else in outreach is the creepy kind the seeds warn about, so it is
   * a warning, not an error: the file still compiles.
   */
  private void templates() {
    Set<Object> shared = new HashSet<>();
    for (Rule r : env.rules().values()) {
      if (r.shareable().isPresent()) {
        reads(r.condition(), shared);
      }
    }
    for (Ast.HandoffDecl h : env.file().handoff()) {
      if (!(h instanceof Ast.TemplateDecl t)) {
        continue;
      }
      String text = t.text().value();
      if (!Names.isUsable(text)) {
        continue; // reported; the core would refuse the text
      }
      for (String p : new Handoff.Template(t.name().name(), text).placeholders()) {
        placeholder(t, p, shared);
      }
    }
  }

  private void placeholder(Ast.TemplateDecl t, String p, Set<Object> shared) {
    Ast.Span span = placeholderSpan(t.text(), p);
    Rule rule = env.rules().get(p);
    if (rule != null) {
      if (rule.shareable().isEmpty()) {
        notShareable(t, p, span, "add share \"...\" to the rule");
      }
      return;
    }
    if (contexts.containsKey(p)) {
      Expr value = contextValues.get(p);
      if (value == null) {
        return; // its errors are reported
      }
      Set<Object> read = new HashSet<>();
      reads(value, read);
      if (!shared.containsAll(read)) {
        notShareable(
            t, p, span, "add share \"...\" to a rule that reads what the context value shows");
      }
      return;
    }
    List<String> names = new ArrayList<>(env.rules().keySet());
    names.addAll(contexts.keySet());
    reporter.error(
        Code.PLS0209,
        span,
        "template '"
            + t.name().name()
            + "' refers to {"
            + p
            + "}, which is neither a rule id nor a context value"
            + Names.didYouMean(reporter, p, names));
  }

  private void notShareable(Ast.TemplateDecl t, String p, Ast.Span span, String fix) {
    reporter.warning(
        Code.PLS0506,
        span,
        "template '"
            + t.name().name()
            + "' refers to '"
            + p
            + "', which is not shareable: "
            + fix
            + " or leave it out of outreach");
  }

  /**
   * Adds what {@code e} reads to {@code out}: aggregates, member aggregates, traits, the score,
   * category totals.
   */
  private static void reads(Expr e, Set<Object> out) {
    if (e instanceof Expr.Agg a) {
      out.add(a.signal().aggregate());
    } else if (e instanceof Expr.Members m) {
      out.add(m.aggregate());
    } else if (e instanceof Expr.TraitRef
        || e instanceof Expr.ScoreRef
        || e instanceof Expr.CategoryTotal) {
      out.add(e);
    }
    for (Expr child : e.children()) {
      reads(child, out);
    }
  }

  /**
   * Where {@code {name}} is in a template's text: exact when the string is written in the canonical
   * escapes (as the formatter writes it), else the whole string.
   */
  private static Ast.Span placeholderSpan(Ast.StrLit text, String name) {
    String quoted = Printer.quote(text.value());
    int at = quoted.indexOf("{" + name + "}");
    if (at < 0 || text.span().length() != quoted.length()) {
      return text.span();
    }
    return new Ast.Span(
        text.span().line(), text.span().column() + at, name.length() + 2, text.span().line());
  }
}
