package dev.pls.core.model;

import java.time.Duration;

/**
 * A model's time resolution: the size of the buckets its windows are counted in.
 *
 * <p>With {@link #DAY}, a window of {@code 7d} is the calendar day containing the as-of instant (up
 * to that instant) and the six calendar days before it, in the model's time zone. With {@link
 * #HOUR}, a window of {@code 12h} is the clock hour containing the as-of instant and the eleven
 * hours of elapsed time before it.
 */
public enum Resolution {
  HOUR(Duration.ofHours(1), "1h"),
  DAY(Duration.ofDays(1), "1d");

  private final Duration length;
  private final String text;

  Resolution(Duration length, String text) {
    this.length = length;
    this.text = text;
  }

  /** The nominal length of one bucket: one hour or 24 hours. */
  public Duration length() {
    return length;
  }

  /** How many hours one bucket nominally spans: 1 or 24. */
  public int hours() {
    return (int) length.toHours();
  }

  /** The text of this resolution in the rules language: {@code 1h} or {@code 1d}. */
  @Override
  public String toString() {
    return text;
  }
}
