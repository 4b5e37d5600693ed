package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.internal.Evaluator;
import dev.pls.core.internal.InputChecks;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * The fast evaluator over an entity's events.
 *
 * One pass over the events: each event is matched once against each distinct filter of the plan,
 * then folded into the accumulator of every aggregate slot whose window it falls in. Window
 * starts are computed once per call from the shared TimeFrame arithmetic, days as epoch-day
 * numbers from the zone's offset (no LocalDate per event). Then the compiled conditions run
 * over the slot values: fired rules are a bit set and points are longs of hundredths; names, labels
 * and Values are made only for the card, and only for rules that fired.
 *
 * Exactness: counts, distinct counts, active days, days since and growth streaks are longs;
 * sums, minima and maxima stay BigDecimal as in the reference; minutes_between and trend divide
 * with the same MathContext. Arithmetic in conditions uses the reference's operations.
 */
/** The fast evaluator. Immutable and thread-safe; per-thread scratch state is reused. */
public final class FastScorer implements Evaluator {
  private final Plan plan;
  private final ThreadLocal<SlotValues> slotValues;
  private final Members members;

  public FastScorer(Model model) {
    this.plan = new Plan(requireNonNull(model, "model"));
    this.slotValues = ThreadLocal.withInitial(() -> new SlotValues(plan.slots, plan.memos));
    this.members = model.members().isPresent() ? new Members(plan) : null;
  }

  @Override
  public Model model() {
    return plan.model;
  }

  @Override
  public ScoreCard score(Entity entity, Instant asOf) {
    requireNonNull(entity, "entity");
    requireNonNull(asOf, "asOf");
    InputChecks.eventsBelong(plan.model.entity(), entity);
    InputChecks.traitsTyped(plan.model.traits(), entity.traits(), "entity.traits");
    InputChecks.members(plan.model, entity);
    if (members != null) {
      return account(entity, asOf);
    }
    SlotValues f = slotValues.get();
    f.nextEntity();
    for (int i = 0; i < plan.traitNames.size(); i++) {
      f.setValue(plan.traitSlots.get(i), entity.traits().get(plan.traitNames.get(i)));
    }
    aggregate(entity.events(), asOf, f);
    return card(plan, entity.id(), asOf, f);
  }

  /** An account that rolls up members: members first, then the account's own card. */
  private ScoreCard account(Entity entity, Instant asOf) {
    List<ScoreCard> cards = members.cards(entity, asOf);
    List<Entity> sorted = new ArrayList<>(entity.members());
    sorted.sort(java.util.Comparator.comparing(Entity::id));
    // A member's card is computed on this thread's slot values of the member scorer, not this one.
    SlotValues f = slotValues.get();
    f.nextEntity();
    for (int i = 0; i < plan.traitNames.size(); i++) {
      f.setValue(plan.traitSlots.get(i), entity.traits().get(plan.traitNames.get(i)));
    }
    Aggregation aggregation = new Aggregation(plan, asOf);
    boolean[] matched = new boolean[plan.filters.size()];
    Value[] properties = new Value[plan.properties.size()];
    for (Event e : entity.events()) {
      if (!e.time().isAfter(asOf)) {
        plan.match(e, f, matched, properties);
        aggregation.add(e.time(), matched, properties);
      }
    }
    members.aggregate(sorted, cards, asOf, aggregation, f, matched, properties);
    aggregation.finish(f);
    return card(plan, entity.id(), asOf, f, cards);
  }

  /**
   * The values the model reads for one entity, keyed as {@link dev.pls.core.input.FeatureTable}
   * columns are: what a warehouse would precompute. Empty values are missing.
   */
  public java.util.Map<String, Optional<Value>> features(Entity entity, Instant asOf) {
    requireNonNull(entity, "entity");
    requireNonNull(asOf, "asOf");
    InputChecks.eventsBelong(plan.model.entity(), entity);
    InputChecks.traitsTyped(plan.model.traits(), entity.traits(), "entity.traits");
    SlotValues f = new SlotValues(plan.slots, plan.memos);
    for (int i = 0; i < plan.traitNames.size(); i++) {
      f.setValue(plan.traitSlots.get(i), entity.traits().get(plan.traitNames.get(i)));
    }
    aggregate(entity.events(), asOf, f);
    java.util.Map<String, Optional<Value>> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < plan.traitNames.size(); i++) {
      out.put(plan.traitNames.get(i), Optional.ofNullable(f.value(plan.traitSlots.get(i))));
    }
    for (Plan.AggSlot a : plan.aggregates) {
      out.put(plan.key(a), Optional.ofNullable(f.value(a.slot())));
    }
    return out;
  }

  private void aggregate(List<Event> events, Instant asOf, SlotValues f) {
    Aggregation aggregation = new Aggregation(plan, asOf);
    boolean[] matched = new boolean[plan.filters.size()];
    Value[] properties = new Value[plan.properties.size()];
    for (Event e : events) {
      if (e.time().isAfter(asOf)) {
        continue;
      }
      plan.match(e, f, matched, properties);
      aggregation.add(e.time(), matched, properties);
    }
    aggregation.finish(f);
  }

  // ---- scoring ----

  /** The card of the entity whose values {@code f} holds. */
  static ScoreCard card(Plan p, String id, Instant asOf, SlotValues f) {
    return card(p, id, asOf, f, List.of());
  }

  /** The card, with the members' cards of an account that rolls them up. */
  static ScoreCard card(
      Plan p, String id, Instant asOf, SlotValues f, List<ScoreCard> memberCards) {
    Optional<String> excluded = Optional.empty();
    for (int i = 0; i < p.exclusions.length; i++) {
      if (p.exclusions[i].test(f)) {
        excluded = Optional.of(p.exclusionReasons[i]);
        break;
      }
    }
    List<CategoryScore> categories = new ArrayList<>(p.hasCap.length + 1);
    List<Contribution> contributions = new ArrayList<>();
    long score = 0;
    if (p.model.rollup().isPresent()) {
      Rollup rollup = p.model.rollup().get();
      long[] rolled = Members.rollUp(rollup, memberCards);
      categories.add(
          new CategoryScore(
              rollup.category(),
              new Points(Math.max(rolled[0], 0)),
              new Points(Math.min(rolled[0], 0)),
              new Points(rolled[1])));
      long included = memberCards.stream().filter(c -> !c.isExcluded()).count();
      if (included > 0) {
        contributions.add(
            new Contribution(
                rollup.category(),
                rollup.label(),
                rollup.category(),
                new Points(rolled[0]),
                new Points(rolled[1]),
                List.of(
                    new SignalValue(
                        "members", Optional.empty(), Optional.of(Value.num(included))))));
      }
      score = rolled[1];
    }
    for (int c = 0; c < p.hasCap.length; c++) {
      long positive = 0;
      long negative = 0;
      long appliedPositive = 0;
      long appliedNegative = 0;
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        if (!p.ruleConditions[r].test(f)) {
          continue;
        }
        long points = p.rulePoints[r];
        long applied = points;
        if (points >= 0) {
          positive += points;
          if (p.hasCap[c]) {
            applied = Math.min(points, Math.max(0, p.cap[c] - appliedPositive));
          }
          appliedPositive += applied;
        } else {
          negative += points;
          if (p.hasFloor[c]) {
            applied = Math.max(points, Math.min(0, p.floor[c] - appliedNegative));
          }
          appliedNegative += applied;
        }
        contributions.add(
            new Contribution(
                p.rules[r].id(),
                p.rules[r].label(),
                p.ruleCategory[r],
                p.rules[r].points(),
                new Points(applied),
                shown(p.ruleShown[r], f)));
      }
      long total = appliedPositive + appliedNegative;
      categories.add(
          new CategoryScore(
              p.model.categories().get(c).name(),
              new Points(positive),
              new Points(negative),
              new Points(total)));
      score += total;
    }
    String tier = Tier.NONE;
    f.score = score;
    if (excluded.isEmpty()) {
      for (int i = 0; i < p.tiers.length; i++) {
        if (p.tiers[i].test(f)) {
          tier = p.tierNames[i];
          break;
        }
      }
    }
    Model m = p.model;
    return new ScoreCard(
        id,
        m.entity(),
        m.id(),
        m.version(),
        asOf,
        new Points(score),
        tier,
        excluded,
        categories,
        contributions,
        memberCards,
        m.handoff().isPresent() ? Optional.of(facts(p, f)) : Optional.empty());
  }

  private static HandoffFacts facts(Plan p, SlotValues f) {
    String segment = Handoff.NO_SEGMENT;
    for (int i = 0; i < p.segments.length; i++) {
      if (p.segments[i].test(f)) {
        segment = p.segmentNames[i];
        break;
      }
    }
    List<String> triggers = new ArrayList<>();
    for (int i = 0; i < p.triggers.length; i++) {
      if (p.triggers[i].test(f)) {
        triggers.add(p.triggerNames[i]);
      }
    }
    Optional<String> suppressed = Optional.empty();
    for (int i = 0; i < p.suppressions.length; i++) {
      if (p.suppressions[i].test(f)) {
        suppressed = Optional.of(p.suppressionReasons[i]);
        break;
      }
    }
    List<String> holding = new ArrayList<>();
    for (int i = 0; i < p.holds.length; i++) {
      if (p.holds[i].test(f)) {
        holding.add(p.holdTiers[i]);
      }
    }
    List<SignalValue> context = new ArrayList<>(p.context.length);
    for (int i = 0; i < p.context.length; i++) {
      context.add(
          new SignalValue(
              p.contextNames[i], Optional.empty(), Optional.ofNullable(p.context[i].value(f))));
    }
    return new HandoffFacts(segment, triggers, suppressed, holding, context);
  }

  private static List<SignalValue> shown(Plan.Shown[] shown, SlotValues f) {
    List<SignalValue> out = new ArrayList<>(shown.length);
    for (Plan.Shown s : shown) {
      out.add(new SignalValue(s.name(), s.window(), Optional.ofNullable(f.value(s.slot()))));
    }
    return out;
  }
}
