package dev.pls.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityTest {
  @Test
  void constructor_nullEvent_namesItsIndex() {
    Event e = Event.of("u1", "x", Instant.parse("2026-11-20T00:00:00Z"));
    NullPointerException npe =
        assertThrows(
            NullPointerException.class, () -> new Entity("u1", Map.of(), Arrays.asList(e, null)));
    assertEquals("events[1]", npe.getMessage());
  }

  @Test
  void aNumericTraitOutOfRange_isRefusedNamingTheTrait() {
    BigDecimal huge = new BigDecimal("1" + "0".repeat(40));
    IllegalArgumentException built =
        assertThrows(
            IllegalArgumentException.class, () -> Entity.builder("u1").trait("revenue", huge));
    assertEquals(
        "traits['revenue']: 1E+40 is out of range (at most 34 significant digits, at most 34 digits"
            + " after the point, and below 10^34 in absolute value)",
        built.getMessage());
    IllegalArgumentException direct =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Entity("u1", Map.of("revenue", new Value.Num(huge)), List.of()));
    assertEquals(built.getMessage(), direct.getMessage());
  }

  @Test
  void aFeatureTableNumberOutOfRange_isRefusedNamingRowAndColumn() {
    FeatureTable.Builder b = FeatureTable.builder(List.of("u1", "u2"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                b.column(
                    "revenue", new Value[] {Value.num(1), new Value.Num(new BigDecimal("1E-40"))}));
    assertEquals(
        "values[1] of column 'revenue': 1E-40 is out of range (at most 34 significant digits, at"
            + " most 34 digits after the point, and below 10^34 in absolute value)",
        e.getMessage());
  }
}
