package dev.pls.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventColumnsTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00.123456789Z");

  @Test
  void add_rowsBeyondTheFirstArrays_keepEveryValue() {
    EventColumns c = new EventColumns(2);
    for (int i = 0; i < 100; i++) {
      c.add(i, i % 3 - 1, T.plusSeconds(i));
      c.setLong(0, i);
      if (i % 2 == 0) {
        c.setDecimal(1, BigDecimal.valueOf(i, 2));
      }
    }
    assertEquals(100, c.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, c.entity(i));
      assertEquals(i % 3 - 1, c.event(i));
      assertEquals(T.plusSeconds(i), c.time(i));
      assertEquals(Value.num(i), c.value(i, 0));
      assertEquals(i % 2 == 0 ? Value.num(BigDecimal.valueOf(i, 2)) : null, c.value(i, 1));
    }
  }

  @Test
  void value_everyKind_isTheValueAnEventWouldHold() {
    EventColumns c = new EventColumns(5);
    c.add(0, 0, T);
    c.setLong(0, -7).setDouble(1, 0.1).setBoolean(2, true).setString(3, "x");
    assertEquals(Value.num(-7), c.value(0, 0));
    assertEquals(Value.num("0.1"), c.value(0, 1));
    assertEquals(Value.bool(true), c.value(0, 2));
    assertEquals(Value.str("x"), c.value(0, 3));
    assertNull(c.value(0, 4));
    assertEquals(T.getEpochSecond(), c.epochSecond(0));
    assertEquals(T.getNano(), c.nano(0));
  }

  @Test
  void setString_sameStringOnTwoRows_oneValue() {
    EventColumns c = new EventColumns(1);
    c.add(0, 0, T);
    c.setString(0, "billing");
    c.add(1, 0, T);
    c.setString(0, "billing");
    assertSame(c.value(0, 0), c.value(1, 0));
  }

  @Test
  void clear_thenReuse_forgetsRowsAndTheirValues() {
    EventColumns c = new EventColumns(1);
    for (int i = 0; i < 40; i++) {
      c.add(i, 0, T);
      c.setString(0, "s" + i);
    }
    c.clear();
    assertEquals(0, c.size());
    c.add(5, 1, T);
    assertNull(c.value(0, 0));
    c.setString(0, "new");
    assertEquals(Value.str("new"), c.value(0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> c.entity(1));
  }

  @Test
  void addEpochMilli_beforeAndAfter1970_isThatInstant() {
    EventColumns c = new EventColumns(0);
    c.addEpochMilli(0, 0, -1);
    c.addEpochMilli(0, 0, 1_764_000_000_123L);
    assertEquals(Instant.ofEpochMilli(-1), c.time(0));
    assertEquals(Instant.ofEpochMilli(1_764_000_000_123L), c.time(1));
  }

  @Test
  void arguments_wrong_namedInTheMessage() {
    EventColumns c = new EventColumns(1);
    assertMessage("properties", () -> new EventColumns(-1));
    assertMessage("property: no row", () -> c.setLong(0, 1));
    assertMessage("entity", () -> c.add(-1, 0, T));
    assertMessage("event", () -> c.add(0, -2, T));
    assertMessage("nano", () -> c.add(0, 0, 0, 1_000_000_000));
    assertMessage("epochSecond", () -> c.add(0, 0, Long.MAX_VALUE, 0));
    c.add(0, 0, T);
    assertMessage("property: must be a column", () -> c.setBoolean(1, true));
    assertMessage("value: must be finite", () -> c.setDouble(0, Double.NaN));
    assertMessage("value", () -> c.setDouble(0, 1e40));
    assertMessage("value", () -> c.setDecimal(0, new BigDecimal("1e40")));
    assertThrows(NullPointerException.class, () -> c.setString(0, null));
    assertThrows(NullPointerException.class, () -> c.add(0, 0, null));
    assertNull(c.value(0, 0));
  }

  private static void assertMessage(String start, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
