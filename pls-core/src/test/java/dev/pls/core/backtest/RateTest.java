package dev.pls.core.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/* The Wilson score interval, against its formula written out and textbook values. */
class RateTest {
  private static final double Z = 1.959963984540054;

  @Test
  void of_40of95_matchesTheWilsonFormula() {
    double n = 95;
    double p = 40 / n;
    double denominator = 1 + Z * Z / n;
    double centre = (p + Z * Z / (2 * n)) / denominator;
    double half = Z / denominator * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n));
    Rate r = Rate.of(40, 95);
    assertEquals(40, r.count());
    assertEquals(95, r.of());
    assertEquals(p, r.value(), 1e-15);
    assertEquals(centre - half, r.low(), 1e-9);
    assertEquals(centre + half, r.high(), 1e-9);
    assertEquals(0.3267, r.low(), 1e-4);
    assertEquals(0.5215, r.high(), 1e-4);
  }

  @Test
  void of_0of10_isTheTextbookInterval() {
    Rate r = Rate.of(0, 10);
    assertEquals(0.0, r.value());
    assertEquals(0.0, r.low(), 1e-12);
    assertEquals(0.2775, r.high(), 1e-4);
  }

  @Test
  void of_allOf_endsAtOne() {
    Rate r = Rate.of(10, 10);
    assertEquals(1.0, r.high(), 1e-12);
    assertEquals(1 - 0.2775, r.low(), 1e-4);
  }

  @Test
  void of_zeroDenominatorOrCountAbove_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rate.of(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Rate.of(3, 2));
    assertThrows(IllegalArgumentException.class, () -> Rate.of(-1, 2));
  }
}
