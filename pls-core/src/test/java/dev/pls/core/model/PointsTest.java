package dev.pls.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PointsTest {

  @Test
  void of_wholeOutOfRange_isRejectedForBothSigns() {
    assertEquals(new Points(-100_000_000_000L), Points.of(-Points.MAX_WHOLE));
    assertThrows(IllegalArgumentException.class, () -> Points.of(Points.MAX_WHOLE + 1));
    assertThrows(IllegalArgumentException.class, () -> Points.of(-Points.MAX_WHOLE - 1));
    // Math.abs(Long.MIN_VALUE) is negative: it must not slip through and overflow
    assertThrows(IllegalArgumentException.class, () -> Points.of(Long.MIN_VALUE));
  }

  @Test
  void parse_signedDecimals_areExact() {
    assertEquals(Points.of(20), Points.parse("+20"));
    assertEquals(Points.of(-15), Points.parse("-15"));
    assertEquals(new Points(250), Points.parse(" 2.5 "));
    assertEquals(new Points(250), Points.of(new BigDecimal("2.50")));
  }

  @Test
  void parse_doubleSign_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Points.parse("+-5"));
    assertThrows(IllegalArgumentException.class, () -> Points.parse("++5"));
  }

  @Test
  void text_isPlainAndSignedForms() {
    assertEquals("2.5", new Points(250).toString());
    assertEquals("+2.5", new Points(250).toSignedString());
    assertEquals("-15", Points.of(-15).toSignedString());
    assertEquals("+0", Points.ZERO.toSignedString());
  }

  @Test
  void parse_exponentOrBareFraction_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Points.parse("1e1"));
    assertThrows(IllegalArgumentException.class, () -> Points.parse(".5"));
    assertThrows(IllegalArgumentException.class, () -> Points.parse("5."));
  }
}
