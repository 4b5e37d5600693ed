package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A look-back window attached to an aggregate: {@code within 7d}.
 *
 * <p>A window covers the N buckets of the model's {@link Resolution} that end with the bucket
 * containing the as-of instant T, up to and including T. Its length must be a whole number of
 * buckets; {@link Model.Builder#build()} checks that against the model's resolution and against
 * {@link #MAX_DAYS}.
 *
 * @param amount how many units, at least 1
 * @param unit hours, days or weeks
 */
public record Window(int amount, Unit unit) implements Comparable<Window> {

  /** The longest window a model may use, in days (two years). */
  public static final int MAX_DAYS = 731;

  /** The unit a window is written in. */
  public enum Unit {
    HOURS(1, "h"),
    DAYS(24, "d"),
    WEEKS(24 * 7, "w");

    private final int hours;
    private final String suffix;

    Unit(int hours, String suffix) {
      this.hours = hours;
      this.suffix = suffix;
    }

    /** Hours in one unit. */
    public int hours() {
      return hours;
    }

    /** The suffix in the rules language: {@code h}, {@code d} or {@code w}. */
    public String suffix() {
      return suffix;
    }
  }

  public Window {
    requireNonNull(unit, "unit");
    if (amount <= 0) {
      throw new IllegalArgumentException(
          "amount: window must be positive, was " + amount + unit.suffix);
    }
    if ((long) amount * unit.hours > (long) MAX_DAYS * 24) {
      throw new IllegalArgumentException(
          "amount: window " + amount + unit.suffix + " exceeds the maximum of " + MAX_DAYS + "d");
    }
  }

  /** A window of {@code hours} hours. */
  public static Window hours(int hours) {
    return new Window(hours, Unit.HOURS);
  }

  /** A window of {@code days} days. */
  public static Window days(int days) {
    return new Window(days, Unit.DAYS);
  }

  /** A window of {@code weeks} weeks. */
  public static Window weeks(int weeks) {
    return new Window(weeks, Unit.WEEKS);
  }

  /** The window's nominal length in hours. */
  public int lengthHours() {
    return amount * unit.hours;
  }

  /** Whether this window is a whole number of {@code resolution} buckets. */
  public boolean fits(Resolution resolution) {
    return lengthHours() % resolution.hours() == 0;
  }

  /**
   * The number of {@code resolution} buckets this window covers.
   *
   * @throws IllegalArgumentException if the window is not a whole number of buckets
   */
  public int buckets(Resolution resolution) {
    requireNonNull(resolution, "resolution");
    if (!fits(resolution)) {
      throw new IllegalArgumentException(
          "window " + this + " is not a whole number of " + resolution + " buckets");
    }
    return lengthHours() / resolution.hours();
  }

  /** Orders windows by length, then by unit. */
  @Override
  public int compareTo(Window other) {
    int c = Integer.compare(lengthHours(), other.lengthHours());
    return c != 0 ? c : unit.compareTo(other.unit);
  }

  /** The window as written in the rules language, e.g. {@code 7d}. */
  @Override
  public String toString() {
    return amount + unit.suffix;
  }
}
