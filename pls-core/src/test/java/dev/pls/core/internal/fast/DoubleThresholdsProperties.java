package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.model.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A decimal comparison over a double column, planned as a double range, holds exactly when the
 * comparison of the double's decimal ({@code BigDecimal.valueOf}) with the literal does: for
 * literals on, between and far from doubles, and doubles on and around them.
 */
class DoubleThresholdsProperties {

  @Property(tries = 2000)
  void compare_doublesAroundTheLiteral_equalsDecimalComparison(@ForAll long seed) {
    Random r = new Random(seed);
    BigDecimal c = literal(r);
    for (Expr.CompareOp op : Expr.CompareOp.values()) {
      DoubleThresholds.Range range = DoubleThresholds.compare(op, c);
      for (double x : around(c, r)) {
        int cmp = BigDecimal.valueOf(x).compareTo(c);
        assertEquals(op.test(cmp), range.test(x), () -> x + " " + op + " " + c);
      }
    }
  }

  @Property(tries = 1000)
  void between_doublesAroundTheBounds_equalsDecimalComparison(@ForAll long seed) {
    Random r = new Random(seed);
    BigDecimal a = literal(r);
    BigDecimal b = r.nextInt(4) == 0 ? a : literal(r);
    BigDecimal low = a.min(b);
    BigDecimal high = a.max(b);
    DoubleThresholds.Range range =
        new DoubleThresholds.Range(
            DoubleThresholds.least(low, false), DoubleThresholds.least(high, true), false);
    List<Double> xs = around(low, r);
    xs.addAll(around(high, r));
    for (double x : xs) {
      BigDecimal d = BigDecimal.valueOf(x);
      boolean expected = d.compareTo(low) >= 0 && d.compareTo(high) <= 0;
      assertEquals(expected, range.test(x), () -> x + " between " + low + " and " + high);
    }
  }

  /** Literals: the adversarial list, doubles' own decimals, and random decimals of any scale. */
  private static BigDecimal literal(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return TypedColumnsProperties.DECIMALS.get(
            r.nextInt(TypedColumnsProperties.DECIMALS.size()));
      case 1:
        return BigDecimal.valueOf(r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15));
      case 2:
        {
          // Halfway between two doubles: the tie that rounding to the nearest double breaks.
          double d = r.nextGaussian() * 1e3;
          return new BigDecimal(d)
              .add(new BigDecimal(Math.nextUp(d)))
              .divide(BigDecimal.valueOf(2));
        }
      default:
        {
          StringBuilder digits = new StringBuilder(r.nextBoolean() ? "-" : "");
          digits.append(1 + r.nextInt(9));
          for (int i = r.nextInt(25); i > 0; i--) {
            digits.append(r.nextInt(10));
          }
          return new BigDecimal(digits.toString()).scaleByPowerOfTen(-r.nextInt(34));
        }
    }
  }

  /** The literal's nearest double and a few steps either side, and some doubles far away. */
  private static List<Double> around(BigDecimal c, Random r) {
    List<Double> xs = new ArrayList<>();
    double d = c.doubleValue();
    double down = d;
    double up = d;
    xs.add(d);
    for (int k = 0; k < 3; k++) {
      down = Math.nextDown(down);
      up = Math.nextUp(up);
      xs.add(down);
      xs.add(up);
    }
    xs.add(0.1 + 0.2);
    xs.add(-0.0);
    xs.add(0.0);
    xs.add(Double.MAX_VALUE);
    xs.add(-Double.MAX_VALUE);
    xs.add(Double.MIN_VALUE);
    xs.add(r.nextGaussian() * 100);
    xs.removeIf(x -> !Double.isFinite(x));
    return xs;
  }
}
