package dev.pls.core.internal;

import dev.pls.core.model.Expr;
import dev.pls.core.model.NumberRange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The arithmetic every engine shares, so that no engine reaches into another for it and all of them
 * round alike.
 */
/*
 * Every number pls computes stays in NumberRange, the range its inputs are held to: a result is
 * the exact result rounded once, half-even, to 34 significant digits or to 34 digits after the
 * point, whichever keeps fewer digits; a result whose rounded absolute value is 10^34 or more is
 * missing, like a division by zero. Closure is what bounds the cost: operands in range have at
 * most 34 digits and a scale in [-33, 34], so an exact sum or product has at most 69 digits, and
 * no chain of operations, however long or deeply nested, grows a number's digits or its exponent.
 * Exact multiplication did both: a product of n factors had n times their digits.
 *
 * Rounding once from the exact result (never twice) makes the result a function of the exact
 * value alone, so engines that compute the same exact value (the reference's one sum, the fast
 * engine's folded sums) give the same rounded one. That is also why sums stay exact while they
 * accumulate and round when read: exact addition is associative, rounded addition is not, and the
 * engines add in different orders. The exact sum of n numbers in range has at most 34 digits after
 * the point and 69 + log10(n) digits in all, so it too stays cheap.
 *
 * An operand outside the range cannot come from the entry points (events, traits, feature tables
 * and literals refuse such numbers), but a stray one would not break the bound: it is first
 * rounded into the range like a result.
 */
public final class Arithmetic {
  private Arithmetic() {}

  private static final int DIGITS = NumberRange.DIGITS;

  /** Significant digits, for results of at least 0.1 in absolute value. */
  private static final MathContext SIGNIFICANT = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

  /**
   * The division's first step: 34 significant digits, half-even (IEEE 754 decimal128). A quotient
   * below 0.1 is divided again, rounding to 34 digits after the point (see {@link #divide}).
   */
  private static final MathContext DIVISION = MathContext.DECIMAL128;

  /**
   * {@code x op y} rounded into the range; null (missing) when dividing by zero or when the result
   * is beyond the range.
   */
  public static BigDecimal apply(Expr.ArithOp op, BigDecimal x, BigDecimal y) {
    return switch (op) {
      case ADD -> add(x, y);
      case SUB -> add(x, y.negate());
      case MUL -> multiply(x, y);
      case DIV -> divide(x, y);
    };
  }

  /** {@code x + y} rounded into the range, or null beyond it. */
  public static BigDecimal add(BigDecimal x, BigDecimal y) {
    BigDecimal a = operand(x);
    BigDecimal b = operand(y);
    return a == null || b == null ? null : round(a.add(b));
  }

  /** {@code x * y} rounded into the range, or null beyond it. */
  public static BigDecimal multiply(BigDecimal x, BigDecimal y) {
    BigDecimal a = operand(x);
    BigDecimal b = operand(y);
    return a == null || b == null ? null : round(a.multiply(b));
  }

  /** {@code x / y} rounded into the range; null when {@code y} is zero or beyond the range. */
  public static BigDecimal divide(BigDecimal x, BigDecimal y) {
    BigDecimal a = operand(x);
    BigDecimal b = operand(y);
    if (a == null || b == null || b.signum() == 0) {
      return null;
    }
    BigDecimal q = a.divide(b, DIVISION);
    if (q.scale() > DIGITS) {
      // Below 0.1 the 34 significant digits reach past 34 after the point: round the exact
      // quotient to 34 places instead (once, not the rounded quotient again).
      q = a.divide(b, DIGITS, RoundingMode.HALF_EVEN);
    }
    return inRange(q);
  }

  /**
   * {@code exact} rounded once, half-even, to 34 significant digits or 34 digits after the point,
   * whichever keeps fewer; null if its absolute value is then 10^34 or more. Sums round with this
   * when read, having added exactly.
   */
  public static BigDecimal round(BigDecimal exact) {
    if (exact.signum() == 0) {
      return BigDecimal.ZERO;
    }
    // 10^(magnitude - 1) <= |exact| < 10^magnitude
    long magnitude = (long) exact.precision() - exact.scale();
    if (magnitude > DIGITS) {
      return null;
    }
    if (magnitude < -DIGITS) {
      // Below 10^-35: less than half a unit in the 34th place.
      return BigDecimal.ZERO;
    }
    BigDecimal r =
        magnitude >= 0
            ? exact.round(SIGNIFICANT)
            : exact.scale() <= DIGITS ? exact : exact.setScale(DIGITS, RoundingMode.HALF_EVEN);
    return inRange(r);
  }

  /** {@code r}, already rounded, or null if rounding carried it to 10^34. */
  private static BigDecimal inRange(BigDecimal r) {
    if (r.signum() == 0) {
      // A zero's scale is only BigDecimal's preferred one (0 / y keeps 0's scale minus y's, which
      // can be -34 or less): it is zero, whatever the scale says about its magnitude.
      return BigDecimal.ZERO;
    }
    return (long) r.precision() - r.scale() > DIGITS ? null : r;
  }

  /**
   * The operand itself when it is in range (the case of every number the entry points let in), else
   * rounded into the range, or null beyond it. Cheap: no allocation for an operand in range.
   */
  private static BigDecimal operand(BigDecimal x) {
    int precision = x.precision();
    int scale = x.scale();
    if (precision <= DIGITS && scale <= DIGITS && scale >= -DIGITS && precision - scale <= DIGITS) {
      return x;
    }
    return round(x);
  }
}
