package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.backtest.EntityResult;
import dev.pls.core.backtest.Lift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.Summary;
import dev.pls.core.model.Points;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BacktestJsonTest {

  private static String ratio(double d) {
    return BacktestJson.ratio(OptionalDouble.of(d)).orElse("null");
  }

  @Test
  void ratio_fourPlacesHalfEven_trailingZerosStripped_neverAnExponent() {
    assertEquals("0.1363", ratio(0.13634));
    assertEquals("0.1364", ratio(0.13635000000000001));
    assertEquals("0.1234", ratio(0.12345)); // half-even on the decimal the double prints as
    assertEquals("0.1236", ratio(0.12355));
    assertEquals("0.5", ratio(0.5));
    assertEquals("3.09", ratio(3.09));
    assertEquals("0", ratio(0.00001));
    assertEquals("0", ratio(-0.0));
    assertEquals("1", ratio(1.0));
    assertEquals("1200", ratio(1200.0));
    assertEquals("10000000", ratio(1e7));
    assertEquals("0.0001", ratio(1e-4));
    assertEquals("null", ratio(Double.NaN));
    assertEquals("null", ratio(Double.POSITIVE_INFINITY));
    assertEquals(Optional.empty(), BacktestJson.ratio(OptionalDouble.empty()));
  }

  @Test
  void duration_largestWholeUnit() {
    assertEquals("P1D", BacktestJson.duration(Duration.ofDays(1)));
    assertEquals("P7D", BacktestJson.duration(Duration.ofDays(7)));
    assertEquals("PT6H", BacktestJson.duration(Duration.ofHours(6)));
    assertEquals("PT36H", BacktestJson.duration(Duration.ofHours(36)));
    assertEquals("PT90M", BacktestJson.duration(Duration.ofMinutes(90)));
    assertEquals("PT45S", BacktestJson.duration(Duration.ofSeconds(45)));
  }

  @Test
  void cohort_inDaysWhenWhole_elseHours() {
    assertEquals(
        "trial_started+14d",
        BacktestJson.cohort(new Schedule.Cohort("trial_started", Duration.ofDays(14))));
    assertEquals(
        "signed_up+36h",
        BacktestJson.cohort(new Schedule.Cohort("signed_up", Duration.ofHours(36))));
  }

  private static Map<String, Summary.TierCounts> tiers() {
    Map<String, Summary.TierCounts> t = new LinkedHashMap<>();
    t.put("hot", new Summary.TierCounts(1, 1));
    t.put("none", new Summary.TierCounts(2, 1));
    return t;
  }

  @Test
  void summary_grid_fieldsInOrder_absentRatiosNull() throws Exception {
    Map<String, Summary.TierOutcome> tiers = new LinkedHashMap<>();
    tiers.put(
        "hot",
        new Summary.TierOutcome(
            1,
            1,
            Optional.of(new Rate(1, 1, 1.0, 0.20654931, 1.0)),
            Optional.of(new Lift(2.0, OptionalDouble.of(0.5), OptionalDouble.of(8.123456)))));
    tiers.put("none", new Summary.TierOutcome(0, 0, Optional.empty(), Optional.empty()));
    Map<String, Summary.RuleOutcome> rules = new LinkedHashMap<>();
    rules.put(
        "invited",
        new Summary.RuleOutcome(
            2,
            1,
            Optional.of(new Rate(1, 2, 0.5, 0.09453, 0.90546)),
            Optional.empty(),
            Optional.empty()));
    rules.put(
        "big",
        new Summary.RuleOutcome(
            1,
            1,
            Optional.of(new Rate(1, 1, 1.0, 0.2, 1.0)),
            Optional.of(new Rate(0, 1, 0.0, 0.0, 0.79345)),
            Optional.of(new Lift(1e9, OptionalDouble.empty(), OptionalDouble.empty()))));
    Summary s =
        new Summary(
            "invites_bt",
            2,
            new Schedule.Grid(
                Instant.parse("2026-01-01T12:00:00Z"),
                Instant.parse("2026-01-04T12:00:00Z"),
                Duration.ofDays(1)),
            4,
            3,
            0,
            tiers(),
            Optional.of(
                new Summary.OutcomeFigures(
                    "converted",
                    2,
                    1,
                    1,
                    1,
                    Optional.of(new Rate(1, 2, 0.5, 0.09453, 0.90546)),
                    tiers,
                    rules,
                    OptionalDouble.empty())));
    StringWriter out = new StringWriter();
    BacktestJson.summary(s, out);
    Golden.assertMatches("dev/pls/cli/backtest/summary-grid.golden.json", out.toString());
  }

  @Test
  void summary_cohortWithoutOutcomes_atAndSkipped_noOutcomesKey() throws Exception {
    Summary s =
        new Summary(
            "invites_bt",
            2,
            new Schedule.Cohort("invite", Duration.ofDays(1)),
            2,
            2,
            1,
            tiers(),
            Optional.empty());
    StringWriter out = new StringWriter();
    BacktestJson.summary(s, out);
    assertEquals(
        "{\n"
            + "  \"model\": \"invites_bt\",\n"
            + "  \"version\": 2,\n"
            + "  \"at\": \"invite+1d\",\n"
            + "  \"steps\": 2,\n"
            + "  \"skipped\": 1,\n"
            + "  \"entities\": 2,\n"
            + "  \"tiers\": {\n"
            + "    \"hot\": {\n"
            + "      \"ever\": 1,\n"
            + "      \"peak\": 1\n"
            + "    },\n"
            + "    \"none\": {\n"
            + "      \"ever\": 2,\n"
            + "      \"peak\": 1\n"
            + "    }\n"
            + "  }\n"
            + "}\n",
        out.toString());
  }

  @Test
  void entities_oneLineEach_scoresExact_absentValuesNull() throws Exception {
    Map<String, Instant> first = new LinkedHashMap<>();
    first.put("hot", Instant.parse("2026-01-02T12:00:00Z"));
    first.put("warm", Instant.parse("2026-01-01T12:00:00Z"));
    List<EntityResult> es =
        List.of(
            new EntityResult(
                "u1",
                Instant.parse("2026-01-01T12:00:00Z"),
                4,
                first,
                "hot",
                Optional.of(Points.parse("42.50")),
                Optional.of(Instant.parse("2026-01-03T00:00:00Z")),
                false,
                List.of("invited", "invites_2")),
            new EntityResult(
                "u3",
                Instant.parse("2026-01-02T12:00:00Z"),
                3,
                Map.of(),
                "none",
                Optional.empty(),
                Optional.empty(),
                false,
                List.of()));
    StringWriter out = new StringWriter();
    BacktestJson.entities(es, out);
    assertEquals(
        "{\"entity\":\"u1\",\"entered\":\"2026-01-01T12:00:00Z\",\"steps\":4,\"peak_tier\":\"hot\","
            + "\"first_in_tier\":{\"hot\":\"2026-01-02T12:00:00Z\",\"warm\":\"2026-01-01T12:00:00Z\"},"
            + "\"highest_score\":42.5,\"outcome\":\"2026-01-03T00:00:00Z\",\"prior\":false,"
            + "\"fired\":[\"invited\",\"invites_2\"]}\n"
            + "{\"entity\":\"u3\",\"entered\":\"2026-01-02T12:00:00Z\",\"steps\":3,\"peak_tier\":\"none\","
            + "\"first_in_tier\":{},\"highest_score\":null,\"outcome\":null,\"prior\":false,"
            + "\"fired\":[]}\n",
        out.toString());
  }
}
