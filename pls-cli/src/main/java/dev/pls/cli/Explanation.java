package dev.pls.cli;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Category;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Trait;
import dev.pls.core.model.Value;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/*
 * What `pls explain` prints for one entity: a sales rep's reading of the card, then the closest
 * rules that did not fire.
 *
 * "Closest" is kept simple and predictable. Only rules that would have added points count (a
 * negative rule not firing is good news). A rule's condition is split into its top-level `and`
 * parts; a rule is as close as the number of parts that do not hold. Rules are ranked by that
 * number, then by points (more first), then in model order, and the first three are shown, each
 * unmet part as "needs PART, has VALUES" with the values the part reads.
 *
 * The scorer reports values only for rules that fired, so the parts are evaluated by scoring the
 * entity with a probe model: the same traits, signals, zone and resolution, and for each part two
 * rules — the part itself (fires when it holds) and "part or not part" (always fires, so its
 * contribution carries the values the part reads). The probe goes through the same scorer factory
 * as the real card, so the explanation can never disagree with the score.
 */
/** The text {@code pls explain} prints for one scored entity. */
final class Explanation {
  static final int CLOSEST = 3;

  /** How many members an account's explanation lists unless asked for all. */
  static final int TOP_MEMBERS = 10;

  /**
   * Members in the order a seller reads them: those the rollup counts by score, highest first (ties
   * by id), then the excluded ones (they count nowhere) by id.
   */
  private static final Comparator<ScoreCard> BY_CONTRIBUTION =
      Comparator.comparing((ScoreCard m) -> m.isExcluded())
          .thenComparing(ScoreCard::score, Comparator.reverseOrder())
          .thenComparing(ScoreCard::entity);

  private Explanation() {}

  private record Part(Expr condition, List<SignalValue> values) {}

  /** Decayed points with two decimals and a sign: {@code +7.50}, {@code -0.25}, {@code +0.00}. */
  static String decayed(dev.pls.core.model.Points p) {
    String text = java.math.BigDecimal.valueOf(p.hundredths(), 2).toPlainString();
    return p.signum() < 0 ? text : "+" + text;
  }

  /** {@code of 15, 30 days old}: the points as written and the age they decayed by. */
  static String decayedFrom(dev.pls.core.card.Decayed d) {
    return "of " + d.written() + ", " + d.ageText();
  }

  private record Miss(Rule rule, int order, List<Part> unmet) {}

  static String of(Model model, Entity entity, ScoreCard card, Instant asOf) {
    return of(model, entity, card, asOf, Integer.MAX_VALUE);
  }

  /**
   * The explanation, listing at most {@code members} of an account's members (the highest scores
   * first) and then how many more there are.
   */
  static String of(Model model, Entity entity, ScoreCard card, Instant asOf, int members) {
    return of(model, entity, card, asOf, members, List.of());
  }

  /**
   * The explanation, as {@link #of(Model, Entity, ScoreCard, Instant, int)}, naming {@code ids},
   * the ids found to be the card's person (its own first), when there are more than one.
   */
  static String of(
      Model model, Entity entity, ScoreCard card, Instant asOf, int members, List<String> ids) {
    StringBuilder sb = new StringBuilder();
    sb.append(card.kind().displayName()).append(' ').append(card.entity());
    sb.append(": tier ").append(card.tier()).append(", score ").append(card.score());
    card.cell().ifPresent(c -> sb.append(", cell ").append(c));
    sb.append('\n');
    if (ids.size() > 1) {
      sb.append("ids: ").append(String.join(", ", ids));
      sb.append(" (").append(ids.size()).append(" ids, one person; events of every one count)\n");
    }
    sb.append("model ").append(card.model()).append(" v").append(card.version());
    sb.append(", as of ").append(asOf).append('\n');
    sb.append(
            card.excluded()
                .map(r -> "excluded: " + r + " (tier none whatever the score)")
                .orElse("not excluded"))
        .append("\n\n");

    if (model.memberModel().isPresent()) {
      List<ScoreCard> ordered = new ArrayList<>(card.members());
      ordered.sort(BY_CONTRIBUTION);
      int shown = Math.min(members, ordered.size());
      sb.append(
          shown < ordered.size()
              ? "members, the " + shown + " highest scores of " + ordered.size() + ":\n"
              : "members, highest score first:\n");
      if (ordered.isEmpty()) {
        sb.append("  (none)\n");
      }
      for (ScoreCard m : ordered.subList(0, shown)) {
        sb.append("  ").append(m.entity()).append(": score ").append(m.score());
        sb.append(", tier ").append(m.tier());
        m.excluded().ifPresent(r -> sb.append(" (excluded: ").append(r).append("; not counted)"));
        sb.append('\n');
      }
      if (shown < ordered.size()) {
        int more = ordered.size() - shown;
        sb.append("  … and ")
            .append(more)
            .append(more == 1 ? " more member" : " more members")
            .append(" (--all-members lists every one)\n");
      }
      sb.append('\n');
    }

    sb.append("fired rules:\n");
    if (card.contributions().isEmpty()) {
      sb.append("  (none)\n");
    }
    for (Contribution c : card.contributions()) {
      sb.append("  ");
      if (c.decayed().isPresent() && !c.limited()) {
        // "+7.50 of 15, 30 days old": decayed points to the hundredth, as a seller reads them
        sb.append(decayed(c.points())).append(' ').append(decayedFrom(c.decayed().get()));
      } else {
        sb.append(c.applied().toSignedString());
      }
      if (c.limited()) {
        sb.append(" of ").append(c.points().toSignedString());
        c.decayed().ifPresent(d -> sb.append(" (").append(decayedFrom(d)).append(')'));
      }
      sb.append("  ").append(c.label()).append(" [").append(c.ruleId()).append(']');
      Optional<Rollup> rollup = model.rollup().filter(r -> r.category().equals(c.ruleId()));
      if (c.limited() && rollup.isPresent()) {
        sb.append(" (each member ").append(rollup.get().bounds().orElseThrow()).append(')');
      } else if (c.limited()) {
        sb.append(" (").append(c.category()).append(c.points().signum() > 0 ? " cap" : " floor");
        sb.append(" reached)");
      }
      sb.append('\n');
      if (!c.values().isEmpty()) {
        sb.append("      ").append(values(c.values())).append('\n');
      }
    }

    sb.append("\ncategories:\n");
    int width = card.categories().stream().mapToInt(c -> c.name().length()).max().orElse(0);
    for (CategoryScore cs : card.categories()) {
      sb.append("  ").append(pad(cs.name(), width)).append("  ").append(cs.total());
      Optional<Category> found =
          model.categories().stream().filter(c -> c.name().equals(cs.name())).findFirst();
      if (found.isEmpty()) {
        // The rollup's category: its limit is the member cap, said with its contribution.
        sb.append("  (").append(model.rollup().orElseThrow().label()).append(")\n");
        continue;
      }
      Category category = found.get();
      if (cs.limited()) {
        sb.append(" (");
        List<String> why = new ArrayList<>();
        if (category.cap().isPresent() && cs.positive().compareTo(category.cap().get()) > 0) {
          why.add("+" + cs.positive() + " capped at " + category.cap().get());
        }
        if (category.floor().isPresent() && cs.negative().compareTo(category.floor().get()) < 0) {
          why.add(cs.negative() + " floored at " + category.floor().get());
        }
        sb.append(String.join(", ", why)).append(')');
      }
      sb.append('\n');
    }

    sb.append("\nclosest rules that did not fire:\n");
    List<Miss> misses;
    try {
      misses = closest(model, entity, card, asOf);
    } catch (IllegalArgumentException e) {
      // A probe model the core refuses is a limit of this explanation, not a user error; the rest
      // of the explanation stands.
      sb.append("  (cannot be worked out for this model: ").append(e.getMessage()).append(")\n");
      return sb.toString();
    }
    if (misses.isEmpty()) {
      sb.append("  (none: every rule that adds points fired)\n");
    }
    for (Miss m : misses) {
      sb.append("  ").append(m.rule.points().toSignedString()).append("  ").append(m.rule.label());
      sb.append(" [").append(m.rule.id()).append("]\n");
      for (Part p : m.unmet) {
        sb.append("      needs ").append(p.condition).append(", has ").append(has(p.values));
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** The rules that would have added points and did not fire, closest first, at most three. */
  private static List<Miss> closest(Model model, Entity entity, ScoreCard card, Instant asOf) {
    List<Rule> candidates = new ArrayList<>();
    for (Rule r : model.rules()) {
      if (r.points().signum() > 0 && !card.contribution(r.id()).isPresent()) {
        candidates.add(r);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    Model.Builder probe =
        Model.builder(model.id())
            .version(model.version())
            .entity(model.entity())
            .resolution(model.resolution())
            .zone(model.zone());
    for (Trait t : model.traits()) {
      probe.trait(t);
    }
    if (model.memberModel().isPresent()) {
      probe.memberModel(model.memberModel().get()).rollup(model.rollup().orElseThrow());
    }
    model.signals().forEach(probe::signal);
    List<List<Expr>> parts = new ArrayList<>();
    for (Rule r : candidates) {
      parts.add(conjuncts(r.condition()));
    }
    probe.category(
        "probe",
        c -> {
          for (int i = 0; i < parts.size(); i++) {
            for (int k = 0; k < parts.get(i).size(); k++) {
              Expr part = parts.get(i).get(k);
              c.rule("h" + i + "_" + k, part, 1, "h" + i + "_" + k);
              c.rule(
                  "v" + i + "_" + k,
                  new Expr.Or(List.of(part, new Expr.Not(part))),
                  1,
                  "v" + i + "_" + k);
            }
          }
        });
    ScoreCard probed = Scorers.forModel(probe.build()).score(entity, asOf);
    List<Miss> misses = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      List<Part> unmet = new ArrayList<>();
      for (int k = 0; k < parts.get(i).size(); k++) {
        boolean holds = probed.fired("h" + i + "_" + k);
        Optional<Contribution> v = probed.contribution("v" + i + "_" + k);
        List<SignalValue> values = v.map(Contribution::values).orElse(List.of());
        if (!holds) {
          unmet.add(new Part(parts.get(i).get(k), values));
        }
      }
      misses.add(new Miss(candidates.get(i), i, unmet));
    }
    return misses.stream()
        .sorted(
            Comparator.<Miss>comparingInt(m -> m.unmet.size())
                .thenComparing((Miss m) -> m.rule.points(), Comparator.reverseOrder())
                .thenComparingInt(m -> m.order))
        .limit(CLOSEST)
        .toList();
  }

  private static List<Expr> conjuncts(Expr e) {
    if (e instanceof Expr.And and) {
      List<Expr> all = new ArrayList<>();
      for (Expr o : and.operands()) {
        all.addAll(conjuncts(o));
      }
      return all;
    }
    return List.of(e);
  }

  private static String values(List<SignalValue> values) {
    return values.stream().map(Explanation::shown).collect(Collectors.joining("; "));
  }

  /**
   * A signal as {@code name within 7d = value}, its value {@link #shown(Value) as a seller reads
   * it}.
   */
  private static String shown(SignalValue v) {
    return v.window().map(w -> v.name() + " within " + w).orElse(v.name())
        + " = "
        + v.value().map(Explanation::shown).orElse("missing");
  }

  /**
   * A value as a seller reads it: numbers to hundredths at most, half-even ({@code -23.08}, not
   * {@code -23.0769230769230769230769230769}); the card keeps the exact value.
   */
  static String shown(Value value) {
    if (value instanceof Value.Num n && n.value().scale() > 2) {
      return n.value().setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static String has(List<SignalValue> values) {
    if (values.size() == 1) {
      return values.get(0).value().map(Explanation::shown).orElse("missing");
    }
    return values.isEmpty() ? "nothing it reads" : values(values);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
