package dev.pls.core.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets, for code that reads the time (a store judging events dated ahead of it): it
 * reads what it was last set to. Thread-safe.
 */
public final class SetClock extends Clock {
  private volatile Instant now;

  /** A clock reading {@code now} until set otherwise. */
  public SetClock(Instant now) {
    this.now = requireNonNull(now, "now");
  }

  /** From now on the clock reads {@code now}. */
  public void set(Instant now) {
    this.now = requireNonNull(now, "now");
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
    throw new UnsupportedOperationException("a set clock reads UTC");
  }
}
