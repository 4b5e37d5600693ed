package dev.pls.core.backtest;

/**
 * A proportion with its 95% Wilson score interval: {@code value} = {@code count} ÷ {@code of}.
 *
 * @param count the numerator, e.g. entities that converted
 * @param of the denominator, never zero (a ratio with a zero denominator is absent instead)
 * @param value {@code count / of}
 * @param low the lower end of the 95% Wilson score interval
 * @param high the upper end of the 95% Wilson score interval
 */
public record Rate(long count, long of, double value, double low, double high) {

  /** The normal quantile of a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  public Rate {
    if (count < 0 || of <= 0 || count > of) {
      throw new IllegalArgumentException(
          "count, of: expected 0 <= count <= of and of > 0, was " + count + " of " + of);
    }
  }

  /** {@code count ÷ of} with its 95% Wilson score interval. */
  public static Rate of(long count, long of) {
    if (count < 0 || of <= 0 || count > of) {
      throw new IllegalArgumentException(
          "count, of: expected 0 <= count <= of and of > 0, was " + count + " of " + of);
    }
    double n = of;
    double p = count / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    return new Rate(count, of, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
