package dev.pls.core.internal.fast;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact conversions between decimals and the longs of the fast path. */
final class Numbers {
  /**
   * Literals at or beyond this magnitude stay on the generic path, so that range bounds (and a
   * score literal times 100) cannot overflow.
   */
  static final BigDecimal LIMIT = new BigDecimal("1e15");

  private Numbers() {}

  /**
   * Whether {@code d}, a normalised decimal (as {@code Value.Num} holds), is a whole number of at
   * most 18 digits, which always fits a {@code long}.
   */
  static boolean isLong(BigDecimal d) {
    return d.scale() <= 0 && d.precision() - d.scale() <= 18;
  }

  /**
   * The value of a decimal that {@link #isLong} accepts. A normalised whole number with trailing
   * zeros (2000 is 2E+3) is rescaled first: longValueExact() would go through a BigInteger.
   */
  static long toLong(BigDecimal d) {
    return d.scale() == 0 ? d.longValue() : d.setScale(0).longValue();
  }

  /** Whether a literal is small enough for {@link #floor}/{@link #ceil} bounds. */
  static boolean small(BigDecimal d) {
    return d.abs().compareTo(LIMIT) < 0;
  }

  static long floor(BigDecimal d) {
    return d.setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  static long ceil(BigDecimal d) {
    return d.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  static boolean integral(BigDecimal d) {
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }
}
