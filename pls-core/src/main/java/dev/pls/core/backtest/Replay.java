package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/*
 * A replay feeds events to an Engine (the entity store, or whole entities for the models the store
 * does not hold) and scores at each instant of the schedule before it feeds anything after it, so
 * that a score as of T never sees an event after T. What each score shows is folded at once into a
 * Tally (a few numbers per entity), so nothing grows with steps x entities.
 *
 * Grid: the next step to score is `next`; an event at t first scores every step strictly before t
 * (an event at a step counts for it). Cohort: each entity's instant (its first cohort event's time
 * plus `after`) waits in a priority queue and is scored, grouped with the others at the same
 * instant, before any event after it is fed. The cohort event that gives an entity its instant
 * may arrive after events later than that instant were fed (events between two scores come in any
 * order); its score would then see them, so such an event is refused, as an event at or before a
 * scored instant is. An entity's first cohort event may arrive after a later one of the same
 * entity: its instant moves earlier, and the queue's stale entry is skipped when it comes up.
 *
 * Cohort and identity links: a cohort event counts for its user's person as of when it is fed
 * (its canonical id then), so a person's instant is its earliest cohort event among the ids
 * linked to it so far. A link that joins two people while both wait gives the person the earlier
 * of their instants; when one of them was already scored, the person was scored (at that
 * instant, under the id it had then, as a live system would have) and is not scored again; when
 * both were, both scores stay. The cohort's keys (an account model's users) are merged as the
 * engine's are.
 */
/**
 * One run of a {@link Backtest}: fed trait records and then events in time order, it scores every
 * step as soon as an event after it arrives, and {@link #finish()} scores the steps left and sums
 * up. Memory is bounded by the entities (not the events) for every model the {@link
 * dev.pls.core.scoring.EntityStore} holds; for an account model that rolls up members, which the
 * store does not hold, the replay keeps every event fed and rescores whole entities at each step.
 *
 * <p>Events need be in time order only across steps: any order is fine between two steps, and an
 * event at or before a step that was already scored is refused. Not thread-safe; single use.
 */
public final class Replay {
  private final Backtest backtest;
  private final Model model;
  private final Engine engine;
  private final Tally tally;
  private final Schedule.Grid grid;
  private final Schedule.Cohort cohort;
  private final Keys keys;
  private final int total;
  private int next;
  private Instant last;
  private Instant newest;
  private long ignored;
  private boolean finished;
  private final List<StepCount> counts = new ArrayList<>();
  // Cohort only: the entities waiting to be scored, by instant, and each one's instant; the
  // entities scored.
  private final PriorityQueue<Pending> pending = new PriorityQueue<>();
  private final Map<String, Instant> waiting = new HashMap<>();
  private final Set<String> scored = new HashSet<>();
  private int cohortScored;
  // Whether a link joined ids: only then are the cohort's keys read through canonical ids.
  private boolean linked;

  private record Pending(Instant at, String entity) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : entity.compareTo(o.entity);
    }
  }

  Replay(Backtest backtest) {
    this(
        backtest,
        Engine.of(
            backtest.model(),
            backtest.accountRule(),
            dev.pls.core.input.IdentityGraph.withLimits(
                backtest.maxAnonymousIds(), backtest.maxKnownIds())));
  }

  /** A replay through {@code engine} (tests run both engines on the same cases). */
  Replay(Backtest backtest, Engine engine) {
    this.backtest = backtest;
    this.model = backtest.model();
    this.engine = engine;
    this.tally = new Tally(model, backtest.schedule(), backtest.outcomes());
    this.grid = backtest.schedule() instanceof Schedule.Grid g ? g : null;
    this.cohort = backtest.schedule() instanceof Schedule.Cohort c ? c : null;
    this.keys = cohort != null ? new Keys(model, backtest.accountRule()) : null;
    this.total = grid != null ? grid.count() : -1;
  }

  /**
   * Sets an entity's traits, replacing those set before; it enters at the first step scored after
   * this call.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value does not have its trait's declared type
   * @throws IllegalStateException after {@link #finish()}
   */
  public void traits(String entity, Map<String, Value> traits) {
    requireNonNull(entity, "entity");
    requireNonNull(traits, "traits");
    open();
    engine.traits(entity, traits);
  }

  /**
   * Records a user's traits for the account rule (and, for a model of users or one that rolls up
   * members, as that user's traits), replacing those recorded before.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException after {@link #finish()}
   */
  public void userTraits(String user, Map<String, Value> traits) {
    requireNonNull(user, "user");
    requireNonNull(traits, "traits");
    open();
    engine.userTraits(user, traits);
    if (keys != null) {
      keys.userTraits(linked ? engine.canonical(user) : user, traits);
    }
  }

  /**
   * Feeds one event, first scoring every step before its time.
   *
   * @return false when the event cannot be keyed to an entity, or falls after the schedule's end
   *     (both counted in {@link #ignored()})
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if the event is at or before a step already scored (or, in a
   *     cohort backtest, it gives its entity an instant before an event already fed)
   * @throws IllegalStateException after {@link #finish()}
   */
  public boolean event(Event event) {
    requireNonNull(event, "event");
    open();
    Instant t = event.time();
    if (last != null && !t.isAfter(last)) {
      throw new IllegalArgumentException(
          "event: its time "
              + t
              + " is at or before "
              + last
              + ", a step already scored; feed events in time order");
    }
    if (grid != null) {
      while (next < total && grid.at(next).isBefore(t)) {
        scoreStep();
      }
      if (t.isAfter(grid.to())) {
        ignored++;
        return false;
      }
    } else {
      scoreCohortBefore(t);
      Optional<String> key =
          keys.key(
              linked && event.hasUser()
                  ? new Event(
                      engine.canonical(event.user()),
                      event.account(),
                      event.name(),
                      t,
                      event.properties())
                  : event);
      if (key.isPresent() && event.name().equals(cohort.event())) {
        startClock(key.get(), t.plus(cohort.after()));
      }
    }
    if (!engine.ingest(event)) {
      ignored++;
      return false;
    }
    if (newest == null || t.isAfter(newest)) {
      newest = t;
    }
    return true;
  }

  /**
   * Links {@code id} (an anonymous id, or an alias's previous id) to the known {@code userId} as of
   * {@code time}, first scoring every step before it, as an event at that time would: steps before
   * the link scored the two ids apart, steps from it on score one person with the events of both,
   * including those fed before the link ({@link dev.pls.core.scoring.EntityStore#link}).
   *
   * @return what the link did (refused beyond the identity graph's limits)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id is not a valid id, or {@code time} is at or before a
   *     step already scored
   * @throws IllegalStateException after {@link #finish()}
   */
  public dev.pls.core.input.IdentityGraph.Outcome link(String id, String userId, Instant time) {
    requireNonNull(id, "id");
    requireNonNull(userId, "userId");
    requireNonNull(time, "time");
    open();
    if (last != null && !time.isAfter(last)) {
      throw new IllegalArgumentException(
          "time: "
              + time
              + " is at or before "
              + last
              + ", a step already scored; feed links in time order with the events");
    }
    if (grid != null) {
      while (next < total && grid.at(next).isBefore(time)) {
        scoreStep();
      }
    } else {
      scoreCohortBefore(time);
    }
    if (cohort == null) {
      return engine.link(id, userId);
    }
    String before = engine.canonical(id);
    String beforeUser = engine.canonical(userId);
    dev.pls.core.input.IdentityGraph.Outcome outcome = engine.link(id, userId);
    if (outcome == dev.pls.core.input.IdentityGraph.Outcome.JOINED) {
      linked = true;
      String winner = engine.canonical(id);
      String loser = winner.equals(before) ? beforeUser : before;
      keys.merge(loser, winner);
      if (model.entity() == dev.pls.core.model.EntityKind.USER) {
        joinCohortClocks(loser, winner);
      }
    }
    return outcome;
  }

  /**
   * The person {@code loser} is now part of the person {@code winner}: one cohort instant, the
   * earlier of the two waiting, and none when either was scored already.
   */
  private void joinCohortClocks(String loser, String winner) {
    Instant lost = waiting.remove(loser);
    if (scored.remove(loser)) {
      // Scored once already (as the loser's id): the person is not scored again.
      scored.add(winner);
      waiting.remove(winner);
      return;
    }
    if (lost == null || scored.contains(winner)) {
      return;
    }
    Instant had = waiting.get(winner);
    if (had == null || lost.isBefore(had)) {
      waiting.put(winner, lost);
      pending.add(new Pending(lost, winner));
    }
  }

  /** What the links fed did: ids merged into people, links refused by the limits. */
  public dev.pls.core.input.IdentityGraph.Stats identityStats() {
    return engine.identityStats();
  }

  /** Events fed that could not be keyed or fell after the schedule's end. */
  public long ignored() {
    return ignored;
  }

  /** The instant before which events are refused: the last step scored, if any. */
  public Optional<Instant> lastStep() {
    return Optional.ofNullable(last);
  }

  /**
   * Scores the steps left and sums up.
   *
   * @throws IllegalStateException if called twice
   */
  public BacktestResult finish() {
    open();
    finished = true;
    int steps;
    long skipped = 0;
    if (grid != null) {
      while (next < total) {
        scoreStep();
      }
      steps = total;
    } else {
      scoreCohortBefore(null);
      steps = cohortScored;
      // People, not scores: two people scored apart and joined later are one person scored.
      skipped = engine.size() - (long) scored.size();
    }
    return new BacktestResult(
        tally.summary(backtest.schedule(), steps, skipped),
        tally.results(),
        counts,
        Optional.of(tally.capacity()));
  }

  private void open() {
    if (finished) {
      throw new IllegalStateException("replay: finished; start another to replay again");
    }
  }

  /** Scores the grid's next step. */
  private void scoreStep() {
    Instant at = grid.at(next);
    BatchScores scores = engine.scoreAll(at);
    long[] tiers = new long[model.tiers().size() + 1];
    tally.fold(scores, next, at, tiers);
    Map<String, Long> byTier = new LinkedHashMap<>();
    for (int i = 0; i < model.tiers().size(); i++) {
      byTier.put(model.tiers().get(i).name(), tiers[i]);
    }
    byTier.put(dev.pls.core.model.Tier.NONE, tiers[tiers.length - 1]);
    counts.add(new StepCount(at, scores.size(), byTier));
    last = at;
    next++;
    int done = next;
    backtest.listener().ifPresent(l -> l.step(at, scores, done, total));
  }

  /** Gives {@code entity} the instant {@code at}, unless it has an earlier one or was scored. */
  private void startClock(String entity, Instant at) {
    if (scored.contains(entity)) {
      return;
    }
    Instant had = waiting.get(entity);
    if (had != null && !at.isBefore(had)) {
      return;
    }
    if (newest != null && at.isBefore(newest)) {
      throw new IllegalArgumentException(
          "event: it starts the cohort clock of '"
              + entity
              + "' at "
              + at
              + ", before "
              + newest
              + ", an event already fed; feed events in time order");
    }
    waiting.put(entity, at);
    pending.add(new Pending(at, entity));
  }

  /** Scores every waiting entity whose instant is before {@code t} (all of them when null). */
  private void scoreCohortBefore(Instant t) {
    while (!pending.isEmpty() && (t == null || pending.peek().at().isBefore(t))) {
      Instant at = pending.peek().at();
      List<ScoreCard> cards = new ArrayList<>();
      while (!pending.isEmpty() && pending.peek().at().equals(at)) {
        Pending p = pending.poll();
        if (!at.equals(waiting.get(p.entity()))) {
          continue; // superseded by an earlier instant, already scored
        }
        waiting.remove(p.entity());
        scored.add(p.entity());
        cards.add(engine.score(p.entity(), at));
      }
      if (cards.isEmpty()) {
        continue;
      }
      BatchScores scores = new CardBatch(cards, CardBatch.ruleIndex(model));
      tally.fold(scores, 0, at, null);
      cohortScored += cards.size();
      last = at;
      int done = cohortScored;
      backtest.listener().ifPresent(l -> l.step(at, scores, done, -1));
    }
  }
}
