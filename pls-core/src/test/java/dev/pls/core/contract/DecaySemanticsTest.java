package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.Decay;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Window;
import dev.pls.core.testing.Cards;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/*
 * Decay (docs/semantics.md, "Decay") with cards computed by hand, as of T = 2026-11-20T12:00:00Z in
 * UTC, daily, unless a test says otherwise. The age is the number of buckets (local dates, or hours
 * in an hourly model) from the newest event the rule's condition read to T; linear decay over L is
 * p * max(0, 1 - age/L), half-life h is p * 2^(-age/h), rounded half-even to hundredths.
 */
class DecaySemanticsTest {
  private static final Instant T = at("2026-11-20T12:00:00Z");
  private static final Expr USED = Expr.agg(Aggregate.count("use"), Window.days(90)).ge(1);
  private static final Decay LINEAR_60D = Decay.linear(60, Window.Unit.DAYS);
  private static final Decay HALF_LIFE_14D = Decay.halfLife(14, Window.Unit.DAYS);

  private final Engine engine;

  DecaySemanticsTest(Engine engine) {
    this.engine = engine;
  }

  private static Rule rule(String id, Expr condition, String points, Decay decay) {
    return new Rule(id, id, condition, Points.parse(points)).decay(decay);
  }

  private static Model model(Consumer<Category.Builder> rules) {
    return Model.builder("decay").category("c", rules).build();
  }

  private List<String> card(Model model, Instant asOf, Event... events) {
    Entity entity = Entity.builder("u").events(List.of(events)).build();
    return Cards.lines(engine.scorer(model).score(entity, asOf));
  }

  /** The one contribution of a one-rule model reading use within 90d, with a use at {@code iso}. */
  private String used(String points, Decay decay, String iso) {
    Model m = model(c -> c.rule(rule("r", USED, points, decay)));
    List<String> lines = card(m, T, event("u", "use", iso));
    return lines.get(lines.size() - 1);
  }

  // ---- linear ----

  @EveryEngine
  void linear_ageZero_givesFullPoints() {
    assertEquals(
        "c/r +15 (decayed of +15, 0 days old) | count(use) within 90d = 1",
        used("15", LINEAR_60D, "2026-11-20T00:00:00Z"));
  }

  @EveryEngine
  void linear_halfTheLifespan_givesHalfThePoints() {
    // 11-20 - 30 days = 10-21: 15 * (1 - 30/60) = 7.5
    assertEquals(
        "c/r +7.5 (decayed of +15, 30 days old) | count(use) within 90d = 1",
        used("15", LINEAR_60D, "2026-10-21T23:00:00Z"));
  }

  @EveryEngine
  void linear_oneDay_roundsToHundredths() {
    // 10 * 59/60 = 9.8333... -> 9.83
    assertEquals(
        "c/r +9.83 (decayed of +10, 1 day old) | count(use) within 90d = 1",
        used("10", LINEAR_60D, "2026-11-19T12:00:00Z"));
  }

  @EveryEngine
  void linear_roundsHalfEven() {
    // 0.03 * 4/8 = 0.015 -> 0.02 (2 is even); 0.01 * 4/8 = 0.005 -> 0 (0 is even)
    Decay eightDays = Decay.linear(8, Window.Unit.DAYS);
    assertEquals(
        "c/r +0.02 (decayed of +0.03, 4 days old) | count(use) within 90d = 1",
        used("0.03", eightDays, "2026-11-16T12:00:00Z"));
    assertEquals(
        "c/r +0 (decayed of +0.01, 4 days old) | count(use) within 90d = 1",
        used("0.01", eightDays, "2026-11-16T12:00:00Z"));
  }

  @EveryEngine
  void linear_atAndBeyondTheLifespan_isZeroButStillFires() {
    // 11-20 - 60 days = 09-21, - 61 days = 09-20
    assertEquals(
        "c/r +0 (decayed of +15, 60 days old) | count(use) within 90d = 1",
        used("15", LINEAR_60D, "2026-09-21T12:00:00Z"));
    assertEquals(
        "c/r +0 (decayed of +15, 61 days old) | count(use) within 90d = 1",
        used("15", LINEAR_60D, "2026-09-20T12:00:00Z"));
  }

  // ---- half-life ----

  @EveryEngine
  void halfLife_ageZero_givesFullPoints() {
    assertEquals(
        "c/r +20 (decayed of +20, 0 days old) | count(use) within 90d = 1",
        used("20", HALF_LIFE_14D, "2026-11-20T11:59:59Z"));
  }

  @EveryEngine
  void halfLife_oneHalfLife_isExactlyHalf() {
    assertEquals(
        "c/r +10 (decayed of +20, 14 days old) | count(use) within 90d = 1",
        used("20", HALF_LIFE_14D, "2026-11-06T12:00:00Z"));
  }

  @EveryEngine
  void halfLife_thirtyDaysOfFourteen_roundsToHundredths() {
    // 20 * 2^(-30/14) = 20 * 0.226430916... = 4.5286... -> 4.53
    assertEquals(
        "c/r +4.53 (decayed of +20, 30 days old) | count(use) within 90d = 1",
        used("20", HALF_LIFE_14D, "2026-10-21T12:00:00Z"));
    // 15 * 2^(-1/2) = 10.6066... -> 10.61
    assertEquals(
        "c/r +10.61 (decayed of +15, 7 days old) | count(use) within 90d = 1",
        used("15", HALF_LIFE_14D, "2026-11-13T12:00:00Z"));
  }

  // ---- caps, floors, signs ----

  @EveryEngine
  void cap_appliesToTheDecayedPoints() {
    // a: 20 decayed to 10 fits under the cap of 12; b: +5 gets the 2 left
    Model m =
        model(
            c ->
                c.cap(12)
                    .rule(rule("a", USED, "20", LINEAR_60D))
                    .rule(new Rule("b", "b", USED, Points.of(5))));
    assertEquals(
        List.of(
            "score 12, tier none",
            "c: total 12 (positive 15, negative 0)",
            "c/a +10 (decayed of +20, 30 days old) | count(use) within 90d = 1",
            "c/b +2 (of +5) | count(use) within 90d = 1"),
        card(m, T, event("u", "use", "2026-10-21T12:00:00Z")));
  }

  @EveryEngine
  void negativePoints_decayToo_andTheFloorAppliesToWhatIsLeft() {
    // -30 halves to -15 after one half-life; the floor of -10 leaves -10
    Model m = model(c -> c.floor(-10).rule(rule("n", USED, "-30", HALF_LIFE_14D)));
    assertEquals(
        List.of(
            "score -10, tier none",
            "c: total -10 (positive 0, negative -15)",
            "c/n -10 (of -15) (decayed of -30, 14 days old) | count(use) within 90d = 1"),
        card(m, T, event("u", "use", "2026-11-06T12:00:00Z")));
  }

  // ---- the age ----

  @EveryEngine
  void age_isTheNewestEventTheConditionRead_ofEveryFilter() {
    // invite 20 days old, login 3 days old: the login is the newest, so 3 days
    Expr both =
        Expr.agg(Aggregate.count("invite"), Window.days(30))
            .ge(1)
            .and(Expr.agg(Aggregate.count("login"), Window.days(7)).ge(1));
    Model m = model(c -> c.rule(rule("r", both, "30", Decay.linear(30, Window.Unit.DAYS))));
    assertEquals(
        List.of(
            "score 27, tier none",
            "c: total 27 (positive 27, negative 0)",
            "c/r +27 (decayed of +30, 3 days old) | count(invite) within 30d = 1,"
                + " count(login) within 7d = 1"),
        card(
            m,
            T,
            event("u", "invite", "2026-10-31T12:00:00Z"),
            event("u", "login", "2026-11-17T12:00:00Z")));
  }

  @EveryEngine
  void age_readsOnlyEventsInTheWindowTheConditionReads() {
    // The login 8 days old is outside its 7d window and read by nothing: the invite, 20 days
    // old, is the newest event read.
    Expr either =
        Expr.agg(Aggregate.count("invite"), Window.days(30))
            .ge(1)
            .or(Expr.agg(Aggregate.count("login"), Window.days(7)).ge(1));
    Model m = model(c -> c.rule(rule("r", either, "30", Decay.linear(30, Window.Unit.DAYS))));
    List<String> lines =
        card(
            m,
            T,
            event("u", "invite", "2026-10-31T12:00:00Z"),
            event("u", "login", "2026-11-12T12:00:00Z"),
            event("u", "login", "2026-11-20T12:00:01Z"));
    assertEquals(
        "c/r +10 (decayed of +30, 20 days old) | count(invite) within 30d = 1,"
            + " count(login) within 7d = 0",
        lines.get(lines.size() - 1));
  }

  @EveryEngine
  void age_noEventRead_givesFullPointsWithoutDecay() {
    Expr quiet = Expr.agg(Aggregate.count("use"), Window.days(7)).le(0);
    Model m = model(c -> c.rule(rule("r", quiet, "-5", LINEAR_60D)));
    assertEquals(
        List.of(
            "score -5, tier none",
            "c: total -5 (positive 0, negative -5)",
            "c/r -5 | count(use) within 7d = 0"),
        card(m, T, event("u", "use", "2026-11-01T12:00:00Z")));
  }

  @EveryEngine
  void age_daily_anEvent23HoursBeforeTOnTheDayBefore_isOneDayOld() {
    assertEquals(
        "c/r +14.75 (decayed of +15, 1 day old) | count(use) within 90d = 1",
        used("15", LINEAR_60D, "2026-11-19T13:00:00Z"));
    assertEquals(
        "c/r +15 (decayed of +15, 0 days old) | count(use) within 90d = 1",
        used("15", LINEAR_60D, "2026-11-20T00:00:00Z"));
  }

  @EveryEngine
  void age_dailyInNewYork_countsLocalDates() {
    // T = 11-19 22:00 EST. 04:00Z is 11-18 23:00 EST, one day old; 05:00Z is 11-19 00:00 EST.
    Model m =
        Model.builder("decay")
            .zone(ZoneId.of("America/New_York"))
            .category("c", c -> c.rule(rule("r", USED, "10", Decay.linear(10, Window.Unit.DAYS))))
            .build();
    Instant asOf = at("2026-11-20T03:00:00Z");
    List<String> before = card(m, asOf, event("u", "use", "2026-11-19T04:00:00Z"));
    List<String> after = card(m, asOf, event("u", "use", "2026-11-19T05:00:00Z"));
    assertEquals(
        "c/r +9 (decayed of +10, 1 day old) | count(use) within 90d = 1",
        before.get(before.size() - 1));
    assertEquals(
        "c/r +10 (decayed of +10, 0 days old) | count(use) within 90d = 1",
        after.get(after.size() - 1));
  }

  @EveryEngine
  void age_hourly_countsHourBucketsBackFromT() {
    // T = 12:30Z; its bucket starts 12:00Z. 12:00Z is 0 hours old, 11:59:59Z 1, 10:00Z 2.
    Expr used = Expr.agg(Aggregate.count("use"), Window.hours(24)).ge(1);
    Model m =
        Model.builder("decay")
            .resolution(Resolution.HOUR)
            .category("c", c -> c.rule(rule("r", used, "10", Decay.linear(10, Window.Unit.HOURS))))
            .build();
    Instant asOf = at("2026-11-20T12:30:00Z");
    String[][] cases = {
      {"2026-11-20T12:00:00Z", "+10 (decayed of +10, 0 hours old)"},
      {"2026-11-20T11:59:59Z", "+9 (decayed of +10, 1 hour old)"},
      {"2026-11-20T10:00:00Z", "+8 (decayed of +10, 2 hours old)"},
      {"2026-11-20T09:59:59.999999999Z", "+7 (decayed of +10, 3 hours old)"},
    };
    for (String[] c : cases) {
      List<String> lines = card(m, asOf, event("u", "use", c[0]));
      assertEquals(
          "c/r " + c[1] + " | count(use) within 24h = 1", lines.get(lines.size() - 1), c[0]);
    }
  }

  @EveryEngine
  void age_hourlyAcrossFallBack_countsElapsedHourBuckets() {
    // New York, T = 2026-11-01 01:30 EST (06:30Z), the second 01:30 of the night; its bucket
    // starts 06:00Z. 05:30Z (01:30 EDT) is in the bucket before, 1 hour old; 04:30Z (00:30 EDT)
    // two buckets back, 2 hours old, although the clock reads only an hour earlier.
    Expr used = Expr.agg(Aggregate.count("use"), Window.hours(24)).ge(1);
    Model m =
        Model.builder("decay")
            .resolution(Resolution.HOUR)
            .zone(ZoneId.of("America/New_York"))
            .category("c", c -> c.rule(rule("r", used, "10", Decay.linear(10, Window.Unit.HOURS))))
            .build();
    Instant asOf = at("2026-11-01T06:30:00Z");
    List<String> one = card(m, asOf, event("u", "use", "2026-11-01T05:30:00Z"));
    List<String> two = card(m, asOf, event("u", "use", "2026-11-01T04:30:00Z"));
    assertEquals(
        "c/r +9 (decayed of +10, 1 hour old) | count(use) within 24h = 1", one.get(one.size() - 1));
    assertEquals(
        "c/r +8 (decayed of +10, 2 hours old) | count(use) within 24h = 1",
        two.get(two.size() - 1));
  }
}
