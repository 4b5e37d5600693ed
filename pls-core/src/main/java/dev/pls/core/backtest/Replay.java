package dev.pls.core.backtest;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;

/**
 * One run of a {@link Backtest}: fed trait records and then events in time order, it scores every
 * step as soon as an event after it arrives, and {@link #finish()} scores the steps left and sums
 * up. Memory is bounded by the entities (not the events) for every model the {@link
 * dev.pls.core.scoring.EntityStore} holds.
 *
 * <p>Events need be in time order only across steps: any order is fine between two steps, and an
 * event at or before a step that was already scored is refused. Not thread-safe; single use.
 */
public final class Replay {

  Replay(Backtest backtest) {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * Sets an entity's traits; it enters at the first step scored after this call.
   *
   * @throws IllegalArgumentException if a value does not have its trait's declared type
   * @throws IllegalStateException after {@link #finish()}
   */
  public void traits(String entity, Map<String, Value> traits) {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * Records a user's traits for the account rule (and, for a model of users or one that rolls up
   * members, as that user's traits).
   *
   * @throws IllegalStateException after {@link #finish()}
   */
  public void userTraits(String user, Map<String, Value> traits) {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * Feeds one event, first scoring every step before its time.
   *
   * @return false when the event cannot be keyed to an entity, or falls after the schedule's end
   *     (both counted in {@link #ignored()})
   * @throws IllegalArgumentException if the event is at or before a step already scored
   * @throws IllegalStateException after {@link #finish()}
   */
  public boolean event(Event event) {
    throw new UnsupportedOperationException("not yet built");
  }

  /** Events fed that could not be keyed or fell after the schedule's end. */
  public long ignored() {
    throw new UnsupportedOperationException("not yet built");
  }

  /** The instant before which events are refused: the last step scored, if any. */
  public java.util.Optional<Instant> lastStep() {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * Scores the steps left and sums up.
   *
   * @throws IllegalStateException if called twice
   */
  public BacktestResult finish() {
    throw new UnsupportedOperationException("not yet built");
  }
}
