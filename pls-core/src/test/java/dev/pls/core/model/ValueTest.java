package dev.pls.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueTest {

  @Test
  void of_float_isItsShortestDecimalNotItsWidenedDouble() {
    // (double) 0.1f is 0.10000000149011612; the float itself prints as 0.1
    assertEquals(Value.num("0.1"), Value.of(0.1f));
    assertEquals(Value.num("2.25"), Value.of(2.25f));
    assertEquals(Value.num("16777216"), Value.of(16777216f));
  }

  @Test
  void of_double_isItsShortestDecimal() {
    assertEquals(Value.num("0.1"), Value.of(0.1));
    assertEquals(Value.num("-1.5"), Value.of(-1.5d));
  }

  @Test
  void of_nonFinite_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Value.of(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Value.of(Float.POSITIVE_INFINITY));
  }

  @Test
  void of_integralAndDecimalNumbers_areEqualByValue() {
    assertEquals(Value.num(200), Value.of(new BigDecimal("200.00")));
    assertEquals(Value.num(7), Value.of((byte) 7));
    assertEquals(Value.num(7), Value.of(BigInteger.valueOf(7)));
    assertEquals("200", Value.of(new BigDecimal("2E+2")).toString());
  }

  @Test
  void of_otherTypes_areConvertedOrRejected() {
    assertEquals(new Value.Time(Instant.EPOCH), Value.of(Instant.EPOCH));
    assertEquals(Value.bool(true), Value.of(Boolean.TRUE));
    assertThrows(IllegalArgumentException.class, () -> Value.of(new Object()));
    assertThrows(NullPointerException.class, () -> Value.of(null));
  }
}
