package dev.pls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pls.cli.fit.WeightSuggestions;
import dev.pls.cli.io.BacktestSections;
import dev.pls.cli.io.WeeklyCapacity;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.CapacityCurve;
import dev.pls.core.backtest.EntityResult;
import dev.pls.core.backtest.Lift;
import dev.pls.core.backtest.OutreachLift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.backtest.StepCount;
import dev.pls.core.backtest.Summary.OutcomeFigures;
import dev.pls.core.backtest.Summary.RuleOutcome;
import dev.pls.core.backtest.Summary.TierOutcome;
import dev.pls.core.handoff.SlaReport;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in a real headless Chromium, offline: no console message, nothing fetched, and
 * the figures the browser shows are the result's.
 *
 * <p>Skipped when no {@code chromium} is on the PATH, except when the environment variable {@code
 * CI} is set: there a missing browser fails the build ({@code .ci/run} installs Debian's).
 */
class ReportBrowserTest {
  private static final double EPS = 1e-6;

  private static final Optional<Path> CHROMIUM = Chromium.find();

  @TempDir Path work;

  private Path chromium;

  @BeforeEach
  void needChromium() {
    // Per test rather than per class, so that each test is reported as skipped with the reason.
    if (CHROMIUM.isEmpty()) {
      if (System.getenv("CI") != null) {
        fail("CI is set but no chromium is on the PATH: install Debian's chromium (.ci/run does)");
      }
      Assumptions.abort(
          "no chromium on the PATH: the browser test of the backtest report is skipped"
              + " (apt-get install chromium to run it; with CI set it fails instead)");
    }
    chromium = CHROMIUM.orElseThrow();
  }

  private Chromium.Rendered open(String html) throws Exception {
    Path page = work.resolve("report.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    return Chromium.render(chromium, page, work);
  }

  private static void assertClean(String html, Chromium.Rendered r) {
    assertEquals(List.of(), Dom.externalReferences(html), "references outside the page");
    assertEquals(List.of(), r.console(), "console messages");
    // An empty DOM would also have no console message: make sure the page is what loaded.
    assertTrue(
        r.dom().contains("data-figure=\"model\""), "the report did not load:\n" + r.stderr());
  }

  @Test
  void report_inChromium_showsTheResultsFiguresAndNothingElse() throws Exception {
    BacktestResult result = Results.full();
    String html = BacktestReport.html(result, "trial-fit · events.jsonl");
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    String dom = r.dom();
    Map<String, Dom.Figure> f = Dom.figures(dom);

    assertEquals("trial-fit · events.jsonl", f.get("title").text());
    assertEquals("trial-fit", f.get("model").text());
    assertEquals("3", f.get("version").text());
    assertEquals(
        "every 7d from 2024-12-16T00:00:00Z to 2025-01-13T00:00:00Z", f.get("schedule").text());
    assertEquals(result.summary().steps(), (int) f.get("steps").number());
    assertEquals(result.summary().entities(), (long) f.get("entities").number());

    OutcomeFigures o = result.summary().outcomes().orElseThrow();
    assertEquals(o.name(), f.get("outcome").text());
    assertRate(f, "base.rate", o.baseRate());
    assertEquals(o.auc().getAsDouble(), f.get("auc").number(), EPS);
    assertEquals("0.734", f.get("auc").text());

    // Conversion per tier: every tier, none included, a bar for each present rate.
    Map<String, Double> tierBars = new HashMap<>();
    for (String[] bar : Dom.bars(dom, "tier-rate")) {
      tierBars.put(bar[0], Double.parseDouble(bar[1]));
    }
    Map<String, Double> expectedBars = new HashMap<>();
    for (Map.Entry<String, TierOutcome> e : o.tiers().entrySet()) {
      String t = "tier." + e.getKey();
      assertEquals(e.getValue().entities(), (long) f.get(t + ".entities").number(), t);
      assertEquals(e.getValue().converted(), (long) f.get(t + ".converted").number(), t);
      assertRate(f, t + ".rate", e.getValue().rate());
      assertLift(f, t + ".lift", e.getValue().lift());
      e.getValue().rate().ifPresent(rate -> expectedBars.put(e.getKey(), rate.value()));
    }
    assertTrue(o.tiers().containsKey("none") && f.containsKey("tier.none.rate"));
    assertEquals(expectedBars.keySet(), tierBars.keySet());
    expectedBars.forEach((k, v) -> assertEquals(v, tierBars.get(k), EPS, k));

    // Lift per rule: sorted by lift descending, absent last; one bar per present lift.
    List<String> expectedOrder = new ArrayList<>(o.rules().keySet());
    expectedOrder.sort(
        (a, b) -> {
          Optional<Lift> la = o.rules().get(a).lift();
          Optional<Lift> lb = o.rules().get(b).lift();
          if (la.isEmpty() || lb.isEmpty()) {
            return Boolean.compare(la.isEmpty(), lb.isEmpty());
          }
          return Double.compare(lb.orElseThrow().value(), la.orElseThrow().value());
        });
    List<String> shownOrder = new ArrayList<>();
    Matcher rows = Pattern.compile("<tr data-rank=\"\\d+\" data-rule=\"([^\"]*)\"").matcher(dom);
    while (rows.find()) {
      shownOrder.add(rows.group(1));
    }
    assertEquals(expectedOrder, shownOrder);
    List<String> liftBars = Dom.bars(dom, "rule-lift").stream().map(b -> b[0]).toList();
    assertEquals(
        expectedOrder.stream().filter(k -> o.rules().get(k).lift().isPresent()).toList(), liftBars);
    for (Map.Entry<String, RuleOutcome> e : o.rules().entrySet()) {
      String k = "rule." + e.getKey();
      assertEquals(e.getValue().fired(), (long) f.get(k + ".fired").number(), k);
      assertEquals(e.getValue().convertedFired(), (long) f.get(k + ".converted").number(), k);
      assertRateValue(f, k + ".rate.fired", e.getValue().rateFired());
      assertRateValue(f, k + ".rate.notfired", e.getValue().rateNotFired());
      assertLift(f, k + ".lift", e.getValue().lift());
    }
    assertTrue(Dom.chart(dom, "rule-lift").contains("<line data-ref=\"1\""), "the line at 1.0");

    // Weekly volume, counted here from the entities, table and bars alike.
    Map<String, Long> volume = new TreeMap<>();
    for (EntityResult e : result.entities()) {
      for (Map.Entry<String, Instant> first : e.firstInTier().entrySet()) {
        ZonedDateTime at = first.getValue().atZone(ZoneOffset.UTC);
        String week =
            String.format(
                Locale.ROOT,
                "%d-W%02d",
                at.get(IsoFields.WEEK_BASED_YEAR),
                at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        volume.merge(first.getKey() + "·" + week, 1L, Long::sum);
      }
    }
    Map<String, Long> volumeBars = new TreeMap<>();
    for (String[] bar : Dom.bars(dom, "volume")) {
      volumeBars.put(bar[0], Long.parseLong(bar[1]));
    }
    assertEquals(volume, volumeBars);
    volume.forEach(
        (k, v) -> {
          String[] tierWeek = k.split("·");
          assertEquals(v, (long) f.get("volume." + tierWeek[1] + "." + tierWeek[0]).number(), k);
        });
    assertEquals(7, (long) f.get("volume.2024-W51.warm").number(), "counted by hand");

    // Populations per step: one line per tier (none only in the table), a point per step.
    Matcher lines =
        Pattern.compile("<polyline data-series=\"([^\"]*)\" data-points=\"(\\d+)\"")
            .matcher(Dom.chart(dom, "population"));
    List<String> series = new ArrayList<>();
    while (lines.find()) {
      series.add(lines.group(1));
      assertEquals(result.steps().size(), Integer.parseInt(lines.group(2)));
    }
    assertEquals(List.of("hot", "warm", "cold"), series);
    for (int i = 0; i < result.steps().size(); i++) {
      StepCount s = result.steps().get(i);
      for (Map.Entry<String, Long> t : s.tiers().entrySet()) {
        assertEquals(t.getValue(), (long) f.get("step." + i + "." + t.getKey()).number());
      }
    }

    // Calibration: the bands hold exactly the non-prior entities with a score.
    List<EntityResult> scored =
        result.entities().stream().filter(e -> !e.prior() && e.highestScore().isPresent()).toList();
    long bandEntities = 0;
    long bandConverted = 0;
    int bands = 0;
    for (; f.containsKey("band." + (bands + 1) + ".entities"); bands++) {
      String k = "band." + (bands + 1);
      long n = (long) f.get(k + ".entities").number();
      long c = (long) f.get(k + ".converted").number();
      bandEntities += n;
      bandConverted += c;
      Rate expected = Rate.of(c, n);
      assertEquals(expected.value(), f.get(k + ".rate").number(), EPS, k);
      assertEquals(expected.low(), f.get(k + ".rate.low").number(), EPS, k);
      assertEquals(expected.high(), f.get(k + ".rate.high").number(), EPS, k);
    }
    assertTrue(bands > 1 && bands <= 10, bands + " bands");
    assertEquals(scored.size(), bandEntities);
    assertEquals(scored.stream().filter(EntityResult::converted).count(), bandConverted);
    assertEquals(bands, Dom.bars(dom, "calibration").size());

    // Distribution: every scored entity once, converted and not stacked.
    long binned = 0;
    long nonEmptyCells = 0;
    for (int i = 0; f.containsKey("bin." + i + ".entities"); i++) {
      binned += (long) f.get("bin." + i + ".entities").number();
      nonEmptyCells += f.get("bin." + i + ".converted").number() > 0 ? 1 : 0;
      nonEmptyCells += f.get("bin." + i + ".other").number() > 0 ? 1 : 0;
    }
    assertEquals(scored.size(), binned);
    assertEquals(nonEmptyCells, Dom.bars(dom, "distribution").size());
  }

  @Test
  void reportWithDispositions_inChromium_showsEachRulesNegativeShareAndTheQueuesSla()
      throws Exception {
    // Three rules: pricing 3 negative of 4 disposed (of 5 alerted), sso 1 of 4, invites none
    // disposed; one queue with touch times, breaches and a mix.
    Map<String, Integer> mix = new java.util.LinkedHashMap<>();
    mix.put("meeting_booked", 2);
    mix.put("not_now", 1);
    mix.put("bad_fit", 3);
    SlaReport sla =
        new SlaReport(
            Instant.parse("2025-01-14T00:00:00Z"),
            List.of(
                new SlaReport.QueueFigures(
                    "named_ae",
                    8,
                    6,
                    Optional.of(java.time.Duration.ofHours(2)),
                    Optional.of(java.time.Duration.ofHours(4).plusSeconds(1)),
                    5,
                    2,
                    1,
                    mix)),
            List.of(),
            List.of(
                new SlaReport.RuleNoise("sso", 6, 4, 1),
                new SlaReport.RuleNoise("invites", 2, 0, 0),
                new SlaReport.RuleNoise("pricing", 5, 4, 3)));
    String html =
        BacktestReport.html(
            Results.full(), "t", ZoneOffset.UTC, BacktestSections.NONE.withSla(sla));
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    String dom = r.dom();
    Map<String, Dom.Figure> f = Dom.figures(dom);

    assertRate(f, "noise.pricing.share", Optional.of(Rate.of(3, 4)));
    assertRate(f, "noise.sso.share", Optional.of(Rate.of(1, 4)));
    assertRateValue(f, "noise.invites.share", Optional.empty());
    assertEquals(5, (long) f.get("noise.pricing.alerted").number());
    assertEquals(4, (long) f.get("noise.pricing.disposed").number());
    assertEquals(3, (long) f.get("noise.pricing.negative").number());
    assertEquals(0, (long) f.get("noise.invites.disposed").number());
    // Highest share first, a bar for each rule with a share and none for the rest.
    List<String[]> bars = Dom.bars(dom, "noise");
    assertEquals(List.of("pricing", "sso"), bars.stream().map(b -> b[0]).toList());
    assertEquals(0.75, Double.parseDouble(bars.get(0)[1]), EPS);
    assertTrue(
        dom.indexOf("data-rule=\"pricing\"") < dom.indexOf("data-rule=\"sso\"")
            && dom.indexOf("data-rule=\"sso\"", dom.indexOf("noise."))
                < dom.lastIndexOf("data-rule=\"invites\""),
        "table order");

    assertEquals(8, (long) f.get("queue.named_ae.routed").number());
    assertEquals(6, (long) f.get("queue.named_ae.touched").number());
    assertEquals(7200, (long) f.get("queue.named_ae.median").number());
    assertEquals("2h", f.get("queue.named_ae.median").text());
    assertEquals(14401, (long) f.get("queue.named_ae.p90").number());
    assertEquals("4h 1s", f.get("queue.named_ae.p90").text());
    assertEquals(5, (long) f.get("queue.named_ae.ontime").number());
    assertEquals(2, (long) f.get("queue.named_ae.breached").number());
    assertEquals(1, (long) f.get("queue.named_ae.open").number());
    assertEquals(3, (long) f.get("queue.named_ae.mix.bad_fit").number());
    assertEquals(2, (long) f.get("queue.named_ae.mix.meeting_booked").number());
  }

  @Test
  void reportWithOutreach_inChromium_showsRoutedAgainstHeldOutPerTier() throws Exception {
    Map<String, Instant> times = new HashMap<>();
    Instant t = Instant.parse("2025-01-06T00:00:00Z");
    List<OutreachLift.Exposure> exposures = new ArrayList<>();
    // hot: 6 routed, 3 convert; 4 held out, 1 converts. warm: 2 routed, none held out.
    for (int i = 0; i < 6; i++) {
      exposures.add(new OutreachLift.Exposure("r" + i, "hot", t, false));
      if (i % 2 == 0) {
        times.put("r" + i, t.plusSeconds(86_400));
      }
    }
    for (int i = 0; i < 4; i++) {
      exposures.add(new OutreachLift.Exposure("h" + i, "hot", t, true));
    }
    times.put("h0", t.plusSeconds(86_400));
    exposures.add(new OutreachLift.Exposure("w0", "warm", t, false));
    exposures.add(new OutreachLift.Exposure("w1", "warm", t, false));
    OutreachLift lift =
        OutreachLift.of(
            exposures,
            dev.pls.core.backtest.Outcomes.of("converted", times),
            List.of("hot", "warm", "none"));
    String html =
        BacktestReport.html(
            Results.full(), "t", ZoneOffset.UTC, BacktestSections.NONE.withOutreach(lift));
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    Map<String, Dom.Figure> f = Dom.figures(r.dom());
    assertEquals(6, (long) f.get("outreach.hot.routed").number());
    assertEquals(4, (long) f.get("outreach.hot.heldout").number());
    assertRate(f, "outreach.hot.routed.rate", Optional.of(Rate.of(3, 6)));
    assertRate(f, "outreach.hot.heldout.rate", Optional.of(Rate.of(1, 4)));
    OutreachLift.Difference d = OutreachLift.Difference.of(Rate.of(3, 6), Rate.of(1, 4));
    assertEquals(0.25, f.get("outreach.hot.difference").number(), EPS);
    assertEquals(d.low(), f.get("outreach.hot.difference.low").number(), EPS);
    assertEquals(d.high(), f.get("outreach.hot.difference.high").number(), EPS);
    assertRateValue(f, "outreach.warm.heldout.rate", Optional.empty());
    assertEquals("—", f.get("outreach.warm.difference").text());
    assertRate(f, "outreach.all.routed.rate", Optional.of(Rate.of(3, 8)));
    // Two bars a group, one for each present rate: hot's two, warm's routed, all's two.
    assertEquals(
        List.of("hot.routed", "hot.heldout", "warm.routed", "all.routed", "all.heldout"),
        Dom.bars(r.dom(), "outreach").stream().map(b -> b[0]).toList());
  }

  @Test
  void capacity_inChromium_showsTheFittingThresholdAndEveryPointOfTheCurve() throws Exception {
    CapacityCurve curve = Results.curve();
    WeeklyCapacity capacity = new WeeklyCapacity(25, "--capacity 25/week", curve);
    String html =
        BacktestReport.html(
            Results.full(), "t", ZoneOffset.UTC, BacktestSections.NONE.withCapacity(capacity));
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    String dom = r.dom();
    Map<String, Dom.Figure> f = Dom.figures(dom);
    CapacityCurve.Point fit = capacity.fit().orElseThrow();
    assertEquals("30", fit.threshold().toString(), "the fixture's fitting threshold");
    assertEquals(25, (long) f.get("capacity.per_week").number());
    assertEquals("30", f.get("capacity.threshold").value());
    assertEquals(fit.maxWeekly(), (long) f.get("capacity.max_weekly").number());
    assertEquals(fit.backlog(), (long) f.get("capacity.backlog").number());
    assertEquals(fit.meanWeekly(), f.get("capacity.mean_weekly").number(), EPS);
    assertRateValue(f, "capacity.precision", fit.precision());
    assertRateValue(f, "capacity.recall", fit.recall());
    for (CapacityCurve.Point p : curve.points()) {
      String key = "capacity." + p.threshold();
      assertEquals(p.maxWeekly(), (long) f.get(key + ".max_weekly").number(), key);
      assertEquals(p.backlog(), (long) f.get(key + ".backlog").number(), key);
      assertRateValue(f, key + ".precision", p.precision());
      assertRateValue(f, key + ".recall", p.recall());
    }
    // The chart: a point per threshold at (busiest week, precision), the fitting one marked, and
    // the capacity as the reference line.
    String chart = Dom.chart(dom, "capacity");
    Matcher points =
        Pattern.compile(
                "<circle data-point=\"\" data-key=\"([^\"]*)\" data-x=\"([^\"]*)\""
                    + " data-y=\"([^\"]*)\"( data-marked=\"\")?")
            .matcher(chart);
    List<String> keys = new ArrayList<>();
    List<String> marked = new ArrayList<>();
    int i = 0;
    while (points.find()) {
      CapacityCurve.Point p = curve.points().get(i++);
      keys.add(points.group(1));
      assertEquals(p.maxWeekly(), Double.parseDouble(points.group(2)), EPS);
      assertEquals(p.precision().orElseThrow().value(), Double.parseDouble(points.group(3)), EPS);
      if (points.group(4) != null) {
        marked.add(points.group(1));
      }
    }
    assertEquals(List.of("10", "20", "30", "50", "80"), keys);
    assertEquals(List.of("30"), marked);
    assertTrue(chart.contains("data-ref=\"25.000000\""), chart);
  }

  @Test
  void capacityNeverMet_inChromium_saysNoThresholdFits() throws Exception {
    WeeklyCapacity capacity = new WeeklyCapacity(1, "--capacity 1/week", Results.curve());
    String html =
        BacktestReport.html(
            Results.full(), "t", ZoneOffset.UTC, BacktestSections.NONE.withCapacity(capacity));
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    Map<String, Dom.Figure> f = Dom.figures(r.dom());
    assertEquals("none", f.get("capacity.verdict").value());
    assertFalse(f.containsKey("capacity.threshold"));
    assertEquals("", Dom.chart(r.dom(), "capacity").contains("data-marked") ? "marked" : "");
  }

  @Test
  void weights_inChromium_showTheFitsCoefficientsAndCalibration() throws Exception {
    BacktestResult result = Results.full();
    Model model =
        Model.builder("trial-fit")
            .version(3)
            .category(
                "c",
                c ->
                    c.rule("pricing_visits", Expr.occurred("pricing"), 20, "Pricing visits")
                        .rule("demo", Expr.occurred("demo"), 10, "Booked a demo"))
            .build();
    String html =
        BacktestReport.html(
            result, "trial-fit", ZoneOffset.UTC, BacktestSections.NONE.withModel(model));
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    String dom = r.dom();
    Map<String, Dom.Figure> f = Dom.figures(dom);
    WeightSuggestions w = WeightSuggestions.of(model, result, WeightSuggestions.DEFAULT_PENALTY);

    // Coefficients: a bar with its interval for each fitted rule, in the table too.
    WeightSuggestions.RuleWeight pricing = w.rules().get(0);
    assertEquals(9, pricing.fired(), "acct-04 to acct-36, every fourth");
    assertEquals(pricing.fired(), (long) f.get("weight.pricing_visits.fired").number());
    assertEquals(
        pricing.coefficient().getAsDouble(), f.get("weight.pricing_visits.coef").number(), EPS);
    assertEquals(
        pricing.standardError().getAsDouble(), f.get("weight.pricing_visits.se").number(), EPS);
    assertEquals(pricing.low().getAsDouble(), f.get("weight.pricing_visits.low").number(), EPS);
    assertEquals(pricing.high().getAsDouble(), f.get("weight.pricing_visits.high").number(), EPS);
    assertEquals(w.intercept(), f.get("weight.intercept").number(), EPS);
    assertEquals(w.interceptError(), f.get("weight.intercept.se").number(), EPS);
    List<String[]> bars = Dom.bars(dom, "weights");
    assertEquals(1, bars.size(), "demo never fired: no bar");
    assertEquals("pricing_visits", bars.get(0)[0]);
    assertEquals(pricing.coefficient().getAsDouble(), Double.parseDouble(bars.get(0)[1]), EPS);
    assertTrue(Dom.chart(dom, "weights").contains("<line data-ref=\"0\""), "the line at 0");
    assertFalse(f.containsKey("weight.demo.coef.value"));
    assertEquals("—", f.get("weight.demo.coef").text());

    // Calibration: one dot per band over the same entities as the bands above, Platt's mean.
    WeightSuggestions.Platt platt = w.platt().orElseThrow();
    assertEquals(platt.a(), f.get("platt.a").number(), EPS);
    assertEquals(platt.b(), f.get("platt.b").number(), EPS);
    List<Calibration.Band> bands = Calibration.bands(result.entities(), platt);
    Matcher dots =
        Pattern.compile(
                "<circle data-bar=\"\" data-key=\"(\\d+)\" data-value=\"([^\"]*)\""
                    + " data-low=\"[^\"]*\" data-high=\"[^\"]*\" data-calibrated=\"([^\"]*)\"")
            .matcher(Dom.chart(dom, "platt"));
    int shown = 0;
    for (Calibration.Band band : bands) {
      assertTrue(dots.find(), "a dot for band " + band.number());
      assertEquals(band.number(), Integer.parseInt(dots.group(1)));
      assertEquals(band.observed().value(), Double.parseDouble(dots.group(2)), EPS);
      assertEquals(band.predicted(), Double.parseDouble(dots.group(3)), EPS);
      String k = "platt." + band.number();
      assertEquals(band.observed().value(), f.get(k + ".observed").number(), EPS, k);
      assertEquals(f.get("band." + band.number() + ".rate").number(), band.observed().value(), EPS);
      assertEquals(band.predicted(), f.get(k + ".calibrated").number(), EPS, k);
      double mean =
          result.entities().stream()
              .filter(e -> !e.prior() && e.highestScore().isPresent())
              .filter(
                  e ->
                      e.highestScore().get().compareTo(band.low()) >= 0
                          && e.highestScore().get().compareTo(band.high()) <= 0)
              .mapToDouble(e -> platt.probability(e.highestScore().get().hundredths() / 100.0))
              .average()
              .orElseThrow();
      assertEquals(mean, band.predicted(), 1e-12, k);
      shown++;
    }
    assertFalse(dots.find(), "no more dots than bands");
    assertTrue(shown > 1);
    assertTrue(Dom.chart(dom, "platt").contains("<path data-series=\"calibrated\""));
  }

  @Test
  void weightsWithoutOutcomes_inChromium_saySo() throws Exception {
    Model model =
        Model.builder("m")
            .category("c", c -> c.rule("pricing_visits", Expr.occurred("pricing"), 20, "Pricing"))
            .build();
    String html =
        BacktestReport.html(
            Results.withoutOutcomes(),
            "no outcomes",
            ZoneOffset.UTC,
            BacktestSections.NONE.withModel(model));
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    assertTrue(
        r.dom().contains("data-empty=\"weights\">This backtest was run without outcomes"), r.dom());
    assertEquals("", Dom.chart(r.dom(), "weights"));
  }

  @Test
  void reportWithoutOutcomes_inChromium_saysSoPlainly() throws Exception {
    String html = BacktestReport.html(Results.withoutOutcomes(), "no outcomes");
    Chromium.Rendered r = open(html);
    assertClean(html, r);
    for (String section : List.of("tiers", "rules", "calibration")) {
      assertTrue(
          r.dom().contains("data-empty=\"" + section + "\">This backtest was run without outcomes"),
          section);
    }
    assertEquals("", Dom.chart(r.dom(), "tier-rate"));
    assertFalse(Dom.bars(r.dom(), "distribution").isEmpty());
  }

  @Test
  void emptyReport_inChromium_loadsClean() throws Exception {
    for (BacktestResult result : List.of(Results.empty(), Results.emptyWithOutcomes())) {
      String html = BacktestReport.html(result, "<empty> & \"quoted\"");
      Chromium.Rendered r = open(html);
      assertClean(html, r);
      assertEquals("<empty> & \"quoted\"", Dom.figures(r.dom()).get("title").text());
    }
  }

  @Test
  void brokenScript_inChromium_isCaught() throws Exception {
    // The detector itself: a page whose script throws must show up as a console message.
    Chromium.Rendered r =
        open(
            "<!DOCTYPE html><html><head><title>t</title></head><body><p data-figure=\"model\">m</p>"
                + "<script>noSuchFunction();</script></body></html>");
    assertTrue(
        r.console().stream().anyMatch(l -> l.contains("Uncaught ReferenceError")),
        "console: " + r.console() + "\n" + r.stderr());
  }

  @Test
  void reportReachingOutside_inChromium_isBlockedAndCaught() throws Exception {
    // A report that by mistake loads something: the scan finds it, and the page's CSP blocks it
    // in the browser, which says so on the console.
    String html =
        BacktestReport.html(Results.full(), "t")
            .replace("</body>", "<img src=\"http://203.0.113.9/pixel.png\" alt=\"\"></body>");
    assertFalse(Dom.externalReferences(html).isEmpty());
    Chromium.Rendered r = open(html);
    assertTrue(
        r.console().stream().anyMatch(l -> l.contains("Content Security Policy")),
        "console: " + r.console() + "\n" + r.stderr());
  }

  private static void assertRate(Map<String, Dom.Figure> f, String key, Optional<Rate> rate) {
    assertRateValue(f, key, rate);
    if (rate.isPresent()) {
      assertEquals(rate.orElseThrow().low(), f.get(key + ".low").number(), EPS, key);
      assertEquals(rate.orElseThrow().high(), f.get(key + ".high").number(), EPS, key);
    }
  }

  private static void assertRateValue(Map<String, Dom.Figure> f, String key, Optional<Rate> rate) {
    Dom.Figure shown = f.get(key);
    assertTrue(shown != null, "no figure " + key);
    if (rate.isEmpty()) {
      assertEquals("—", shown.text(), key);
      return;
    }
    assertEquals(rate.orElseThrow().value(), shown.number(), EPS, key);
    assertEquals(
        String.format(Locale.ROOT, "%.1f%%", rate.orElseThrow().value() * 100), shown.text(), key);
  }

  private static void assertLift(Map<String, Dom.Figure> f, String key, Optional<Lift> lift) {
    if (lift.isEmpty()) {
      assertEquals("—", f.get(key).text(), key);
      assertEquals("—", f.get(key + ".interval").text(), key);
      return;
    }
    Lift l = lift.orElseThrow();
    assertEquals(l.value(), f.get(key).number(), EPS, key);
    assertEquals(String.format(Locale.ROOT, "%.2f", l.value()), f.get(key).text(), key);
    if (l.low().isPresent()) {
      assertEquals(l.low().getAsDouble(), f.get(key + ".low").number(), EPS, key);
      assertEquals(l.high().getAsDouble(), f.get(key + ".high").number(), EPS, key);
    } else {
      assertEquals("—", f.get(key + ".interval").text(), key);
    }
  }
}
