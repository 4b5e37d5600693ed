package dev.pls.core.backtest;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/*
 * The store path. The store judges events by its clock: one dated after the clock is held apart
 * and one after clock + skew is rejected as future. A replay's clock is the replay's own time:
 * before each event it is moved to that event's time (if later), before each score to the instant
 * scored. So no event is ever ahead of the clock (none is held apart or rejected, with a skew of
 * zero), the store's earliestAsOf() is the newest event fed, and since the replay scores an instant
 * before it feeds any event after it, every score is as of an instant at or after earliestAsOf():
 * exact, as the store promises.
 */
/** Scores with an {@link EntityStore}: memory bounded by entities. */
final class StoreEngine implements Engine {
  private final ReplayClock clock = new ReplayClock();
  private final EntityStore store;

  /**
   * @throws IllegalArgumentException if the store does not hold {@code model}
   */
  StoreEngine(Model model, AccountRule accounts) {
    this(
        model,
        accounts,
        dev.pls.core.input.IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS,
        dev.pls.core.input.IdentityGraph.DEFAULT_MAX_KNOWN_IDS);
  }

  /**
   * @throws IllegalArgumentException if the store does not hold {@code model}
   */
  StoreEngine(Model model, AccountRule accounts, int maxAnonymousIds, int maxKnownIds) {
    this.store =
        EntityStore.builder(model)
            .identityLimits(maxAnonymousIds, maxKnownIds)
            .accountRule(accounts)
            .clock(clock)
            .maxSkew(Duration.ZERO)
            .build();
  }

  @Override
  public void traits(String entity, Map<String, Value> traits) {
    store.traits(entity, traits);
  }

  @Override
  public void userTraits(String user, Map<String, Value> traits) {
    store.userTraits(user, traits);
  }

  @Override
  public boolean ingest(Event event) {
    clock.advance(event.time());
    return store.ingest(event);
  }

  @Override
  public BatchScores scoreAll(Instant asOf) {
    clock.advance(asOf);
    return store.scoreAll(asOf);
  }

  @Override
  public ScoreCard score(String entity, Instant asOf) {
    clock.advance(asOf);
    return store.score(entity, asOf);
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public dev.pls.core.input.IdentityGraph.Outcome link(String id, String userId) {
    return store.link(id, userId);
  }

  @Override
  public dev.pls.core.input.IdentityGraph.Stats identityStats() {
    return store.identityStats();
  }

  @Override
  public String canonical(String id) {
    return store.ids(id).get(0);
  }

  /** The replay's time: the latest instant fed or scored. Used from the replay's thread only. */
  static final class ReplayClock extends Clock {
    private volatile Instant now = Instant.MIN;

    void advance(Instant t) {
      if (t.isAfter(now)) {
        now = t;
      }
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a replay's clock reads UTC");
    }
  }
}
