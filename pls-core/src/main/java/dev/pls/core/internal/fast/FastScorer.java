package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.internal.Evaluator;
import dev.pls.core.internal.InputChecks;
import dev.pls.core.model.Model;
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
 * over the slot values a row at a time (ChunkEvaluator.evaluateOne): fired rules are a bit set and
 * points are longs of hundredths. The card is then assembled from those (CardAssembler, shared with
 * the batch engines); names, labels and Values are made only for it, only for rules that fired.
 *
 * Exactness: counts, distinct counts, active days, days since and growth streaks are longs;
 * sums, minima and maxima stay BigDecimal as in the reference (sums exact while folding, rounded
 * when read); minutes_between, trend and arithmetic in conditions round through the shared
 * internal.Arithmetic, so every engine rounds alike.
 */
/** The fast evaluator. Immutable and thread-safe; per-thread scratch state is reused. */
public final class FastScorer implements Evaluator {
  private final Plan plan;
  private final ThreadLocal<SlotValues> slotValues;
  private final Members members;
  private final ChunkEvaluator evaluator;
  private final CardAssembler cards;

  public FastScorer(Model model) {
    this.plan = new Plan(requireNonNull(model, "model"));
    this.evaluator = new ChunkEvaluator(plan);
    this.cards = new CardAssembler(plan);
    this.slotValues = ThreadLocal.withInitial(() -> new SlotValues(plan.slots, plan.memos));
    this.members = model.memberModel().isPresent() ? new Members(plan) : null;
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
    return card(entity.id(), asOf, f, List.of());
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
    return card(entity.id(), asOf, f, cards);
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

  /**
   * The card of the entity whose values {@code f} holds: its rules run once, a row at a time, then
   * the card is assembled from what they left. {@code memberCards} are an account's members' cards.
   */
  private ScoreCard card(String id, Instant asOf, SlotValues f, List<ScoreCard> memberCards) {
    long rolledUp =
        plan.model.rollup().isPresent()
            ? Members.rollUp(plan.model.rollup().get(), memberCards)[1]
            : 0;
    Outcomes one = new Outcomes(plan, 1);
    evaluator.evaluateOne(f, rolledUp, one, 0, plan.frame(asOf));
    return cards.card(id, asOf, one, 0, f, memberCards);
  }
}
