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

  @Test
  void factories_refuseNumbersOutOfRange_namingTheirArgument() {
    String tail = " is out of range (" + NumberRange.describe() + ")";
    assertEquals(
        "value: 1E+34" + tail,
        assertThrows(IllegalArgumentException.class, () -> Value.num(new BigDecimal("1E+34")))
            .getMessage());
    assertEquals(
        "decimal: " + "9".repeat(35) + tail,
        assertThrows(IllegalArgumentException.class, () -> Value.num("9".repeat(35))).getMessage());
    assertEquals(
        "object: 999-digit number" + tail,
        assertThrows(
                IllegalArgumentException.class, () -> Value.of(new BigInteger("9".repeat(999))))
            .getMessage());
    // A megabyte of digits is refused by its length, not parsed.
    assertEquals(
        "decimal: 1000000 characters, too long for a number in range ("
            + NumberRange.describe()
            + ")",
        assertThrows(IllegalArgumentException.class, () -> Value.num("9".repeat(1_000_000)))
            .getMessage());
  }

  @Test
  void literals_refuseNumbersOutOfRange() {
    Value.Num huge = new Value.Num(new BigDecimal("1E+34"));
    assertThrows(IllegalArgumentException.class, () -> new Expr.Literal(huge));
    assertEquals(
        "values[1]: 1E+34 is out of range (" + NumberRange.describe() + ")",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Expr.In(Expr.trait("x"), java.util.List.of(Value.num(1), huge)))
            .getMessage());
  }
}
