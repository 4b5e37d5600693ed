package dev.pls.core.backtest;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/*
 * Capacity thresholds on a timeline whose weekly volumes were counted by hand. Model: trial +10,
 * invite +20, demo +40 (each ever), bots excluded. Daily steps at midnight UTC from Monday 2 March
 * to Sunday 22 March 2026: three ISO weeks, W1 = 2-8, W2 = 9-15, W3 = 16-22 March. The rises of
 * each entity's highest score (the day of the step, the score):
 *
 *   p  trial 27 Feb (history), invite 4 Mar, demo 17 Mar   2 Mar 10, 5 Mar 30, 18 Mar 70
 *   q  invite 3 Mar, demo 10 Mar; outcome 12 Mar           4 Mar 20, 11 Mar 60
 *   r  demo 5 Mar; outcome 20 Mar                          6 Mar 40
 *   s  demo 11 Mar                                         12 Mar 40
 *   t  trial 12 Mar, demo 13 Mar 12:00; outcome 16 Mar     13 Mar 10, 14 Mar 50
 *   u  bot, demo 3 Mar                                     never: excluded
 *   v  demo 1 Mar (history); outcome 8 Mar                 2 Mar 40 (the first step: backlog)
 *   w  invite 1 Mar (history); outcome 1 Mar 12:00: prior  2 Mar 20 (backlog)
 *   x  visit 3 Mar, demo 9 Mar; outcome 6 Mar              10 Mar 40 (after its outcome)
 *
 * Per threshold, each entity's first rise at or above it, counted by week (the first step apart):
 *
 *   T   backlog  W1 W2 W3  qualified  max  precision  recall
 *   70  0        0  0  1   1          1    0/1        0/5
 *   60  0        0  1  1   2          1    1/2        1/5
 *   50  0        0  2  1   3          2    2/3        2/5
 *   40  v        r  qstx p 6          4    4/6        4/5
 *   30  v        pr qstx - 6          4    4/6        4/5
 *   20  v w      pqr stx - 6          3    4/6        4/5
 *   10  p v w    qr stx -  5          3    4/6        4/5
 *
 * Precision counts the non-prior entities that qualified strictly before their outcome (x did
 * not; w is prior); recall is over the five converted entities that are not prior (q r t v x).
 */
class CapacityCurveTest {

  private static final Model MODEL =
      Model.builder("cap")
          .trait("bot", TraitType.BOOL)
          .category(
              "c",
              c ->
                  c.rule("trial", Expr.occurred("trial"), 10, "Started a trial")
                      .rule("invite", Expr.occurred("invite"), 20, "Invited a colleague")
                      .rule("demo", Expr.occurred("demo"), 40, "Booked a demo"))
          .exclude(Expr.trait("bot").eq(true), "bot")
          .tier("hot", Expr.score().ge(50))
          .build();

  private static final Schedule.Grid GRID =
      new Schedule.Grid(at("2026-03-02T00:00:00Z"), at("2026-03-22T00:00:00Z"), Duration.ofDays(1));

  private static CapacityCurve curve(boolean withOutcomes) {
    Backtest.Builder b = Backtest.builder(MODEL).schedule(GRID);
    if (withOutcomes) {
      b.outcomes(
          Outcomes.builder("converted")
              .add("q", at("2026-03-12T00:00:00Z"))
              .add("r", at("2026-03-20T00:00:00Z"))
              .add("t", at("2026-03-16T00:00:00Z"))
              .add("v", at("2026-03-08T00:00:00Z"))
              .add("w", at("2026-03-01T12:00:00Z"))
              .add("x", at("2026-03-06T00:00:00Z"))
              .build());
    }
    Replay r = b.build().start();
    r.traits("u", Map.of("bot", Value.bool(true)));
    r.event(event("p", "trial", "2026-02-27T10:00:00Z"));
    r.event(event("v", "demo", "2026-03-01T10:00:00Z"));
    r.event(event("w", "invite", "2026-03-01T10:00:00Z"));
    r.event(event("q", "invite", "2026-03-03T09:00:00Z"));
    r.event(event("u", "demo", "2026-03-03T09:00:00Z"));
    r.event(event("x", "visit", "2026-03-03T09:00:00Z"));
    r.event(event("p", "invite", "2026-03-04T10:00:00Z"));
    r.event(event("r", "demo", "2026-03-05T10:00:00Z"));
    r.event(event("x", "demo", "2026-03-09T10:00:00Z"));
    r.event(event("q", "demo", "2026-03-10T10:00:00Z"));
    r.event(event("s", "demo", "2026-03-11T10:00:00Z"));
    r.event(event("t", "trial", "2026-03-12T10:00:00Z"));
    r.event(event("t", "demo", "2026-03-13T12:00:00Z"));
    r.event(event("p", "demo", "2026-03-17T10:00:00Z"));
    return r.finish().capacity().orElseThrow();
  }

  private static CapacityCurve.Point point(CapacityCurve c, int threshold) {
    return c.points().stream()
        .filter(p -> p.threshold().equals(Points.of(threshold)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void curve_weeksAndThresholds_countedByHand() {
    CapacityCurve c = curve(true);
    assertEquals(LocalDate.of(2026, 3, 2), c.firstWeek());
    assertEquals(3, c.weeks());
    assertEquals(
        List.of(10, 20, 30, 40, 50, 60, 70).stream().map(Points::of).toList(),
        c.points().stream().map(CapacityCurve.Point::threshold).toList(),
        "the positive scores reached, lowest first");
    long[][] expected = { // threshold, backlog, qualified, max, busiest week's day of March
      {70, 0, 1, 1, 16},
      {60, 0, 2, 1, 9},
      {50, 0, 3, 2, 9},
      {40, 1, 6, 4, 9},
      {30, 1, 6, 4, 9},
      {20, 2, 6, 3, 2},
      {10, 3, 5, 3, 9}
    };
    for (long[] e : expected) {
      CapacityCurve.Point p = point(c, (int) e[0]);
      String t = "at " + e[0];
      assertEquals(e[1], p.backlog(), t + ": backlog");
      assertEquals(e[2], p.qualified(), t + ": qualified");
      assertEquals(e[3], p.maxWeekly(), t + ": largest week");
      assertEquals(Optional.of(LocalDate.of(2026, 3, (int) e[4])), p.busiestWeek(), t);
      assertEquals(e[2] / 3.0, p.meanWeekly(), 1e-12, t + ": mean");
    }
  }

  @Test
  void curve_precisionAndRecall_beforeTheOutcomeOnly() {
    CapacityCurve c = curve(true);
    assertEquals(Optional.of(Rate.of(0, 1)), point(c, 70).precision());
    assertEquals(Optional.of(Rate.of(0, 5)), point(c, 70).recall());
    assertEquals(Optional.of(Rate.of(1, 2)), point(c, 60).precision());
    assertEquals(Optional.of(Rate.of(1, 5)), point(c, 60).recall());
    assertEquals(Optional.of(Rate.of(2, 3)), point(c, 50).precision());
    assertEquals(Optional.of(Rate.of(2, 5)), point(c, 50).recall());
    for (int t : new int[] {40, 30, 20, 10}) {
      // x qualified after its outcome and w is prior: neither counts.
      assertEquals(Optional.of(Rate.of(4, 6)), point(c, t).precision(), "at " + t);
      assertEquals(Optional.of(Rate.of(4, 5)), point(c, t).recall(), "at " + t);
    }
  }

  @Test
  void fit_lowestThresholdWhoseBusiestWeekFits() {
    CapacityCurve c = curve(true);
    // 10's busiest week has 3, though 20, 30 and 40 have more: the lowest that fits wins.
    assertEquals(Points.of(10), c.fit(3).orElseThrow().threshold());
    assertEquals(Points.of(50), c.fit(2).orElseThrow().threshold());
    assertEquals(Points.of(60), c.fit(1).orElseThrow().threshold());
  }

  @Test
  void fits_theBacklogIsAWeeksWorkOfItsOwn() {
    CapacityCurve.Point inherited =
        new CapacityCurve.Point(
            Points.of(5),
            3,
            1,
            1,
            Optional.of(LocalDate.of(2026, 3, 2)),
            1,
            Optional.empty(),
            Optional.empty());
    assertTrue(inherited.fits(3));
    assertEquals(false, inherited.fits(2), "a backlog of 3 does not fit 2 a week");
    // At 10 the busiest week has 3 and the backlog 3 (p, v, w): both must fit.
    assertEquals(false, point(curve(true), 10).fits(2));
  }

  @Test
  void fit_capacityAboveAllVolume_lowestThreshold() {
    assertEquals(Points.of(10), curve(true).fit(1_000).orElseThrow().threshold());
  }

  @Test
  void fit_capacityNeverMet_absent() {
    // Even 70, the highest score reached, newly qualifies one entity in W3.
    assertEquals(Optional.empty(), curve(true).fit(0));
  }

  @Test
  void fit_negativeCapacity_refusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> curve(false).fit(-1));
    assertTrue(e.getMessage().startsWith("perWeek:"), e.getMessage());
  }

  @Test
  void curve_withoutOutcomes_noPrecisionOrRecall() {
    CapacityCurve c = curve(false);
    assertEquals(point(curve(true), 40).maxWeekly(), point(c, 40).maxWeekly());
    assertTrue(c.points().stream().allMatch(p -> p.precision().isEmpty() && p.recall().isEmpty()));
  }

  @Test
  void curve_cohort_weeksOfEachEntitysInstant() {
    Replay r =
        Backtest.builder(MODEL)
            .schedule(new Schedule.Cohort("trial", Duration.ofDays(1)))
            .build()
            .start();
    r.event(event("a", "trial", "2026-03-02T10:00:00Z")); // scored 3 Mar (W1): 10
    r.event(event("b", "trial", "2026-03-03T10:00:00Z")); // scored 4 Mar (W1): 30
    r.event(event("b", "invite", "2026-03-03T11:00:00Z"));
    r.event(event("c", "trial", "2026-03-10T10:00:00Z")); // scored 11 Mar (W2): 10
    CapacityCurve c = r.finish().capacity().orElseThrow();
    assertEquals(LocalDate.of(2026, 3, 2), c.firstWeek());
    assertEquals(2, c.weeks());
    assertEquals(0, point(c, 10).backlog(), "a cohort has no first step to inherit");
    assertEquals(3, point(c, 10).qualified());
    assertEquals(2, point(c, 10).maxWeekly());
    assertEquals(1, point(c, 30).maxWeekly());
    assertEquals(Points.of(30), c.fit(1).orElseThrow().threshold());
  }
}
