package dev.pls.core.internal.fast;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/*
 * The local epoch day of an instant, as Aggregation.epochDay gives it, with the zone offset kept
 * for the span of seconds between two of the zone's transitions: an ingest thread asks for the day
 * of every event, and events arrive mostly in time order, so nearly every call is an interval test
 * and an add instead of ZoneRules.getOffset (which, past the zone's last listed transition, finds
 * the year's transitions through a map keyed by a boxed year, per call). A fixed-offset zone (UTC)
 * has one span for all time.
 */
/** Local epoch days of instants in one zone, for one thread. Not thread-safe. */
final class LocalDays {
  private final ZoneRules rules;
  // The offset holds for epoch seconds in [from, until).
  private long from = 1;
  private long until = 0;
  private int offset;

  LocalDays(ZoneRules rules) {
    this.rules = rules;
  }

  /** The epoch day of {@code t}'s local date: equal to {@link Aggregation#epochDay}. */
  long epochDay(Instant t) {
    return epochDay(t.getEpochSecond());
  }

  /**
   * The epoch day of the local date of any instant in epoch second {@code seconds} (the zone's
   * offset changes on whole seconds, so the nanosecond does not matter).
   */
  long epochDay(long seconds) {
    if (seconds < from || seconds >= until) {
      span(seconds);
    }
    return Math.floorDiv(seconds + offset, 86_400L);
  }

  /** The zone's offset at {@code t}, in seconds: equal to {@code rules.getOffset(t)}'s. */
  int offsetSeconds(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < from || seconds >= until) {
      span(seconds);
    }
    return offset;
  }

  /**
   * Finds the offset in epoch second {@code seconds} and the transitions around it: transitions are
   * whole seconds, so every instant of the second has the offset and transitions its start has.
   */
  private void span(long seconds) {
    Instant t = Instant.ofEpochSecond(seconds);
    offset = rules.getOffset(t).getTotalSeconds();
    // A transition takes effect at its instant, a whole second. previousTransition(x) is the
    // latest strictly before x, so asked for a nanosecond into t's second it gives the one in
    // effect at t, even when that one is at t itself.
    ZoneOffsetTransition previous = rules.previousTransition(Instant.ofEpochSecond(seconds, 1));
    from = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
    ZoneOffsetTransition next = rules.nextTransition(t);
    until = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    if (until <= seconds) {
      // Never expected (the next transition is after t); fall back to a span of t's second.
      until = seconds + 1;
    }
  }
}
