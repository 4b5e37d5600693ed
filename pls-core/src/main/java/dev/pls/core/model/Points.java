package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * An exact number of score points with at most two decimal places, held as hundredths.
 *
 * <p>Rule points, category caps and floors, scores and contributions are all {@code Points}, so
 * sums are exact and a card's contributions add up to its score to the hundredth.
 *
 * @param hundredths the value times 100
 */
public record Points(long hundredths) implements Comparable<Points> {

  private static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  /** Zero points. */
  public static final Points ZERO = new Points(0);

  /** The largest magnitude a single {@code Points} value written in a model may have. */
  public static final long MAX_WHOLE = 1_000_000_000L;

  /** Whole points: {@code Points.of(20)}. */
  public static Points of(long whole) {
    // not Math.abs: it is negative for Long.MIN_VALUE, which would then overflow below
    if (whole > MAX_WHOLE || whole < -MAX_WHOLE) {
      throw new IllegalArgumentException("points: magnitude above " + MAX_WHOLE + ": " + whole);
    }
    return new Points(whole * 100);
  }

  /**
   * Points from a decimal with at most two decimal places.
   *
   * @throws IllegalArgumentException if {@code value} has more than two decimal places or is out of
   *     range
   */
  public static Points of(BigDecimal value) {
    requireNonNull(value, "value");
    BigDecimal v = value.stripTrailingZeros();
    if (v.scale() > 2) {
      throw new IllegalArgumentException(
          "points: at most 2 decimal places allowed, was " + value.toPlainString());
    }
    if (v.abs().compareTo(BigDecimal.valueOf(MAX_WHOLE)) > 0) {
      throw new IllegalArgumentException(
          "points: magnitude above " + MAX_WHOLE + ": " + value.toPlainString());
    }
    return new Points(v.movePointRight(2).longValueExact());
  }

  /**
   * Points from their text: {@code "20"}, {@code "+20"}, {@code "-15"}, {@code "2.5"}.
   *
   * @throws IllegalArgumentException if {@code text} is not a decimal with at most two places
   */
  public static Points parse(String text) {
    requireNonNull(text, "text");
    String t = text.strip();
    // Plain decimals only: BigDecimal alone would also take "1e1" and ".5".
    if (!PLAIN_DECIMAL.matcher(t).matches()) {
      throw new IllegalArgumentException("text: not a number of points: '" + text + "'");
    }
    return of(new BigDecimal(t));
  }

  /** The sum, exactly. */
  public Points plus(Points other) {
    return new Points(Math.addExact(hundredths, other.hundredths));
  }

  /** The difference, exactly. */
  public Points minus(Points other) {
    return new Points(Math.subtractExact(hundredths, other.hundredths));
  }

  /** The smaller of the two. */
  public static Points min(Points a, Points b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The larger of the two. */
  public static Points max(Points a, Points b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Sign: -1, 0 or 1. */
  public int signum() {
    return Long.signum(hundredths);
  }

  /** The value as an exact decimal without trailing zeros. */
  public BigDecimal toBigDecimal() {
    BigDecimal d = BigDecimal.valueOf(hundredths, 2).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  @Override
  public int compareTo(Points other) {
    return Long.compare(hundredths, other.hundredths);
  }

  /** Plain decimal text without a plus sign: {@code 20}, {@code -15}, {@code 2.5}. */
  @Override
  public String toString() {
    return toBigDecimal().toPlainString();
  }

  /** Signed text as written in a rule: {@code +20}, {@code -15}, {@code +0}. */
  public String toSignedString() {
    return hundredths < 0 ? toString() : "+" + this;
  }
}
