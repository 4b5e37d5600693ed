package dev.pls.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.NumberRange;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ArithmeticTest {
  private static final BigDecimal X = new BigDecimal("1.000000000000000000000000000000001");

  @Test
  void aLongProductChain_staysBoundedInDigits() {
    // Exactly, x^10000 has 330,001 digits; rounded after each product it keeps at most 34.
    BigDecimal p = BigDecimal.ONE;
    for (int i = 0; i < 10_000; i++) {
      p = Arithmetic.multiply(p, X);
      assertTrue(p.precision() <= NumberRange.DIGITS, "step " + i + ": " + p);
    }
    assertTrue(NumberRange.contains(p));
  }

  @Test
  void repeatedSquaring_neitherGrowsDigitsNorOverflowsTheExponent() {
    // 40 nested squarings: exactly 34 * 2^40 digits, and an exponent past int for 0.5 or 2.
    BigDecimal near = X;
    BigDecimal half = new BigDecimal("0.5");
    BigDecimal two = new BigDecimal("2");
    for (int i = 0; i < 40; i++) {
      near = Arithmetic.multiply(near, near);
      half = half == null ? null : Arithmetic.multiply(half, half);
      two = two == null ? null : Arithmetic.multiply(two, two);
      assertTrue(near.precision() <= NumberRange.DIGITS);
    }
    assertTrue(NumberRange.contains(near));
    // 0.5^(2^40) is far below 10^-34: it rounds to 0, not to a number with a huge exponent.
    assertEquals(0, half.signum());
    // 2^(2^40) is far beyond 10^34: missing (null), as soon as it passes the range.
    assertNull(two);
  }

  @Test
  void zeroDividedByASmallNumber_isZero_notMissing() {
    // BigDecimal gives 0 / y the scale 0's minus y's: here 0E+34, whose "magnitude" is past the
    // range although it is zero. Found by ArithmeticContractProperties (a = 0E-21, b = -9.1E-7).
    BigDecimal small = new BigDecimal("-9.110496938687342822862407556E-7");
    assertEquals(BigDecimal.ZERO, Arithmetic.divide(BigDecimal.ZERO, small));
    assertEquals(BigDecimal.ZERO, Arithmetic.divide(new BigDecimal("0E-21"), small));
    assertEquals(BigDecimal.ZERO, Arithmetic.divide(BigDecimal.ZERO, new BigDecimal("1E-34")));
  }

  @Test
  void round_atTheEdges_isHalfEvenOnTheCoarserGrid() {
    // 34 significant digits above 0.1
    assertEquals(
        new BigDecimal("1000000000000000000000000000000000"),
        Arithmetic.round(new BigDecimal("1000000000000000000000000000000000.5")));
    assertEquals(
        new BigDecimal("1000000000000000000000000000000002"),
        Arithmetic.round(new BigDecimal("1000000000000000000000000000000001.5")));
    // 34 places below 0.1: 5 * 10^-35 is a tie and goes to the even 0
    assertEquals(0, Arithmetic.round(new BigDecimal("5E-35")).signum());
    assertEquals(
        new BigDecimal("1E-34"), Arithmetic.round(new BigDecimal("5.1E-35")).stripTrailingZeros());
    // a carry to 10^34 is missing
    assertNull(Arithmetic.round(new BigDecimal("9".repeat(34) + ".5")));
    assertNull(Arithmetic.add(new BigDecimal("9".repeat(34)), BigDecimal.ONE));
    assertNull(Arithmetic.divide(BigDecimal.ONE, BigDecimal.ZERO));
  }

  @Test
  void anOperandOutOfRange_isRoundedIntoItFirst_notComputedInFull() {
    // No entry point lets such a number in; a stray one still costs no more than one in range.
    BigDecimal huge = new BigDecimal("1E+999999999");
    BigDecimal tiny = new BigDecimal("1E-999999999");
    assertNull(Arithmetic.add(huge, tiny));
    assertEquals(0, Arithmetic.add(tiny, tiny).signum());
    assertEquals(BigDecimal.ONE, Arithmetic.add(BigDecimal.ONE, tiny));
    assertNull(Arithmetic.multiply(huge, tiny));
  }
}
