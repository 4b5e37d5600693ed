package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-20T12:00:00Z        | 2026-11-20T12:00:00Z",
        "2026-11-20t12:00:00z        | 2026-11-20T12:00:00Z",
        "2026-11-20T12:00Z           | 2026-11-20T12:00:00Z",
        "2026-11-20T12:00:00.123456789Z | 2026-11-20T12:00:00.123456789Z",
        "2026-11-20T13:00:00+01:00   | 2026-11-20T12:00:00Z",
        "2026-11-20T17:30:00+05:30   | 2026-11-20T12:00:00Z",
        "2026-11-20T04:00:00-08:00   | 2026-11-20T12:00:00Z",
        "2026-11-21T01:00:00+13:00   | 2026-11-20T12:00:00Z",
        "2026-11-20T17:30:00+0530    | 2026-11-20T12:00:00Z",
        "2026-11-20T14:00:00+02      | 2026-11-20T12:00:00Z",
        "2026-11-20 12:00:00Z        | 2026-11-20T12:00:00Z",
        "2026-11-20 12:00:00.5+00:00 | 2026-11-20T12:00:00.5Z",
      })
  void parse_isoWithOffset_givesTheInstant(String text, String expected) {
    assertEquals(Instant.parse(expected), Timestamps.parse(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1763640000          | 2025-11-20T12:00:00Z",
        "1763640000.25       | 2025-11-20T12:00:00.25Z",
        "1763640000000       | 2025-11-20T12:00:00Z",
        "1763640000123.5     | 2025-11-20T12:00:00.1235Z",
        "0                   | 1970-01-01T00:00:00Z",
        "-86400              | 1969-12-31T00:00:00Z",
        "99999999999         | 5138-11-16T09:46:39Z",
        "100000000000        | 1973-03-03T09:46:40Z",
      })
  void parse_epochNumber_secondsOrMillisecondsByMagnitude(String text, String expected) {
    assertEquals(Instant.parse(expected), Timestamps.parse(text));
    assertEquals(Instant.parse(expected), Timestamps.fromEpoch(new BigDecimal(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-20T12:00:00", "2026-11-20 12:00", "2026-11-20T12:00:00.5"})
  void parse_localTimeWithoutOffset_rejectedWithAdvice(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
    assertTrue(e.getMessage().startsWith("timestamp has no UTC offset"), e.getMessage());
    assertTrue(e.getMessage().contains("add Z"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-02-30T12:00:00Z",
        "2026-11-20T25:00:00Z",
        "20261120T120000Z",
        "12:00:00Z",
        "1.5e9",
        " ",
      })
  void parse_notATimestamp_rejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"100000000000000", "1763640000000000", "-100000000000000"})
  void fromEpoch_microsecondsOrMore_rejectedAsTooLarge(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
    assertTrue(e.getMessage().startsWith("epoch number too large"), e.getMessage());
  }

  @Test
  void parse_dateAlone_rejectedAsLocal() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("2026-11-20"));
    assertEquals(
        "timestamp is a date without a time or UTC offset: '2026-11-20' (give the zone such dates"
            + " are in; a local date is never guessed)",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-20T12:00:00       | 2026-11-20T11:00:00Z",
        "2026-07-20 12:00          | 2026-07-20T10:00:00Z",
        "2026-11-20                | 2026-11-19T23:00:00Z",
        "2026-03-29T02:30:00       | 2026-03-29T01:30:00Z",
        "2026-10-25T02:30:00       | 2026-10-25T00:30:00Z",
        "2026-11-20T12:00:00Z      | 2026-11-20T12:00:00Z",
        "2026-11-20T12:00:00-05:00 | 2026-11-20T17:00:00Z",
        "1795176000                | 2026-11-20T12:00:00Z",
      })
  void assumingZone_localTimesAndDatesReadInThatZoneAndOffsetsStillWin(
      String text, String expected) {
    assertEquals(
        Instant.parse(expected),
        Timestamps.assumingZone(java.time.ZoneId.of("Europe/Berlin")).read(text));
  }

  @Test
  void datesIn_dateAloneIsMidnightInTheModelsZoneAndCounted() {
    Timestamps t = Timestamps.strict().datesIn(java.time.ZoneId.of("America/New_York"));
    assertEquals(java.util.Optional.empty(), t.datesNote());
    assertEquals(Instant.parse("2014-04-22T04:00:00Z"), t.read("2014-04-22"));
    assertEquals(Instant.parse("2014-04-22T12:00:00Z"), t.read("2014-04-22T12:00:00Z"));
    assertEquals(
        java.util.Optional.of(
            "1 timestamp was a date only: read as midnight in America/New_York, the model's zone"),
        t.datesNote());
    assertEquals(Instant.parse("2014-04-23T04:00:00Z"), t.read("2014-04-23"));
    assertEquals(
        "2 timestamps were dates only: read as midnight in America/New_York, the model's zone",
        t.datesNote().orElseThrow());
    // A fresh rule counts from zero; the strict rule it came from still refuses dates alone.
    assertEquals(
        java.util.Optional.empty(), Timestamps.strict().datesIn(ZoneOffset.UTC).datesNote());
    assertThrows(IllegalArgumentException.class, () -> Timestamps.strict().read("2014-04-22"));
  }

  @Test
  void datesIn_localDateTimeStillNeedsAZone() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Timestamps.strict().datesIn(ZoneOffset.UTC).read("2014-04-22 03:53:30"));
    assertTrue(e.getMessage().startsWith("timestamp has no UTC offset"), e.getMessage());
  }

  @Test
  void datesIn_zoneGivenWinsOverTheModelsAndSaysSo() {
    Timestamps t =
        Timestamps.assumingZone(java.time.ZoneId.of("Europe/Berlin")).datesIn(ZoneOffset.UTC);
    assertEquals(Instant.parse("2026-11-19T23:00:00Z"), t.read("2026-11-20"));
    assertEquals(
        "1 timestamp was a date only: read as midnight in Europe/Berlin (--zone)",
        t.datesNote().orElseThrow());
    assertEquals(
        "1 timestamp was a date only: read as midnight in UTC, the model's zone",
        noted(Timestamps.strict().datesIn(java.time.ZoneId.of("UTC"))));
  }

  private static String noted(Timestamps t) {
    t.read("2026-11-20");
    return t.datesNote().orElseThrow();
  }
}
