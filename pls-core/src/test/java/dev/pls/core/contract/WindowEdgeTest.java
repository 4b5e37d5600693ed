package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Event;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Probe;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/*
 * The edges of windows, checked by counting "ping" events at chosen instants, for both
 * resolutions and in zones whose days are 23 or 25 hours long around a DST change.
 *
 * Zones and changes used (2026):
 *   America/New_York: 03-08 02:00 EST -> 03:00 EDT (a 23-hour day);
 *                     11-01 02:00 EDT -> 01:00 EST (a 25-hour day; 01:00-02:00 happens twice)
 *   Europe/Berlin:    10-25 03:00 CEST -> 02:00 CET (a 25-hour day)
 */
class WindowEdgeTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final Probe dailyUtc = daily(ZoneOffset.UTC);
  private final Probe hourlyUtc = hourly(ZoneOffset.UTC);
  private static final Instant T = at("2026-11-20T12:00:00Z");

  private final Engine engine;

  WindowEdgeTest(Engine engine) {
    this.engine = engine;
  }

  private Scorer scorer(Model model) {
    return engine.scorer(model);
  }

  private Probe daily(ZoneId zone) {
    return Probe.daily(zone).scoredBy(this::scorer);
  }

  private Probe hourly(ZoneId zone) {
    return Probe.hourly(zone).scoredBy(this::scorer);
  }

  private static List<Event> pings(String... isoTimes) {
    return Arrays.stream(isoTimes).map(t -> event("u", "ping", t)).toList();
  }

  private static List<Event> pings(Instant... times) {
    return Arrays.stream(times).map(t -> event("u", "ping", t)).toList();
  }

  // ---- resolution 1d, UTC: within 7d = 2026-11-14T00:00Z .. T ----

  @EveryEngine
  void daily_eventExactlyAtT_counts() {
    assertEquals(1, dailyUtc.count("ping", Window.days(1), T, pings(T)));
  }

  @EveryEngine
  void daily_eventOneSecondAfterT_doesNotCount() {
    assertEquals(0, dailyUtc.count("ping", Window.days(1), T, pings(T.plusSeconds(1))));
    // nor in an all-history aggregate
    assertEquals(
        Optional.of(Value.num(0)),
        dailyUtc.value(Aggregate.count("ping"), T, pings(T.plusNanos(1))));
  }

  @EveryEngine
  void daily_firstInstantOfOldestDay_counts() {
    assertEquals(1, dailyUtc.count("ping", Window.days(7), T, pings("2026-11-14T00:00:00Z")));
  }

  @EveryEngine
  void daily_instantBeforeOldestDay_doesNotCount() {
    assertEquals(
        0, dailyUtc.count("ping", Window.days(7), T, pings("2026-11-13T23:59:59.999999999Z")));
  }

  @EveryEngine
  void daily_lastInstantOfOldestDay_counts() {
    assertEquals(
        1, dailyUtc.count("ping", Window.days(7), T, pings("2026-11-14T23:59:59.999999999Z")));
  }

  @EveryEngine
  void daily_asOfAtMidnight_todayIsOneInstant() {
    // within 1d is "today up to T": at 00:00 that is the single instant T.
    Instant midnight = at("2026-11-20T00:00:00Z");
    assertEquals(
        1,
        dailyUtc.count(
            "ping",
            Window.days(1),
            midnight,
            pings("2026-11-19T23:59:59Z", "2026-11-20T00:00:00Z")));
  }

  @EveryEngine
  void daily_weekWindow_isSevenDays() {
    // 1w and 7d cover the same buckets.
    List<Event> events =
        pings("2026-11-13T23:59:59Z", "2026-11-14T00:00:00Z", "2026-11-20T12:00:00Z");
    assertEquals(2, dailyUtc.count("ping", Window.weeks(1), T, events));
    assertEquals(2, dailyUtc.count("ping", Window.days(7), T, events));
  }

  // ---- resolution 1h, UTC: T = 12:30Z, within 3h = 10:00Z .. 12:30Z ----

  private static final Instant T_HALF = at("2026-11-20T12:30:00Z");

  @EveryEngine
  void hourly_eventExactlyAtT_counts() {
    assertEquals(1, hourlyUtc.count("ping", Window.hours(1), T_HALF, pings(T_HALF)));
  }

  @EveryEngine
  void hourly_eventOneSecondAfterT_doesNotCount() {
    assertEquals(0, hourlyUtc.count("ping", Window.hours(1), T_HALF, pings(T_HALF.plusSeconds(1))));
  }

  @EveryEngine
  void hourly_firstInstantOfOldestBucket_counts() {
    assertEquals(
        1, hourlyUtc.count("ping", Window.hours(3), T_HALF, pings("2026-11-20T10:00:00Z")));
  }

  @EveryEngine
  void hourly_instantBeforeOldestBucket_doesNotCount() {
    assertEquals(
        0,
        hourlyUtc.count("ping", Window.hours(3), T_HALF, pings("2026-11-20T09:59:59.999999999Z")));
  }

  @EveryEngine
  void hourly_lastInstantOfOldestBucket_counts() {
    assertEquals(
        1,
        hourlyUtc.count("ping", Window.hours(3), T_HALF, pings("2026-11-20T10:59:59.999999999Z")));
  }

  @EveryEngine
  void hourly_asOfOnTheHour_itsBucketIsOneInstant() {
    // at T = 12:00:00Z the bucket of T is 12:00-13:00 so far: within 1h is the instant T only
    Instant t = at("2026-11-20T12:00:00Z");
    assertEquals(
        1,
        hourlyUtc.count(
            "ping", Window.hours(1), t, pings("2026-11-20T11:59:59Z", "2026-11-20T12:00:00Z")));
  }

  @EveryEngine
  void hourly_dayWindow_isTwentyFourBucketsNotACalendarDay() {
    // within 1d at resolution 1h = 24 buckets: T's hour (12:00Z) minus 23 hours = 11-19T13:00Z.
    List<Event> events =
        pings("2026-11-19T12:59:59Z", "2026-11-19T13:00:00Z", "2026-11-20T00:00:00Z");
    assertEquals(2, hourlyUtc.count("ping", Window.days(1), T_HALF, events));
  }

  // ---- resolution 1d in America/New_York ----

  @EveryEngine
  void daily_newYork_dayStartsAtLocalMidnight() {
    // T = 2026-11-20T03:00Z is 11-19 22:00 EST, so "today" is local 11-19 from 05:00Z.
    Instant t = at("2026-11-20T03:00:00Z");
    List<Event> events = pings("2026-11-19T04:59:59Z", "2026-11-19T05:00:00Z");
    assertEquals(1, daily(NEW_YORK).count("ping", Window.days(1), t, events));
  }

  @EveryEngine
  void daily_newYork25HourDay_isOneBucket() {
    // T = 2026-11-02 12:00 EST (17:00Z); within 2d = local 11-01 and 11-02.
    // 11-01 runs 25 hours: from 00:00 EDT (04:00Z) to 23:59:59.999999999 EST (11-02T04:59:59.9Z).
    Instant t = at("2026-11-02T17:00:00Z");
    Probe ny = daily(NEW_YORK);
    assertEquals(1, ny.count("ping", Window.days(2), t, pings("2026-11-01T04:00:00Z")));
    assertEquals(0, ny.count("ping", Window.days(2), t, pings("2026-11-01T03:59:59.999999999Z")));
    assertEquals(1, ny.count("ping", Window.days(2), t, pings("2026-11-02T04:59:59.999999999Z")));
    // 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) share the local date: one active day.
    assertEquals(
        Optional.of(Value.num(1)),
        ny.value(
            Aggregate.activeDays(EventFilter.of("ping")),
            Window.days(2),
            t,
            pings("2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z")));
  }

  @EveryEngine
  void daily_newYork23HourDay_isOneBucket() {
    // T = 2026-03-09 12:00 EDT (16:00Z); within 2d = local 03-08 and 03-09.
    // 03-08 runs 23 hours: from 00:00 EST (05:00Z) to 23:59:59.999999999 EDT (03-09T03:59:59.9Z).
    Instant t = at("2026-03-09T16:00:00Z");
    Probe ny = daily(NEW_YORK);
    assertEquals(1, ny.count("ping", Window.days(2), t, pings("2026-03-08T05:00:00Z")));
    assertEquals(0, ny.count("ping", Window.days(2), t, pings("2026-03-08T04:59:59Z")));
    assertEquals(1, ny.count("ping", Window.days(2), t, pings("2026-03-09T03:59:59.999999999Z")));
  }

  @EveryEngine
  void daily_berlin25HourDay_isOneBucket() {
    // T = 2026-10-25 23:30 CET (22:30Z); within 1d = local 10-25, from 00:00 CEST = 10-24T22:00Z.
    Instant t = at("2026-10-25T22:30:00Z");
    Probe berlin = daily(BERLIN);
    List<Event> events =
        pings(
            "2026-10-24T21:59:59Z", // 10-24 23:59:59 CEST: yesterday
            "2026-10-24T22:00:00Z", // 10-25 00:00 CEST: first instant of today
            "2026-10-25T00:30:00Z", // 02:30 CEST
            "2026-10-25T01:30:00Z", // 02:30 CET, the same clock time an hour later
            "2026-10-25T22:30:00Z"); // T
    assertEquals(4, berlin.count("ping", Window.days(1), t, events));
    assertEquals(
        Instant.parse("2026-10-24T22:00:00Z"),
        new TimeFrame(Resolution.DAY, BERLIN, t).windowStart(Window.days(1)));
    assertEquals(
        Duration.ofHours(25),
        Duration.between(
            new TimeFrame(Resolution.DAY, BERLIN, t).windowStart(Window.days(1)),
            at("2026-10-25T23:00:00Z")));
  }

  // ---- resolution 1h across a DST change ----

  @EveryEngine
  void hourly_newYorkFallBack_countsElapsedHours() {
    // T = 2026-11-01 01:30 EST (06:30Z), the second 01:30 of the night. Its bucket starts at
    // 01:00 EST (06:00Z); within 3h goes back two more elapsed hours to 04:00Z (00:00 EDT):
    // buckets 00:00 EDT, 01:00 EDT, 01:00 EST, though the clock moved only from 00:00 to 01:30.
    Instant t = at("2026-11-01T06:30:00Z");
    Probe ny = hourly(NEW_YORK);
    assertEquals(
        at("2026-11-01T04:00:00Z"),
        new TimeFrame(Resolution.HOUR, NEW_YORK, t).windowStart(Window.hours(3)));
    List<Event> events =
        pings(
            "2026-11-01T03:59:59Z", // 10-31 23:59:59 EDT: outside
            "2026-11-01T04:00:00Z", // 00:00 EDT: first instant of the oldest bucket
            "2026-11-01T05:30:00Z", // 01:30 EDT
            "2026-11-01T06:15:00Z"); // 01:15 EST
    assertEquals(3, ny.count("ping", Window.hours(3), t, events));
  }

  @EveryEngine
  void hourly_newYorkFirstOneThirty_bucketIsTheEdtHour() {
    // T = 2026-11-01 01:30 EDT (05:30Z): the first 01:xx hour is its bucket, from 05:00Z.
    Instant t = at("2026-11-01T05:30:00Z");
    assertEquals(
        at("2026-11-01T05:00:00Z"),
        new TimeFrame(Resolution.HOUR, NEW_YORK, t).windowStart(Window.hours(1)));
    assertEquals(
        1,
        hourly(NEW_YORK)
            .count(
                "ping", Window.hours(1), t, pings("2026-11-01T04:59:59Z", "2026-11-01T05:00:00Z")));
  }

  @EveryEngine
  void hourly_newYorkSpringForward_skipsTheMissingHour() {
    // T = 2026-03-08 03:30 EDT (07:30Z); its bucket starts at 03:00 EDT (07:00Z); within 3h
    // starts two elapsed hours earlier at 05:00Z = 00:00 EST: buckets 00:00 EST, 01:00 EST,
    // 03:00 EDT (02:00-03:00 never happened on the clock).
    Instant t = at("2026-03-08T07:30:00Z");
    List<Event> events =
        pings("2026-03-08T04:59:59Z", "2026-03-08T05:00:00Z", "2026-03-08T06:59:59Z");
    assertEquals(2, hourly(NEW_YORK).count("ping", Window.hours(3), t, events));
  }

  @EveryEngine
  void hourly_dayWindowAcrossFallBack_isTwentyFourElapsedHours() {
    // T = 2026-11-01 12:00 EST (17:00Z); within 24h starts 23 elapsed hours before 17:00Z, at
    // 10-31T18:00Z = 10-31 14:00 EDT, not at 13:00 local as 24 clock hours would give.
    Instant t = at("2026-11-01T17:00:00Z");
    List<Event> events = pings("2026-10-31T17:59:59Z", "2026-10-31T18:00:00Z");
    assertEquals(1, hourly(NEW_YORK).count("ping", Window.hours(24), t, events));
  }

  @EveryEngine
  void hourly_lordHoweHalfHourFallBack_clockHourLastsNinetyMinutes() {
    // Lord Howe falls back half an hour: 2026-04-05 02:00 +11 -> 01:30 +10:30 (04-04T15:00Z).
    // The clock hour 01:00-02:00 runs from 01:00 +11 (14:00Z) to 02:00 +10:30 (15:30Z). At
    // T = 01:45 +10:30 (15:15Z) within 1h is that clock hour so far: 75 minutes.
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    Instant t = at("2026-04-04T15:15:00Z");
    assertEquals(
        at("2026-04-04T14:00:00Z"),
        new TimeFrame(Resolution.HOUR, lordHowe, t).windowStart(Window.hours(1)));
    List<Event> events =
        pings("2026-04-04T13:59:59Z", "2026-04-04T14:00:00Z", "2026-04-04T15:10:00Z");
    assertEquals(2, hourly(lordHowe).count("ping", Window.hours(1), t, events));
  }

  @EveryEngine
  void hourly_lordHoweHalfHourSpringForward_clockHourLastsThirtyMinutes() {
    // Lord Howe springs forward half an hour: 2026-10-04 02:00 +10:30 -> 02:30 +11
    // (10-03T15:30Z). The clock hour 02:00-03:00 starts at the jump: at T = 02:45 +11 (15:45Z)
    // within 1h starts at 15:30Z, and 01:59:59 +10:30 (15:29:59Z) is the previous hour.
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    Instant t = at("2026-10-03T15:45:00Z");
    assertEquals(
        at("2026-10-03T15:30:00Z"),
        new TimeFrame(Resolution.HOUR, lordHowe, t).windowStart(Window.hours(1)));
    List<Event> events = pings("2026-10-03T15:29:59Z", "2026-10-03T15:30:00Z");
    assertEquals(1, hourly(lordHowe).count("ping", Window.hours(1), t, events));
  }

  @EveryEngine
  void hourly_halfHourZone_bucketsFollowTheLocalClock() {
    // Asia/Kolkata is UTC+05:30, so local clock hours start at :30 UTC.
    Instant t = at("2026-11-20T12:00:00Z"); // 17:30 local; bucket from 17:00 local = 11:30Z
    List<Event> events = pings("2026-11-20T11:29:59Z", "2026-11-20T11:30:00Z");
    assertEquals(1, hourly(ZoneId.of("Asia/Kolkata")).count("ping", Window.hours(1), t, events));
  }
}
