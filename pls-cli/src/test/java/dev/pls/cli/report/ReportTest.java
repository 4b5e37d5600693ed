package dev.pls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.Golden;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.StepCount;
import dev.pls.core.backtest.Summary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The report's markup without a browser; {@link ReportBrowserTest} renders it. */
class ReportTest {

  @Test
  void html_fullResult_matchesGolden() {
    Golden.assertMatches(
        "report/full.html", BacktestReport.html(Results.full(), "trial-fit · events.jsonl"));
  }

  @Test
  void html_sameResult_byteIdenticalWhateverTheDefaultLocaleAndZone() {
    String first = BacktestReport.html(Results.full(), "t");
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      // Decimal commas, other digits and a zone far from UTC must change nothing.
      Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertEquals(first, BacktestReport.html(Results.full(), "t"));
      Locale.setDefault(Locale.GERMANY);
      assertEquals(first, BacktestReport.html(Results.full(), "t"));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void html_hostileText_isEscapedEverywhere() {
    String evil = "<script>alert('x')</script>&\"";
    Map<String, Summary.TierCounts> tiers = new LinkedHashMap<>(Results.tierCounts());
    tiers.put(evil, new Summary.TierCounts(1, 1));
    Summary.OutcomeFigures o = Results.outcomes();
    Map<String, Summary.RuleOutcome> rules = new LinkedHashMap<>(o.rules());
    rules.put(evil, o.rules().get("pricing_visits"));
    Map<String, Summary.TierOutcome> tierOutcomes = new LinkedHashMap<>(o.tiers());
    tierOutcomes.put(evil, o.tiers().get("hot"));
    Summary.OutcomeFigures hostile =
        new Summary.OutcomeFigures(
            evil,
            o.entities(),
            o.prior(),
            o.unmatched(),
            o.converted(),
            o.baseRate(),
            tierOutcomes,
            rules,
            o.auc());
    Summary s = new Summary(evil, 3, Results.GRID, 5, 40, 0, tiers, Optional.of(hostile));
    String html =
        BacktestReport.html(new BacktestResult(s, Results.entities(), Results.steps()), evil);

    assertFalse(html.contains("<script"), "a raw <script> tag");
    assertFalse(html.contains("'x'"), "a raw quote");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
    Map<String, Dom.Figure> f = Dom.figures(html);
    assertEquals(evil, f.get("title").text());
    assertEquals(evil, f.get("model").text());
    assertEquals(evil, f.get("outcome").text());
    assertEquals("62.5%", f.get("tier." + evil + ".rate").text());
    assertEquals("9", f.get("rule." + evil + ".fired").text());
  }

  @Test
  void html_anyResult_refersToNothingOutsideItself() {
    for (BacktestResult r :
        List.of(
            Results.full(),
            Results.withoutOutcomes(),
            Results.empty(),
            Results.emptyWithOutcomes())) {
      String html = BacktestReport.html(r, "https://example.com/x.css");
      // The title is text on the page, escaped, and never a reference: drop it before scanning.
      String page = html.replace("https://example.com/x.css", "TITLE");
      assertEquals(List.of(), Dom.externalReferences(page));
      assertTrue(page.contains("default-src 'none'"), "the page forbids itself any fetch");
    }
  }

  @Test
  void html_withoutOutcomes_saysSoInsteadOfOutcomeCharts() {
    String html = BacktestReport.html(Results.withoutOutcomes(), "t");
    for (String section : List.of("tiers", "rules", "calibration")) {
      assertTrue(
          html.contains("data-empty=\"" + section + "\">This backtest was run without outcomes"),
          section);
    }
    for (String chart : List.of("tier-rate", "rule-lift", "calibration")) {
      assertEquals("", Dom.chart(html, chart), chart);
    }
    // Sections that need no outcomes still draw.
    assertFalse(Dom.bars(html, "volume").isEmpty());
    assertFalse(Dom.bars(html, "distribution").isEmpty());
    assertFalse(Dom.chart(html, "population").isEmpty());
    assertEquals("none given: no conversion figures", Dom.figures(html).get("outcome").text());
  }

  @Test
  void html_emptyCohort_rendersEveryEmptySectionPlainly() {
    String html = BacktestReport.html(Results.empty(), "t");
    Map<String, Dom.Figure> f = Dom.figures(html);
    assertEquals("trial_started + 14d", f.get("schedule").text());
    assertEquals("7", f.get("skipped").text());
    assertTrue(html.contains("data-empty=\"volume\">No entity entered a tier."));
    assertTrue(html.contains("data-empty=\"distribution\">No entity has a score."));
    assertEquals("", Dom.chart(html, "population"), "a cohort has no steps");
  }

  @Test
  void html_absentRatios_readAsADash() {
    String html = BacktestReport.html(Results.emptyWithOutcomes(), "t");
    Map<String, Dom.Figure> f = Dom.figures(html);
    for (String figure :
        List.of(
            "base.rate",
            "auc",
            "tier.hot.rate",
            "tier.hot.lift",
            "tier.none.rate",
            "rule.r1.rate.fired",
            "rule.r1.rate.notfired",
            "rule.r1.lift")) {
      assertEquals("—", f.get(figure).text(), figure);
      assertEquals(null, f.get(figure).value(), figure);
    }
    assertTrue(Dom.bars(html, "tier-rate").isEmpty());
    assertTrue(Dom.bars(html, "rule-lift").isEmpty());
    assertTrue(
        html.contains("data-empty=\"calibration\">No entity has a score before its outcome."));

    Map<String, Dom.Figure> full = Dom.figures(BacktestReport.html(Results.full(), "t"));
    assertEquals("—", full.get("tier.cold.rate").text());
    assertEquals("—", full.get("tier.cold.lift.interval").text());
    assertEquals("0.35", full.get("rule.docs_only.lift").text());
    assertEquals("—", full.get("rule.docs_only.lift.interval").text(), "a lift without interval");
  }

  @Test
  void html_rules_sortedByLiftDescendingAbsentLast() {
    String html = BacktestReport.html(Results.full(), "t");
    List<String> order = Dom.bars(html, "rule-lift").stream().map(b -> b[0]).toList();
    assertEquals(List.of("invited_teammate", "pricing_visits", "docs_only"), order);
    int teammate = html.indexOf("data-rule=\"invited_teammate\"");
    int pricing = html.indexOf("data-rule=\"pricing_visits\"");
    int docs = html.indexOf("data-rule=\"docs_only\"");
    int api = html.indexOf("data-rule=\"api_key\"");
    assertTrue(0 < teammate && teammate < pricing && pricing < docs && docs < api);
    assertTrue(html.contains("<line data-ref=\"1\""), "the line at lift 1.0");
  }

  @Test
  void html_weeks_areIsoWeeksAcrossTheYearBoundary() {
    Map<String, Dom.Figure> f = Dom.figures(BacktestReport.html(Results.full(), "t"));
    // 2024-12-30 is Monday of 2025-W01; 2024-12-29 is still in 2024-W52.
    assertTrue(f.containsKey("volume.2024-W51.total"));
    assertTrue(f.containsKey("volume.2025-W01.total"));
    assertFalse(f.keySet().stream().anyMatch(k -> k.startsWith("volume.2024-W53")));
  }

  @Test
  void html_otherZone_namesItAndShiftsWeeks() {
    String html = BacktestReport.html(Results.full(), "t", ZoneId.of("America/Los_Angeles"));
    assertTrue(html.contains("<strong>America/Los_Angeles</strong>"));
    // The first entries, Monday 00:00 UTC, fall on Sunday in Los Angeles: the week before.
    assertTrue(Dom.figures(html).containsKey("volume.2024-W50.total"));
  }

  @Test
  void html_longGrid_drawsSampledStepsAndTablesThemAll() {
    Instant from = Instant.parse("2025-01-01T00:00:00Z");
    Schedule.Grid grid =
        new Schedule.Grid(from, from.plus(Duration.ofHours(4_999)), Duration.ofHours(1));
    List<StepCount> steps = new ArrayList<>();
    for (int i = 0; i < grid.count(); i++) {
      steps.add(new StepCount(grid.at(i), 1, Map.of("hot", (long) i % 7, "none", 1L)));
    }
    Summary s = new Summary("m", 1, grid, grid.count(), 1, 0, Map.of(), Optional.empty());
    String html = BacktestReport.html(new BacktestResult(s, List.of(), steps), "t");
    // 5,000 steps drawn every 5th (0, 5, ..., 4995) and the last: 1,001 points.
    assertTrue(Dom.chart(html, "population").contains("data-series=\"hot\" data-points=\"1001\""));
    Map<String, Dom.Figure> f = Dom.figures(html);
    assertEquals(4_999 % 7, (long) f.get("step.4999.hot").number());
    assertTrue(html.contains("the chart draws one in 5 and the last"));
  }

  @Test
  void html_null_throwsNamingTheArgument() {
    assertEquals(
        "result",
        assertThrows(NullPointerException.class, () -> BacktestReport.html(null, "t"))
            .getMessage());
    assertEquals(
        "title",
        assertThrows(NullPointerException.class, () -> BacktestReport.html(Results.full(), null))
            .getMessage());
  }
}
