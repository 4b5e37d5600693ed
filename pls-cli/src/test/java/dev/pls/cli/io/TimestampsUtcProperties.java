package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The UTC fast path of {@link Timestamps#read} against the formatter it skips: for every text it
 * takes, the formatter's instant; for every other text, it stands aside (null) and the formatter
 * decides, so errors are worded as before.
 */
class TimestampsUtcProperties {

  @Property(tries = 3000)
  void utc_anyNearTimestamp_takesOnlyWhatTheFormatterReadsTheSame(
      @ForAll("nearTimestamps") String text) {
    Instant fast = Timestamps.utc(text);
    Instant formatted;
    try {
      formatted = Timestamps.strict().formatted(text);
    } catch (IllegalArgumentException e) {
      assertNull(fast, () -> "fast path took '" + text + "', which the formatter refuses");
      return;
    }
    if (fast != null) {
      assertEquals(formatted, fast, text);
    }
  }

  @Property(tries = 1000)
  void utc_everyValidUtcForm_isTakenByTheFastPath(@ForAll("validUtc") String text) {
    assertNotNull(Timestamps.utc(text), text);
    assertEquals(Timestamps.strict().formatted(text), Timestamps.utc(text), text);
  }

  @Test
  void utc_edges_leaveTheFormatterToDecide() {
    assertNull(Timestamps.utc("2026-02-29T00:00:00Z"));
    assertNull(Timestamps.utc("2026-11-20T24:00:00Z"));
    assertNull(Timestamps.utc("2026-11-20T12:00:60Z"));
    assertNull(Timestamps.utc("2026-11-20T12:00:00.Z"));
    assertNull(Timestamps.utc("2026-11-20t12:00:00z"));
    assertNull(Timestamps.utc("2026-11-20T12:00:00+00:00"));
    assertEquals(
        Instant.parse("2024-02-29T23:59:59.000000001Z"),
        Timestamps.utc("2024-02-29T23:59:59.000000001Z"));
    assertEquals(Instant.parse("0000-01-01T00:00:00Z"), Timestamps.utc("0000-01-01T00:00:00Z"));
  }

  @Provide
  Arbitrary<String> validUtc() {
    return Combinators.combine(
            Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 999_999_999),
            Arbitraries.of('T', ' '))
        .as(
            (second, digits, nanos, sep) -> {
              LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
              String text =
                  String.format(
                      "%04d-%02d-%02d%c%02d:%02d:%02d",
                      t.getYear(),
                      t.getMonthValue(),
                      t.getDayOfMonth(),
                      sep,
                      t.getHour(),
                      t.getMinute(),
                      t.getSecond());
              if (digits > 0) {
                text += "." + String.format("%09d", nanos).substring(0, digits);
              }
              return text + "Z";
            });
  }

  /** Valid UTC timestamps with one character replaced, inserted or removed now and then. */
  @Provide
  Arbitrary<String> nearTimestamps() {
    Arbitrary<Character> junk =
        Arbitraries.of(
            '0', '9', '2', '3', '6', ':', '-', '.', 'T', 't', ' ', 'Z', 'z', '+', 'x', '/');
    return Combinators.combine(
            validUtc(),
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 3),
            junk)
        .as(
            (text, at, how, c) -> {
              int i = Math.min(at, text.length() - 1);
              return switch (how) {
                case 0 -> text;
                case 1 -> text.substring(0, i) + c + text.substring(i + 1);
                case 2 -> text.substring(0, i) + c + text.substring(i);
                default -> text.substring(0, i) + text.substring(i + 1);
              };
            });
  }
}
