package dev.pls.cli.report;

import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.CapacityCurve;
import dev.pls.core.backtest.EntityResult;
import dev.pls.core.backtest.Lift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.StepCount;
import dev.pls.core.backtest.Summary;
import dev.pls.core.backtest.Summary.OutcomeFigures;
import dev.pls.core.backtest.Summary.RuleOutcome;
import dev.pls.core.backtest.Summary.TierCounts;
import dev.pls.core.backtest.Summary.TierOutcome;
import dev.pls.core.model.Points;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Hand-built backtest results. The summary's figures are chosen, not computed from the entities
 * (the report shows them as given); what the report derives itself (weeks, bands, histogram) comes
 * from the entities, which the tests count independently.
 */
final class Results {
  private Results() {}

  /**
   * A Monday; the grid's five weekly steps cross the ISO year boundary (2025-W01 starts 30 Dec).
   */
  static final Instant FROM = Instant.parse("2024-12-16T00:00:00Z");

  static final Schedule.Grid GRID =
      new Schedule.Grid(FROM, FROM.plus(Duration.ofDays(28)), Duration.ofDays(7));

  /** 40 entities: every second enters warm, every fifth then hot; every third converts. */
  static List<EntityResult> entities() {
    List<EntityResult> list = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Instant entered = FROM.plus(Duration.ofDays(i % 3 * 7));
      Map<String, Instant> first = new LinkedHashMap<>();
      String peak = "none";
      if (i % 5 == 0) {
        first.put("hot", FROM.plus(Duration.ofDays(i % 28 + 7)));
        peak = "hot";
      }
      if (i % 2 == 0) {
        first.put("warm", FROM.plus(Duration.ofDays(i % 28)));
        peak = peak.equals("hot") ? "hot" : "warm";
      }
      boolean prior = i >= 38;
      Optional<Instant> outcome =
          i % 3 == 0 || prior ? Optional.of(entered.plus(Duration.ofDays(10))) : Optional.empty();
      // Scores bunch up (multiples of 5, several ties) like real lead scores; one has none.
      Optional<Points> score =
          i == 37 ? Optional.empty() : Optional.of(new Points((i * 7L % 60) / 5 * 500 + 25));
      list.add(
          new EntityResult(
              String.format(java.util.Locale.ROOT, "acct-%02d", i),
              entered,
              5,
              first,
              peak,
              prior ? Optional.empty() : score,
              outcome,
              prior,
              i % 4 == 0 ? List.of("pricing_visits") : List.of()));
    }
    return list;
  }

  static List<StepCount> steps() {
    List<StepCount> steps = new ArrayList<>();
    for (int i = 0; i < GRID.count(); i++) {
      Map<String, Long> tiers = new LinkedHashMap<>();
      tiers.put("hot", (long) i * 2);
      tiers.put("warm", (long) i * 4 + 1);
      tiers.put("cold", 0L);
      tiers.put("none", 40L - i * 6 - 1);
      steps.add(new StepCount(GRID.at(i), 40, tiers));
    }
    return steps;
  }

  static Map<String, TierCounts> tierCounts() {
    Map<String, TierCounts> m = new LinkedHashMap<>();
    m.put("hot", new TierCounts(8, 8));
    m.put("warm", new TierCounts(20, 12));
    m.put("cold", new TierCounts(0, 0));
    m.put("none", new TierCounts(40, 20));
    return m;
  }

  static Lift lift(double v, double low, double high) {
    return new Lift(v, OptionalDouble.of(low), OptionalDouble.of(high));
  }

  static OutcomeFigures outcomes() {
    Map<String, TierOutcome> tiers = new LinkedHashMap<>();
    tiers.put(
        "hot",
        new TierOutcome(8, 5, Optional.of(Rate.of(5, 8)), Optional.of(lift(2.2321, 1.31, 3.8))));
    tiers.put(
        "warm",
        new TierOutcome(10, 3, Optional.of(Rate.of(3, 10)), Optional.of(lift(1.0714, 0.4, 2.6))));
    tiers.put("cold", new TierOutcome(0, 0, Optional.empty(), Optional.empty()));
    tiers.put(
        "none",
        new TierOutcome(19, 2, Optional.of(Rate.of(2, 19)), Optional.of(lift(0.3759, 0.1, 1.4))));
    Map<String, RuleOutcome> rules = new LinkedHashMap<>();
    rules.put(
        "pricing_visits",
        new RuleOutcome(
            9,
            5,
            Optional.of(Rate.of(5, 9)),
            Optional.of(Rate.of(5, 28)),
            Optional.of(lift(3.1111, 1.5, 6.2))));
    rules.put(
        "api_key",
        new RuleOutcome(0, 0, Optional.empty(), Optional.of(Rate.of(10, 37)), Optional.empty()));
    rules.put(
        "docs_only",
        new RuleOutcome(
            30,
            6,
            Optional.of(Rate.of(6, 30)),
            Optional.of(Rate.of(4, 7)),
            Optional.of(new Lift(0.35, OptionalDouble.empty(), OptionalDouble.empty()))));
    rules.put(
        "invited_teammate",
        new RuleOutcome(
            6,
            4,
            Optional.of(Rate.of(4, 6)),
            Optional.of(Rate.of(6, 31)),
            Optional.of(lift(3.4444, 1.9, 6.1))));
    return new OutcomeFigures(
        "converted",
        37,
        3,
        1,
        10,
        Optional.of(Rate.of(10, 37)),
        tiers,
        rules,
        OptionalDouble.of(0.7342));
  }

  /**
   * A grid backtest with outcomes, steps, absent ratios (cold, api_key) and a lift without
   * interval.
   */
  static BacktestResult full() {
    return full("trial-fit");
  }

  static BacktestResult full(String model) {
    Summary s =
        new Summary(model, 3, GRID, GRID.count(), 40, 0, tierCounts(), Optional.of(outcomes()));
    return new BacktestResult(s, entities(), steps());
  }

  /**
   * A capacity curve of five thresholds: 10 (backlog 6), 20, 30 and 50 with precision and recall;
   * at 25 a week, 30 is the lowest whose busiest week (21) and backlog (0) fit.
   */
  static CapacityCurve curve() {
    java.time.LocalDate monday = java.time.LocalDate.of(2024, 12, 16);
    return new CapacityCurve(
        java.time.ZoneOffset.UTC,
        monday,
        5,
        List.of(
            point(10, 6, 120, 40, monday, Rate.of(9, 120), Rate.of(9, 10)),
            point(20, 0, 90, 33, monday.plusWeeks(1), Rate.of(8, 90), Rate.of(8, 10)),
            point(30, 0, 60, 21, monday.plusWeeks(1), Rate.of(7, 60), Rate.of(7, 10)),
            point(50, 0, 20, 9, monday.plusWeeks(3), Rate.of(4, 20), Rate.of(4, 10)),
            point(80, 0, 2, 2, monday.plusWeeks(4), Rate.of(0, 2), Rate.of(0, 10))));
  }

  private static CapacityCurve.Point point(
      int threshold,
      long backlog,
      long qualified,
      long max,
      java.time.LocalDate busiest,
      Rate precision,
      Rate recall) {
    return new CapacityCurve.Point(
        Points.of(threshold),
        backlog,
        qualified,
        max,
        Optional.of(busiest),
        qualified / 5.0,
        Optional.of(precision),
        Optional.of(recall));
  }

  /** The same entities, no outcomes given. */
  static BacktestResult withoutOutcomes() {
    List<EntityResult> plain = new ArrayList<>();
    for (EntityResult e : entities()) {
      plain.add(
          new EntityResult(
              e.entity(),
              e.entered(),
              e.steps(),
              e.firstInTier(),
              e.peakTier(),
              e.highestScore().or(() -> Optional.of(new Points(1000))),
              Optional.empty(),
              false,
              e.firedBeforeOutcome()));
    }
    Summary s =
        new Summary("trial-fit", 3, GRID, GRID.count(), 40, 0, tierCounts(), Optional.empty());
    return new BacktestResult(s, plain, steps());
  }

  /** A cohort backtest that scored nobody. */
  static BacktestResult empty() {
    Summary s =
        new Summary(
            "trial-fit",
            1,
            new Schedule.Cohort("trial_started", Duration.ofDays(14)),
            0,
            0,
            7,
            Map.of(),
            Optional.empty());
    return new BacktestResult(s, List.of(), List.of());
  }

  /** A backtest with outcomes whose every ratio is absent: no entity was scored. */
  static BacktestResult emptyWithOutcomes() {
    Map<String, TierOutcome> tiers = new LinkedHashMap<>();
    tiers.put("hot", new TierOutcome(0, 0, Optional.empty(), Optional.empty()));
    tiers.put("none", new TierOutcome(0, 0, Optional.empty(), Optional.empty()));
    Map<String, RuleOutcome> rules = new LinkedHashMap<>();
    rules.put("r1", new RuleOutcome(0, 0, Optional.empty(), Optional.empty(), Optional.empty()));
    OutcomeFigures o =
        new OutcomeFigures(
            "converted", 0, 0, 4, 0, Optional.empty(), tiers, rules, OptionalDouble.empty());
    Map<String, TierCounts> counts = new LinkedHashMap<>();
    counts.put("hot", new TierCounts(0, 0));
    counts.put("none", new TierCounts(0, 0));
    Summary s = new Summary("trial-fit", 1, GRID, GRID.count(), 0, 0, counts, Optional.of(o));
    return new BacktestResult(s, List.of(), List.of());
  }
}
