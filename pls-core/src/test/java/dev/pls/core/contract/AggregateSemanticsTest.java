package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Probe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * Every aggregate kind with values computed by hand, as of T = 2026-11-20T12:00:00Z (a Friday)
 * in UTC unless a test says otherwise. Weeks: week 0 = 11-14..11-20, week 1 = 11-07..11-13,
 * week 2 = 10-31..11-06, week 3 = 10-24..10-30, week 4 = 10-17..10-23.
 */
class AggregateSemanticsTest {
  private static final Instant T = at("2026-11-20T12:00:00Z");
  private static final EventFilter USE = EventFilter.of("use");

  private final Engine engine;

  AggregateSemanticsTest(Engine engine) {
    this.engine = engine;
  }

  private Scorer scorer(Model model) {
    return engine.scorer(model);
  }

  private static Optional<Value> num(String decimal) {
    return Optional.of(Value.num(decimal));
  }

  private Optional<Value> value(Aggregate a, List<Event> events) {
    return Probe.utc().scoredBy(this::scorer).value(a, T, events);
  }

  private Optional<Value> value(Aggregate a, Window w, List<Event> events) {
    return Probe.utc().scoredBy(this::scorer).value(a, w, T, events);
  }

  // ---- count ----

  @EveryEngine
  void count_noEvents_isZero() {
    assertEquals(num("0"), value(Aggregate.count("use"), List.of()));
  }

  @EveryEngine
  void count_withWhere_countsOnlyEventsWhoseConditionHolds() {
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-20T09:00:00Z", "plan", "pro"),
            event("u", "use", "2026-11-20T10:00:00Z", "plan", "free"),
            event("u", "use", "2026-11-20T11:00:00Z"), // no plan: the comparison is false
            event("u", "use", "2026-11-20T11:30:00Z", "plan", 7)); // a number is not "pro"
    assertEquals(num("1"), value(Aggregate.count(USE.where(Expr.prop("plan").eq("pro"))), events));
    // not (plan == "free") holds for the event without a plan and for the number: 3
    assertEquals(
        num("3"), value(Aggregate.count(USE.where(Expr.prop("plan").eq("free").not())), events));
    assertEquals(
        num("1"), value(Aggregate.count(USE.where(Expr.prop("plan").isMissing())), events));
  }

  @EveryEngine
  void count_anyEvent_countsEveryName() {
    List<Event> events =
        List.of(event("u", "a", "2026-11-20T09:00:00Z"), event("u", "b", "2026-11-20T10:00:00Z"));
    assertEquals(num("2"), value(Aggregate.count(EventFilter.any()), events));
  }

  // ---- distinct ----

  @EveryEngine
  void distinct_ignoresEventsWithoutThePropertyAndComparesNumbersByValue() {
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-20T01:00:00Z", "f", "sso"),
            event("u", "use", "2026-11-20T02:00:00Z", "f", "sso"),
            event("u", "use", "2026-11-20T03:00:00Z", "f", "SSO"), // case matters
            event("u", "use", "2026-11-20T04:00:00Z", "f", 1),
            event("u", "use", "2026-11-20T05:00:00Z", "f", new java.math.BigDecimal("1.00")),
            event("u", "use", "2026-11-20T06:00:00Z", "f", "1"), // a string, not the number 1
            event("u", "use", "2026-11-20T07:00:00Z")); // no f: ignored
    // {"sso", "SSO", 1, "1"} = 4
    assertEquals(num("4"), value(Aggregate.distinct(USE, "f"), events));
    assertEquals(num("0"), value(Aggregate.distinct(USE, "f"), List.of()));
  }

  // ---- sum, min, max ----

  private static final List<Event> AMOUNTS =
      List.of(
          event("u", "use", "2026-11-20T01:00:00Z", "n", new java.math.BigDecimal("1.5")),
          event("u", "use", "2026-11-20T02:00:00Z", "n", new java.math.BigDecimal("2.25")),
          event("u", "use", "2026-11-20T03:00:00Z", "n", new java.math.BigDecimal("-0.75")),
          event("u", "use", "2026-11-20T04:00:00Z", "n", "100"), // a string: ignored
          event("u", "use", "2026-11-20T05:00:00Z", "n", true), // a boolean: ignored
          event("u", "use", "2026-11-20T06:00:00Z")); // missing: ignored

  @EveryEngine
  void sum_ignoresNonNumericAndMissingValues() {
    // 1.5 + 2.25 - 0.75 = 3
    assertEquals(num("3"), value(Aggregate.sum(USE, "n"), AMOUNTS));
  }

  @EveryEngine
  void sum_noNumericValue_isZero() {
    assertEquals(num("0"), value(Aggregate.sum(USE, "n"), AMOUNTS.subList(3, 6)));
  }

  @EveryEngine
  void minMax_ignoreNonNumericAndMissingValues() {
    assertEquals(num("-0.75"), value(Aggregate.min(USE, "n"), AMOUNTS));
    assertEquals(num("2.25"), value(Aggregate.max(USE, "n"), AMOUNTS));
  }

  @EveryEngine
  void minMax_noNumericValue_isMissing() {
    assertEquals(Optional.empty(), value(Aggregate.min(USE, "n"), AMOUNTS.subList(3, 6)));
    assertEquals(Optional.empty(), value(Aggregate.max(USE, "n"), List.of()));
  }

  @EveryEngine
  void sum_isExact() {
    // 0.1 + 0.2 = 0.3 exactly (doubles would give 0.30000000000000004)
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-20T01:00:00Z", "n", 0.1),
            event("u", "use", "2026-11-20T02:00:00Z", "n", 0.2));
    assertEquals(num("0.3"), value(Aggregate.sum(USE, "n"), events));
  }

  @EveryEngine
  void sum_addsExactlyAndRoundsOnce_soNoEngineLosesASmallAmountToOrder() {
    // 10^33 + 10^-30 - 10^33: rounding after each addition would lose the 10^-30 in some orders
    // of adding (engines fold events in different orders); exact until read, the sum is 10^-30.
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-20T01:00:00Z", "n", new BigDecimal("1E+33")),
            event("u", "use", "2026-11-20T02:00:00Z", "n", new BigDecimal("1E-30")),
            event("u", "use", "2026-11-20T03:00:00Z", "n", new BigDecimal("-1E+33")));
    assertEquals(num("1E-30"), value(Aggregate.sum(USE, "n"), events));
    // 10^33 + 0.5 has 35 significant digits: read, it rounds half-even to 10^33
    List<Event> half = List.of(events.get(0), event("u", "use", "2026-11-20T04:00:00Z", "n", 0.5));
    assertEquals(num("1E+33"), value(Aggregate.sum(USE, "n"), half));
  }

  @EveryEngine
  void sum_beyondTheRange_isMissingRatherThanUnbounded() {
    // Ten amounts of 9 * 10^33 add up to 9 * 10^34, which is not below 10^34.
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(event("u", "use", "2026-11-20T0" + i + ":00:00Z", "n", new BigDecimal("9E+33")));
    }
    assertEquals(Optional.empty(), value(Aggregate.sum(USE, "n"), events));
    assertEquals(num("9E+33"), value(Aggregate.sum(USE, "n"), events.subList(0, 1)));
  }

  // ---- active_days, days_since ----

  @EveryEngine
  void activeDays_countsDistinctDatesInTheWindow() {
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-12T23:00:00Z"), // outside 7d
            event("u", "use", "2026-11-14T00:00:00Z"),
            event("u", "use", "2026-11-14T23:59:59Z"), // same date
            event("u", "use", "2026-11-20T11:00:00Z"));
    assertEquals(num("2"), value(Aggregate.activeDays(USE), Window.days(7), events));
    assertEquals(num("3"), value(Aggregate.activeDays(USE), events));
    assertEquals(num("0"), value(Aggregate.activeDays(USE), List.of()));
  }

  @EveryEngine
  void daysSince_countsCalendarDaysToTheLastEvent() {
    // last event 11-17 23:00: 11-17 -> 11-20 = 3, although only 2 days 13 hours elapsed
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-10T10:00:00Z"), event("u", "use", "2026-11-17T23:00:00Z"));
    assertEquals(num("3"), value(Aggregate.daysSince(USE), events));
    assertEquals(
        num("0"),
        value(Aggregate.daysSince(USE), List.of(event("u", "use", "2026-11-20T00:00:00Z"))));
    assertEquals(Optional.empty(), value(Aggregate.daysSince(USE), List.of()));
  }

  @EveryEngine
  void daysSince_inNewYork_countsLocalDates() {
    // T = 11-20T03:00Z = 11-19 22:00 EST; the event at 11-19T04:00Z = 11-18 23:00 EST: one day,
    // though in UTC the dates differ by one as well and only 23 hours elapsed.
    Instant t = at("2026-11-20T03:00:00Z");
    Probe ny = Probe.daily(ZoneId.of("America/New_York")).scoredBy(this::scorer);
    assertEquals(
        num("1"),
        ny.value(Aggregate.daysSince(USE), t, List.of(event("u", "use", "2026-11-19T04:00:00Z"))));
    // 11-19T05:00Z is 00:00 EST on 11-19: the same local day as T
    assertEquals(
        num("0"),
        ny.value(Aggregate.daysSince(USE), t, List.of(event("u", "use", "2026-11-19T05:00:00Z"))));
  }

  // ---- first_seen, last_seen ----

  @EveryEngine
  void firstSeenLastSeen_areInstantsWhateverTheEventOrder() {
    List<Event> events =
        List.of(
            event("u", "use", "2026-11-18T10:00:00Z"),
            event("u", "use", "2026-11-02T10:00:00Z"),
            event("u", "use", "2026-11-20T12:00:00Z"),
            event("u", "use", "2026-11-20T12:00:01Z")); // after T: never counts
    assertEquals(
        Optional.of(new Value.Time(at("2026-11-02T10:00:00Z"))),
        value(Aggregate.firstSeen(USE), events));
    assertEquals(Optional.of(new Value.Time(T)), value(Aggregate.lastSeen(USE), events));
    assertEquals(
        Optional.of(new Value.Time(at("2026-11-18T10:00:00Z"))),
        value(Aggregate.firstSeen(USE), Window.days(7), events));
    assertEquals(Optional.empty(), value(Aggregate.lastSeen(USE), List.of()));
  }

  // ---- minutes_between ----

  private static final Aggregate SIGNUP_TO_ACTIVATION =
      Aggregate.minutesBetween(EventFilter.of("signed_up"), EventFilter.of("activated"));

  @EveryEngine
  void minutesBetween_isExactDecimalMinutesBetweenFirstOccurrences() {
    // first signed_up 10:00:00, first activated 10:01:30.5: 90.5 s / 60 = 1.508333...
    // rounded to 34 significant digits: "1.508" and thirty 3s
    List<Event> events =
        List.of(
            event("u", "signed_up", "2026-11-20T10:00:00Z"),
            event("u", "activated", "2026-11-20T10:03:00Z"),
            event("u", "activated", "2026-11-20T10:01:30.5Z"),
            event("u", "signed_up", "2026-11-20T10:02:00Z"));
    assertEquals(num("1.508" + "3".repeat(30)), value(SIGNUP_TO_ACTIVATION, events));
  }

  @EveryEngine
  void minutesBetween_toBeforeFrom_isNegative() {
    List<Event> events =
        List.of(
            event("u", "signed_up", "2026-11-20T10:30:00Z"),
            event("u", "activated", "2026-11-20T10:00:00Z"));
    assertEquals(num("-30"), value(SIGNUP_TO_ACTIVATION, events));
  }

  @EveryEngine
  void minutesBetween_eitherMissing_isMissing() {
    List<Event> onlySignup = List.of(event("u", "signed_up", "2026-11-20T10:30:00Z"));
    assertEquals(Optional.empty(), value(SIGNUP_TO_ACTIVATION, onlySignup));
    // the activation after T does not count either
    List<Event> lateActivation =
        List.of(
            event("u", "signed_up", "2026-11-20T10:30:00Z"),
            event("u", "activated", "2026-11-20T12:30:00Z"));
    assertEquals(Optional.empty(), value(SIGNUP_TO_ACTIVATION, lateActivation));
  }

  // ---- growth_weeks ----

  /** {@code counts[k]} "use" events in week k, each on the week's last day (T's weekday). */
  private static List<Event> weekly(int... counts) {
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      Instant day = at("2026-11-20T09:00:00Z").minus(java.time.Duration.ofDays(7L * k));
      for (int i = 0; i < counts[k]; i++) {
        events.add(event("u", "use", day.plusSeconds(i)));
      }
    }
    return events;
  }

  @EveryEngine
  void growthWeeks_threeStrictIncreases_isThree() {
    // w0 = 3 > w1 = 2 > w2 = 1 > w3 = 0; w3 = 0 > w4 = 0 fails: 3
    assertEquals(num("3"), value(Aggregate.growthWeeks(USE), weekly(3, 2, 1)));
  }

  @EveryEngine
  void growthWeeks_firstWeekAfterNothing_countsAsGrowth() {
    // w3 = 1 > w4 = 0 is growth too: 4 > 3 > 2 > 1 > 0 gives 4
    assertEquals(num("4"), value(Aggregate.growthWeeks(USE), weekly(4, 3, 2, 1)));
  }

  @EveryEngine
  void growthWeeks_equalWeeks_breakTheStreak() {
    // w0 = 2 > w1 = 2 fails at once: 0, whatever came before
    assertEquals(num("0"), value(Aggregate.growthWeeks(USE), weekly(2, 2, 1)));
    // w0 = 3 > w1 = 1 > w2 = 1 fails: 1
    assertEquals(num("1"), value(Aggregate.growthWeeks(USE), weekly(3, 1, 1)));
    assertEquals(num("0"), value(Aggregate.growthWeeks(USE), List.of()));
  }

  @EveryEngine
  void growthWeeks_weekBoundary_isLocalMidnightSevenDaysBeforeTomorrow() {
    // Week 0 = 11-14..11-20: an event at 11-14T00:00Z is in week 0, one at 11-13T23:59:59Z in
    // week 1. So [1 in w0] gives 1, [1 in w1] gives 0 (w0 = 0 > w1 = 1 fails).
    assertEquals(
        num("1"),
        value(Aggregate.growthWeeks(USE), List.of(event("u", "use", "2026-11-14T00:00:00Z"))));
    assertEquals(
        num("0"),
        value(Aggregate.growthWeeks(USE), List.of(event("u", "use", "2026-11-13T23:59:59Z"))));
  }

  @EveryEngine
  void growthWeeks_inNewYork_weeksAreLocalDatesAcrossTheDstChange() {
    // T = 2026-11-03T12:00Z = 11-03 07:00 EST; week 0 = local 10-28..11-03, across the 11-01
    // fall-back. 10-28 00:00 EDT = 10-28T04:00Z opens week 0; a second earlier is week 1.
    Instant t = at("2026-11-03T12:00:00Z");
    Probe ny = Probe.daily(ZoneId.of("America/New_York")).scoredBy(this::scorer);
    Aggregate growth = Aggregate.growthWeeks(USE);
    assertEquals(num("1"), ny.value(growth, t, List.of(event("u", "use", "2026-10-28T04:00:00Z"))));
    assertEquals(num("0"), ny.value(growth, t, List.of(event("u", "use", "2026-10-28T03:59:59Z"))));
  }

  // ---- trend ----

  @EveryEngine
  void trend_linearWeeklyCounts_isTheirSlope() {
    // weeks oldest first [w3, w2, w1, w0] = [1, 2, 3, 4]: slope 1
    assertEquals(num("1"), value(Aggregate.trend(USE, 4), weekly(4, 3, 2, 1)));
    // [3, 1, 0, 0]: n = 4, sum x = 6, sum y = 4, sum xy = 1, sum xx = 14,
    // slope = (4*1 - 6*4) / (4*14 - 6*6) = -20 / 20 = -1
    assertEquals(num("-1"), value(Aggregate.trend(USE, 4), weekly(0, 0, 1, 3)));
  }

  @EveryEngine
  void trend_roundsToThirtyFourSignificantDigits() {
    // 6 weeks, one event in week 0 (x = 5): sum x = 15, sum y = 1, sum xy = 5, sum xx = 55,
    // slope = (6*5 - 15*1) / (6*55 - 15*15) = 15 / 105 = 1/7 = 0.142857... to 34 digits
    assertEquals(
        num("0.1428571428571428571428571428571429"), value(Aggregate.trend(USE, 6), weekly(1)));
  }

  @EveryEngine
  void trend_ignoresWeeksBeyondItsHorizonAndIsZeroWithoutEvents() {
    // week 4 is outside trend(_, 4w): [0, 0, 0, 0] -> 0
    assertEquals(num("0"), value(Aggregate.trend(USE, 4), weekly(0, 0, 0, 0, 5)));
    assertEquals(num("0"), value(Aggregate.trend(USE, 2), List.of()));
  }
}
