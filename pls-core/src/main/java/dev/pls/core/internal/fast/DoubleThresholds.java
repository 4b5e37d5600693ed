package dev.pls.core.internal.fast;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Value;
import java.math.BigDecimal;

/*
 * Decimal comparisons over a double column, decided as double comparisons that are exactly the
 * decimal semantics.
 *
 * A double x in a feature table means the decimal S(x) = BigDecimal.valueOf(x), the shortest
 * decimal Double.toString gives for it (so the double nearest 0.3 means 0.3). The reference
 * compares S(x) with the literal c as BigDecimals. The claim: for every c there is a double t(c)
 * (or +infinity) such that, for every finite x, S(x) >= c exactly when x >= t(c); likewise u(c)
 * with S(x) > c exactly when x >= u(c).
 *
 * Proof. S is strictly increasing over the finite doubles (with -0.0 and 0.0 one value, as both
 * double and decimal comparison treat them): Double.toString round-trips, so S(x) lies in x's
 * rounding interval (the decimals that round to x), and the rounding intervals of x < y are
 * disjoint with every point of x's below every point of y's; hence x < y implies S(x) < S(y). So
 * {x : S(x) >= c} is closed upwards in the doubles' order, and is {x : x >= t} for t its least
 * element (or empty: t = +infinity, which no finite x reaches). The same holds for S(x) > c. t is
 * found by search: start at the double nearest c (BigDecimal.doubleValue rounds correctly), step up
 * while S(t) < c and down while S(nextDown(t)) >= c. By monotonicity the search stops at the least
 * element; c lies in the rounding interval of its nearest double d, so the neighbours' S values are
 * on either side of c and the search moves at most a step or two.
 *
 * Then, for a present (never NaN) x:
 *   x >= c  <=>  x >= t(c)            x > c   <=>  x >= u(c)
 *   x <  c  <=>  x <  t(c)            x <= c  <=>  x <  u(c)
 *   x == c  <=>  t(c) <= x < u(c)     x != c  <=>  not that
 *   x between a and b  <=>  t(a) <= x < u(b)
 * which is one half-open double range [lo, hi), possibly negated. Missing rows fail every
 * comparison, negated or not, as the generated loop's missing bit decides before the range.
 * DoubleThresholdsProperties checks it against BigDecimal over adversarial doubles around c.
 */
/** Half-open double ranges equal to decimal comparisons over a double column. */
final class DoubleThresholds {
  private DoubleThresholds() {}

  /** A comparison as {@code (lo <= x < hi) != negate} for every present finite double x. */
  record Range(double lo, double hi, boolean negate) {
    boolean test(double x) {
      return (x >= lo && x < hi) != negate;
    }
  }

  /**
   * The range for {@code slot op literal} or {@code slot between a and b} (the generic node of a
   * range test), or null for any other shape.
   */
  static Range of(Node generic) {
    if (generic instanceof Node.Compare c
        && c.left instanceof Node.Slot
        && c.right instanceof Node.Literal l
        && l.value instanceof Value.Num n) {
      return compare(c.op, n.value());
    }
    if (generic instanceof Node.Between b
        && b.operand instanceof Node.Slot
        && b.low instanceof Node.Literal lo
        && lo.value instanceof Value.Num a
        && b.high instanceof Node.Literal hi
        && hi.value instanceof Value.Num z) {
      return new Range(least(a.value(), false), least(z.value(), true), false);
    }
    return null;
  }

  /** {@code x op c} as a range. */
  static Range compare(Expr.CompareOp op, BigDecimal c) {
    double t = least(c, false);
    double u = least(c, true);
    double inf = Double.POSITIVE_INFINITY;
    return switch (op) {
      case GE -> new Range(t, inf, false);
      case GT -> new Range(u, inf, false);
      case LT -> new Range(-inf, t, false);
      case LE -> new Range(-inf, u, false);
      case EQ -> new Range(t, u, false);
      case NE -> new Range(t, u, true);
    };
  }

  /**
   * The least finite double x with S(x) >= c ({@code strict}: > c), or +infinity when there is
   * none.
   */
  static double least(BigDecimal c, boolean strict) {
    double t = c.doubleValue();
    if (t == Double.POSITIVE_INFINITY) {
      t = Double.MAX_VALUE;
    } else if (t == Double.NEGATIVE_INFINITY) {
      t = -Double.MAX_VALUE;
    }
    while (!holds(t, c, strict)) {
      if (t == Double.MAX_VALUE) {
        return Double.POSITIVE_INFINITY;
      }
      t = Math.nextUp(t);
    }
    while (t > -Double.MAX_VALUE && holds(Math.nextDown(t), c, strict)) {
      t = Math.nextDown(t);
    }
    return t;
  }

  private static boolean holds(double x, BigDecimal c, boolean strict) {
    int cmp = BigDecimal.valueOf(x).compareTo(c);
    return strict ? cmp > 0 : cmp >= 0;
  }
}
