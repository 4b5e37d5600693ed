package dev.pls.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
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
}
