package dev.pls.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumberRangeTest {
  private static final String D34 = "1234567890123456789012345678901234";

  @Test
  void thirtyFourDigits_areInRange_thirtyFiveAreNot() {
    assertTrue(NumberRange.contains(D34));
    assertFalse(NumberRange.contains(D34 + "5"));
    assertTrue(NumberRange.contains("0." + D34));
    assertFalse(NumberRange.contains("0.0" + D34));
    assertTrue(NumberRange.contains("-" + D34));
  }

  @Test
  void trailingZerosAfterThePoint_doNotCount() {
    assertTrue(NumberRange.contains("1.50000000000000000000000000000000000000000"));
    assertTrue(NumberRange.contains(new BigDecimal("1E+33")));
    assertFalse(NumberRange.contains(new BigDecimal("1E+34")));
    assertTrue(NumberRange.contains(new BigDecimal("1E-34")));
    assertFalse(NumberRange.contains(new BigDecimal("1E-35")));
    assertTrue(NumberRange.contains(BigDecimal.ZERO.setScale(500)));
  }

  @Test
  void aHugeNumber_isOutOfRange_withoutBeingParsedOrStripped() {
    assertFalse(NumberRange.contains("9".repeat(1_000_000)));
    assertFalse(NumberRange.contains(new BigDecimal("9".repeat(999))));
    assertFalse(NumberRange.contains(new BigDecimal("9".repeat(999)).movePointLeft(990)));
  }

  @Test
  void notANumber_isAnError() {
    assertThrows(NumberFormatException.class, () -> NumberRange.contains("1x"));
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> NumberRange.contains((String) null));
    assertEquals("text", e.getMessage());
  }
}
