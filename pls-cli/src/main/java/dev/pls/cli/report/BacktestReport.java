package dev.pls.cli.report;

import static dev.pls.cli.report.Html.ABSENT;
import static dev.pls.cli.report.Html.esc;
import static java.util.Objects.requireNonNull;

import dev.pls.cli.fit.WeightSuggestions;
import dev.pls.cli.io.BacktestSections;
import dev.pls.cli.io.WeeklyCapacity;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.CapacityCurve;
import dev.pls.core.backtest.Lift;
import dev.pls.core.backtest.OutreachLift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.StepCount;
import dev.pls.core.backtest.Summary;
import dev.pls.core.backtest.Summary.OutcomeFigures;
import dev.pls.core.backtest.Summary.RuleOutcome;
import dev.pls.core.backtest.Summary.TierOutcome;
import dev.pls.core.handoff.SlaReport;
import dev.pls.core.model.Model;
import dev.pls.core.model.Tier;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The HTML report of a backtest, for a reader who decides on the figures (a head of growth) rather
 * than one who computes them.
 *
 * <p>Design: the page is one string with everything inline: CSS, SVG charts drawn here, no script,
 * the system font stack. Its Content-Security-Policy forbids every fetch ({@code default-src
 * 'none'}), so a report that by mistake referred to anything outside itself would show a blocked
 * load in the browser's console rather than reach a network; the browser test fails on any console
 * message. Every chart has a table of the same figures next to it, for the reader who wants the
 * numbers and for a screen reader. Every figure carries a stable hook, {@code data-figure} on table
 * cells (with the exact value in {@code data-value}) and {@code data-*} on chart marks, so a test
 * (or a script) can read the page back. The output is a function of the result and the title alone:
 * no clock, the map orders the result gives, numbers in {@link java.util.Locale#ROOT}. Which
 * figures are shown, and how score bands are made, is in {@code docs/report.md}.
 */
public final class BacktestReport {
  private BacktestReport() {}

  private static final String[] PALETTE = {
    "#1b6ca8", "#e4572e", "#76b041", "#f4a300", "#7d5ba6", "#17a398", "#b5446e", "#8c6d31"
  };

  /** At most this many steps are drawn in the line chart of tier populations. */
  static final int MAX_DRAWN_STEPS = 1000;

  private static final String NONE_COLOR = "#9aa0a6";
  private static final String NEGATIVE_COLOR = "#c5221f";
  private static final String ROUTED_COLOR = "#1a73e8";
  private static final String CONVERTED_COLOR = "#1b6ca8";
  private static final String OTHER_COLOR = "#c7ccd1";

  /**
   * The report as one self-contained HTML document.
   *
   * <p>Weeks are ISO weeks in UTC, as the result does not carry the model's time zone; the page
   * says so.
   *
   * @param result what the backtest found
   * @param title what the report is of, e.g. the model id and the events file's name; shown as
   *     given (escaped)
   * @return the page, UTF-8 text; the same arguments always give the same string
   * @throws NullPointerException if an argument is null
   */
  public static String html(BacktestResult result, String title) {
    requireNonNull(result, "result");
    requireNonNull(title, "title");
    return new BacktestReport.Page(result, title, ZoneOffset.UTC, false, BacktestSections.NONE)
        .render();
  }

  /**
   * The report with weeks in {@code zone} (the model's time zone, as {@code pls backtest} passes
   * it); {@link #html(BacktestResult, String)} uses UTC.
   *
   * @throws NullPointerException if an argument is null
   */
  public static String html(BacktestResult result, String title, ZoneId zone) {
    requireNonNull(result, "result");
    requireNonNull(title, "title");
    requireNonNull(zone, "zone");
    return new BacktestReport.Page(result, title, zone, true, BacktestSections.NONE).render();
  }

  /**
   * The report with weeks in {@code zone} and the sections a backtest's options asked for: with a
   * capacity ({@code --capacity}) the threshold that fits it and the capacity curve; with an SLA
   * report ({@code --dispositions}) per queue the time to first touch, breaches and mix, and per
   * rule the share of negative dispositions; with the hold-out's lift the conversion of routed
   * against held-out entities per tier; with the model the backtest replayed and outcomes, the
   * weights of its rules fitted to them (the fit of {@code pls suggest} with its default penalty).
   *
   * @throws NullPointerException if an argument is null
   */
  public static String html(
      BacktestResult result, String title, ZoneId zone, BacktestSections sections) {
    requireNonNull(result, "result");
    requireNonNull(title, "title");
    requireNonNull(zone, "zone");
    requireNonNull(sections, "sections");
    return new BacktestReport.Page(result, title, zone, true, sections).render();
  }

  private static final class Page {
    private final BacktestResult result;
    private final Summary summary;
    private final String title;
    private final ZoneId zone;
    private final boolean zoneGiven;
    private final Optional<WeeklyCapacity> capacity;
    private final List<String> tiers;
    private final Optional<SlaReport> sla;
    private final Optional<OutreachLift> outreach;
    private final StringBuilder b = new StringBuilder(64 * 1024);
    private final Optional<Model> model;

    Page(
        BacktestResult result,
        String title,
        ZoneId zone,
        boolean zoneGiven,
        BacktestSections sections) {
      this.capacity = sections.capacity();
      this.sla = sections.sla();
      this.outreach = sections.outreach();
      this.model = sections.model();
      this.result = result;
      this.summary = result.summary();
      this.title = title;
      this.zone = zone;
      this.zoneGiven = zoneGiven;
      this.tiers = Figures.enterableTiers(result);
    }

    String render() {
      b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
          .append(" style-src 'unsafe-inline'\">\n")
          .append("<title>Backtest · ")
          .append(esc(title))
          .append("</title>\n<style>\n")
          .append(CSS)
          .append("</style>\n</head>\n<body>\n");
      header();
      volume();
      capacity.ifPresent(this::capacity);
      tierRates();
      ruleLifts();
      calibration();
      distribution();
      model.ifPresent(this::weights);
      sla.ifPresent(this::dispositions);
      outreach.ifPresent(this::outreach);
      b.append("<footer>Written by <code>pls backtest</code>. Every figure is defined in")
          .append(" <code>docs/evaluation.md</code>; this page is described in")
          .append(" <code>docs/report.md</code>.</footer>\n</body>\n</html>\n");
      return b.toString();
    }

    // ---- 1. header

    private void header() {
      b.append("<header>\n<h1>Backtest: <span data-figure=\"title\">")
          .append(esc(title))
          .append("</span></h1>\n<table class=\"facts\">\n");
      fact("Model", "model", esc(summary.model()));
      fact("Version", "version", Integer.toString(summary.version()));
      fact("Schedule", "schedule", esc(schedule(summary.schedule())));
      boolean cohort = summary.schedule() instanceof Schedule.Cohort;
      factCount(cohort ? "Entities scored (one step each)" : "Steps", "steps", summary.steps());
      factCount("Entities", "entities", summary.entities());
      if (cohort) {
        factCount("Skipped (no cohort event)", "skipped", summary.skipped());
      }
      Optional<OutcomeFigures> outcomes = summary.outcomes();
      if (outcomes.isEmpty()) {
        fact("Outcome", "outcome", "none given: no conversion figures");
      } else {
        OutcomeFigures o = outcomes.orElseThrow();
        fact("Outcome", "outcome", esc(o.name()));
        factCount("Entities counted (not prior)", "outcome.entities", o.entities());
        factCount("Converted", "converted", o.converted());
        factCount("Prior (outcome before first step, left out)", "prior", o.prior());
        factCount("Outcome records never scored", "unmatched", o.unmatched());
        b.append("<tr><th>Base rate</th>");
        rateCells("base.rate", o.baseRate(), false);
        b.append("</tr>\n<tr><th>AUC (highest score vs converted)</th>");
        doubleCell("auc", o.auc(), Html::three);
        b.append("</tr>\n");
      }
      b.append("</table>\n</header>\n");
    }

    private void fact(String label, String figure, String escapedText) {
      b.append("<tr><th>")
          .append(esc(label))
          .append("</th><td data-figure=\"")
          .append(figure)
          .append("\">")
          .append(escapedText)
          .append("</td></tr>\n");
    }

    private void factCount(String label, String figure, long n) {
      b.append("<tr><th>").append(esc(label)).append("</th>");
      countCell(figure, n);
      b.append("</tr>\n");
    }

    // ---- 2. qualified volume

    private void volume() {
      section("volume", "Qualified volume per week per tier");
      b.append("<p>Each bar is an ISO week (Monday to Sunday) in <strong>")
          .append(esc(zoneName()))
          .append("</strong>")
          .append(
              zoneGiven
                  ? ", the model's time zone"
                  : " (the backtest result does not carry the model's time zone)")
          .append(". Its segments count the entities that entered each tier for the first time")
          .append(" that week: the qualified volume the hand-off would have seen. An entity that")
          .append(" moves up from one tier to another counts once in each.</p>\n");
      List<Figures.Week> weeks = Figures.weeklyEntries(result, tiers, zone);
      if (weeks.isEmpty()) {
        b.append("<p class=\"empty\" data-empty=\"volume\">No entity entered a tier.</p>\n");
      } else {
        List<Svg.Series> series = new ArrayList<>();
        for (int t = 0; t < tiers.size(); t++) {
          long[] v = new long[weeks.size()];
          for (int w = 0; w < weeks.size(); w++) {
            v[w] = weeks.get(w).entered().getOrDefault(tiers.get(t), 0L);
          }
          series.add(new Svg.Series(tiers.get(t), color(t), v));
        }
        List<String> labels = weeks.stream().map(Figures.Week::label).toList();
        b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
            .append(
                Svg.stackedBars(
                    "volume", "Entities entering each tier per week", labels, series, "entities"));
        legend(series);
        b.append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Week</th><th>Monday</th>");
        for (String t : tiers) {
          b.append("<th>").append(esc(t)).append("</th>");
        }
        b.append("<th>Total</th></tr></thead>\n<tbody>\n");
        for (Figures.Week w : weeks) {
          b.append("<tr><th>")
              .append(w.label())
              .append("</th><td>")
              .append(w.monday())
              .append("</td>");
          for (String t : tiers) {
            countCell("volume." + w.label() + "." + t, w.entered().getOrDefault(t, 0L));
          }
          countCell("volume." + w.label() + ".total", w.total());
          b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n</div>\n");
      }
      tierCounts();
      populations();
      b.append("</section>\n");
    }

    private void tierCounts() {
      b.append("<h3>Entities per tier over the whole backtest</h3>\n")
          .append("<p><em>Ever</em>: its card had the tier at one step or more.")
          .append(" <em>Peak</em>: the highest tier it held (before its outcome, if any).</p>\n")
          .append("<table class=\"narrow\">\n<thead><tr><th>Tier</th><th>Ever</th><th>Peak</th>")
          .append("</tr></thead>\n<tbody>\n");
      for (Map.Entry<String, Summary.TierCounts> e : summary.tiers().entrySet()) {
        String t = e.getKey();
        b.append("<tr><th>").append(esc(t)).append("</th>");
        countCell("tiercount." + t + ".ever", e.getValue().ever());
        countCell("tiercount." + t + ".peak", e.getValue().peak());
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n");
    }

    private void populations() {
      List<StepCount> steps = result.steps();
      if (steps.isEmpty()) {
        return;
      }
      List<String> names = new ArrayList<>(tiers);
      for (StepCount s : steps) {
        for (String t : s.tiers().keySet()) {
          if (!names.contains(t) && !t.equals(Tier.NONE)) {
            names.add(t);
          }
        }
      }
      // More points than the chart is wide show nothing more: a long grid is drawn at every k-th
      // step (and the last); the table keeps every step.
      int every = (steps.size() + MAX_DRAWN_STEPS - 1) / MAX_DRAWN_STEPS;
      List<Integer> drawn = new ArrayList<>();
      for (int i = 0; i < steps.size(); i += every) {
        drawn.add(i);
      }
      if (drawn.get(drawn.size() - 1) != steps.size() - 1) {
        drawn.add(steps.size() - 1);
      }
      List<Svg.Series> series = new ArrayList<>();
      for (int t = 0; t < names.size(); t++) {
        long[] v = new long[drawn.size()];
        for (int i = 0; i < drawn.size(); i++) {
          v[i] = steps.get(drawn.get(i)).tiers().getOrDefault(names.get(t), 0L);
        }
        series.add(new Svg.Series(names.get(t), color(t), v));
      }
      boolean days =
          summary.schedule() instanceof Schedule.Grid g && g.step().toSeconds() % 86_400 == 0;
      List<String> labels =
          drawn.stream()
              .map(steps::get)
              .map(s -> days ? s.at().toString().substring(0, 10) : s.at().toString())
              .toList();
      b.append("<h3>Tier populations per step</h3>\n")
          .append("<p>How many entities were in each tier at each step (")
          .append("<code>none</code> is in the table, not drawn)")
          .append(
              every > 1
                  ? "; of the "
                      + Html.count(steps.size())
                      + " steps the chart draws one in "
                      + every
                      + " and the last, the table has them all"
                  : "")
          .append(".</p>\n")
          .append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(Svg.lines("population", "Entities in each tier per step", labels, series));
      legend(series);
      b.append("</div>\n<div class=\"table\">\n");
      boolean many = steps.size() > 20;
      if (many) {
        b.append("<details><summary>The ").append(steps.size()).append(" steps</summary>\n");
      }
      b.append("<table>\n<thead><tr><th>Step</th><th>Entities</th>");
      for (String t : names) {
        b.append("<th>").append(esc(t)).append("</th>");
      }
      b.append("<th>").append(Tier.NONE).append("</th></tr></thead>\n<tbody>\n");
      for (int i = 0; i < steps.size(); i++) {
        StepCount s = steps.get(i);
        b.append("<tr><th>").append(s.at()).append("</th>");
        countCell("step." + i + ".entities", s.entities());
        for (String t : names) {
          countCell("step." + i + "." + t, s.tiers().getOrDefault(t, 0L));
        }
        countCell("step." + i + "." + Tier.NONE, s.tiers().getOrDefault(Tier.NONE, 0L));
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n")
          .append(many ? "</details>\n" : "")
          .append("</div>\n</div>\n");
    }

    // ---- 2b. thresholds from capacity

    /** Rows of the curve's table at most; the chart has every point. */
    private static final int CAPACITY_ROWS = 40;

    private void capacity(WeeklyCapacity c) {
      section("capacity", "Thresholds from capacity");
      CapacityCurve curve = c.curve();
      boolean outcomes = summary.outcomes().isPresent();
      b.append("<p>Capacity: <strong><span data-figure=\"capacity.per_week\" data-value=\"")
          .append(c.perWeek())
          .append("\">")
          .append(Html.count(c.perWeek()))
          .append("</span></strong> newly qualified entities a week (")
          .append(esc(c.source()))
          .append("). An entity qualifies at a threshold at the first step its score reaches it")
          .append(" (not excluded); a threshold fits when its busiest ISO week of the backtest,")
          .append(" in ")
          .append(esc(zoneName()))
          .append(", has no more than the capacity. Entities already at or above it at the first")
          .append(" step are the backlog, counted apart and taken as one week's work of its own:")
          .append(" it must fit too.</p>\n");
      Optional<CapacityCurve.Point> fit = c.fit();
      if (curve.points().isEmpty()) {
        b.append("<p class=\"empty\" data-empty=\"capacity\">No entity reached a positive")
            .append(" score: there is no threshold to choose.</p>\n</section>\n");
        return;
      }
      if (fit.isEmpty()) {
        CapacityCurve.Point top = curve.points().get(curve.points().size() - 1);
        b.append("<p><span data-figure=\"capacity.verdict\" data-value=\"none\">No threshold fits")
            .append("</span>: even at the highest score reached, ")
            .append(esc(top.threshold().toString()))
            .append(", the busiest week newly qualifies ")
            .append(Html.count(top.maxWeekly()))
            .append(" and the backlog is ")
            .append(Html.count(top.backlog()))
            .append(".</p>\n");
      } else {
        CapacityCurve.Point p = fit.get();
        b.append("<table class=\"facts\">\n");
        b.append("<tr><th>Threshold</th><td data-figure=\"capacity.threshold\" data-value=\"")
            .append(esc(p.threshold().toString()))
            .append("\">score ≥ ")
            .append(esc(p.threshold().toString()))
            .append(p == curve.points().get(0) ? " (the lowest score reached: every one fits)" : "")
            .append("</td></tr>\n<tr><th>Busiest week</th>");
        countCell("capacity.max_weekly", p.maxWeekly());
        b.append("</tr>\n<tr><th>Mean a week</th>");
        doubleCell("capacity.mean_weekly", OptionalDouble.of(p.meanWeekly()), Html::ratio);
        b.append("</tr>\n<tr><th>Backlog at the first step</th>");
        countCell("capacity.backlog", p.backlog());
        b.append("</tr>\n");
        if (outcomes) {
          b.append("<tr><th>Precision</th>");
          rateCells("capacity.precision", p.precision(), false);
          b.append("</tr>\n<tr><th>Recall</th>");
          rateCells("capacity.recall", p.recall(), false);
          b.append("</tr>\n");
        }
        b.append("</table>\n");
      }
      List<Svg.CurvePoint> points = new ArrayList<>();
      for (CapacityCurve.Point p : curve.points()) {
        double y =
            outcomes
                ? p.precision().map(Rate::value).orElse(0.0)
                : p.threshold().toBigDecimal().doubleValue();
        points.add(
            new Svg.CurvePoint(
                p.threshold().toString(),
                p.maxWeekly(),
                y,
                "score ≥ "
                    + p.threshold()
                    + ": busiest week "
                    + Html.count(p.maxWeekly())
                    + (outcomes
                        ? ", precision "
                            + p.precision().map(r -> Html.percent(r.value())).orElse(ABSENT)
                        : ""),
                fit.isPresent() && fit.get() == p));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(
              Svg.curve(
                  "capacity",
                  outcomes
                      ? "Precision against the busiest week, one point per threshold"
                      : "Threshold against the busiest week",
                  points,
                  "newly qualified in the busiest week",
                  outcomes ? "precision" : "threshold",
                  outcomes,
                  c.perWeek(),
                  "capacity " + Html.count(c.perWeek())));
      b.append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Threshold</th>")
          .append("<th>Busiest week</th><th>Mean a week</th><th>Backlog</th><th>Fits</th>");
      if (outcomes) {
        b.append("<th>Precision</th><th>Recall</th>");
      }
      b.append("</tr></thead>\n<tbody>\n");
      for (CapacityCurve.Point p : rows(curve.points(), fit)) {
        String key = "capacity." + p.threshold();
        b.append("<tr><th>").append(esc(p.threshold().toString())).append("</th>");
        countCell(key + ".max_weekly", p.maxWeekly());
        doubleCell(key + ".mean_weekly", OptionalDouble.of(p.meanWeekly()), Html::ratio);
        countCell(key + ".backlog", p.backlog());
        b.append("<td>").append(p.fits(c.perWeek()) ? "yes" : "no").append("</td>");
        if (outcomes) {
          rateCell(key + ".precision", p.precision());
          rateCell(key + ".recall", p.recall());
        }
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n");
      if (curve.points().size() > CAPACITY_ROWS) {
        b.append("<p>")
            .append(CAPACITY_ROWS)
            .append(" of ")
            .append(Html.count(curve.points().size()))
            .append(" thresholds, evenly spaced, and the one that fits;")
            .append(" <code>summary.json</code> has every one.</p>\n");
      }
      b.append("</div>\n</div>\n</section>\n");
    }

    /** At most {@link #CAPACITY_ROWS} points evenly spaced, the fitting one always among them. */
    private static List<CapacityCurve.Point> rows(
        List<CapacityCurve.Point> all, Optional<CapacityCurve.Point> fit) {
      if (all.size() <= CAPACITY_ROWS) {
        return all;
      }
      java.util.TreeSet<Integer> picked = new java.util.TreeSet<>();
      for (int i = 0; i < CAPACITY_ROWS - 1; i++) {
        picked.add((int) Math.round((double) i * (all.size() - 1) / (CAPACITY_ROWS - 2)));
      }
      fit.ifPresent(p -> picked.add(all.indexOf(p)));
      return picked.stream().map(all::get).toList();
    }

    // ---- 3. conversion per tier

    private void tierRates() {
      section("tiers", "Conversion rate and lift per tier");
      Optional<OutcomeFigures> outcomes = summary.outcomes();
      if (noOutcomes("tiers")) {
        return;
      }
      OutcomeFigures o = outcomes.orElseThrow();
      b.append("<p>Each entity counts once, in its peak tier (")
          .append("<code>none</code> when it never held a tier). The bar is the share of those")
          .append(" entities that converted (")
          .append(esc(o.name()))
          .append("), the whisker its 95% Wilson interval, the dashed line the base rate.")
          .append(" Lift is the tier's rate divided by the base rate.</p>\n");
      List<Svg.RateBar> bars = new ArrayList<>();
      for (Map.Entry<String, TierOutcome> e : o.tiers().entrySet()) {
        bars.add(
            new Svg.RateBar(e.getKey(), e.getKey(), e.getValue().rate(), tierColor(e.getKey())));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(
              Svg.rateBars(
                  "tier-rate", "Conversion rate per peak tier", bars, o.baseRate(), "base rate"))
          .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Tier</th>")
          .append("<th>Entities</th><th>Converted</th><th>Rate</th><th>95% interval</th>")
          .append("<th>Lift</th><th>95% interval</th></tr></thead>\n<tbody>\n");
      for (Map.Entry<String, TierOutcome> e : o.tiers().entrySet()) {
        String f = "tier." + e.getKey();
        TierOutcome t = e.getValue();
        b.append("<tr><th>").append(esc(e.getKey())).append("</th>");
        countCell(f + ".entities", t.entities());
        countCell(f + ".converted", t.converted());
        rateCells(f + ".rate", t.rate(), true);
        liftCells(f + ".lift", t.lift());
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    // ---- 4. lift per rule

    private void ruleLifts() {
      section("rules", "Lift per rule");
      if (noOutcomes("rules")) {
        return;
      }
      OutcomeFigures o = summary.outcomes().orElseThrow();
      if (o.rules().isEmpty()) {
        b.append("<p class=\"empty\" data-empty=\"rules\">The model has no rules.</p>\n")
            .append("</section>\n");
        return;
      }
      b.append("<p>For each rule, the conversion rate of the entities it fired for (before their")
          .append(" outcome) divided by the rate of those it did not fire for; above 1.0 (the")
          .append(" vertical line) the rule picks out better leads. Highest lift first; rules")
          .append(" without a lift (never fired, or fired for everyone) last.</p>\n");
      List<Map.Entry<String, RuleOutcome>> rules = new ArrayList<>(o.rules().entrySet());
      // Stable: equal lifts keep model order.
      rules.sort(
          Comparator.comparingDouble(
              (Map.Entry<String, RuleOutcome> e) ->
                  e.getValue().lift().map(l -> -sortable(l.value())).orElse(Double.MAX_VALUE)));
      List<Svg.LiftBar> bars = new ArrayList<>();
      for (Map.Entry<String, RuleOutcome> e : rules) {
        bars.add(new Svg.LiftBar(e.getKey(), e.getKey(), e.getValue().lift()));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(Svg.liftBars("rule-lift", "Lift per rule", bars))
          .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>#</th><th>Rule</th>")
          .append("<th>Fired</th><th>Converted</th><th>Rate fired</th><th>Rate not fired</th>")
          .append("<th>Lift</th><th>95% interval</th></tr></thead>\n<tbody>\n");
      int rank = 1;
      for (Map.Entry<String, RuleOutcome> e : rules) {
        String f = "rule." + e.getKey();
        RuleOutcome r = e.getValue();
        b.append("<tr data-rank=\"")
            .append(rank)
            .append("\" data-rule=\"")
            .append(esc(e.getKey()))
            .append("\"><td>")
            .append(rank++)
            .append("</td><th>")
            .append(esc(e.getKey()))
            .append("</th>");
        countCell(f + ".fired", r.fired());
        countCell(f + ".converted", r.convertedFired());
        rateCell(f + ".rate.fired", r.rateFired());
        rateCell(f + ".rate.notfired", r.rateNotFired());
        liftCells(f + ".lift", r.lift());
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    private static double sortable(double v) {
      return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    // ---- 5. calibration

    private void calibration() {
      section("calibration", "Calibration of score bands against observed rates");
      if (noOutcomes("calibration")) {
        return;
      }
      OutcomeFigures o = summary.outcomes().orElseThrow();
      List<Figures.Band> bands = Figures.bands(result.entities());
      b.append("<p>Entities (not prior) are ranked by their highest score before their outcome")
          .append(" and cut into ")
          .append(Figures.BANDS)
          .append(" bands of about equal size (deciles by rank); entities with the same score")
          .append(" always share a band, so there may be fewer. Each bar is the band's observed")
          .append(" conversion rate with its 95% Wilson interval; a score that ranks leads well")
          .append(" gives rates that rise from left to right. The dashed line is the base")
          .append(" rate.</p>\n");
      if (bands.isEmpty()) {
        b.append("<p class=\"empty\" data-empty=\"calibration\">No entity has a score before its")
            .append(" outcome.</p>\n</section>\n");
        return;
      }
      List<Svg.RateBar> bars = new ArrayList<>();
      for (Figures.Band band : bands) {
        bars.add(
            new Svg.RateBar(
                Integer.toString(band.number()),
                bandScores(band),
                Optional.of(band.rate()),
                CONVERTED_COLOR));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(
              Svg.rateBars(
                  "calibration",
                  "Observed conversion rate per score band",
                  bars,
                  o.baseRate(),
                  "base rate"))
          .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Band</th>")
          .append("<th>Highest scores</th><th>Entities</th><th>Converted</th><th>Rate</th>")
          .append("<th>95% interval</th></tr></thead>\n<tbody>\n");
      for (Figures.Band band : bands) {
        String f = "band." + band.number();
        b.append("<tr><th>")
            .append(band.number())
            .append("</th><td data-figure=\"")
            .append(f)
            .append(".scores\">")
            .append(esc(bandScores(band)))
            .append("</td>");
        countCell(f + ".entities", band.rate().of());
        countCell(f + ".converted", band.rate().count());
        rateCells(f + ".rate", Optional.of(band.rate()), true);
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    private static String bandScores(Figures.Band band) {
      return band.low().equals(band.high())
          ? band.low().toString()
          : band.low() + "–" + band.high();
    }

    // ---- 7. weights from outcomes (WeightsSection)

    private void weights(Model m) {
      Optional<WeightSuggestions> fit = Optional.empty();
      Optional<String> absent = Optional.empty();
      if (summary.outcomes().isPresent()) {
        try {
          fit = Optional.of(WeightSuggestions.of(m, result, WeightSuggestions.DEFAULT_PENALTY));
        } catch (IllegalArgumentException e) {
          absent = Optional.of(e.getMessage().replaceFirst("^result: ", ""));
        }
      }
      b.append(WeightsSection.html(fit, absent, result.entities(), summary.outcomes().isPresent()));
    }

    // ---- 6. distribution

    private void distribution() {
      section("distribution", "Score distribution");
      boolean outcomes = summary.outcomes().isPresent();
      List<Figures.Bin> bins = Figures.histogram(result.entities(), outcomes);
      b.append("<p>How many entities reached each highest score")
          .append(
              outcomes
                  ? " before their outcome, converted and not converted stacked (prior entities"
                      + " left out)"
                  : "")
          .append(". Each bin includes its lower edge and excludes its upper one.</p>\n");
      if (bins.isEmpty()) {
        b.append("<p class=\"empty\" data-empty=\"distribution\">No entity has a score.</p>\n")
            .append("</section>\n");
        return;
      }
      List<String> labels = bins.stream().map(bin -> bin.from() + "–" + bin.to()).toList();
      List<Svg.Series> series = new ArrayList<>();
      if (outcomes) {
        series.add(
            new Svg.Series(
                "converted",
                CONVERTED_COLOR,
                bins.stream().mapToLong(Figures.Bin::converted).toArray()));
        series.add(
            new Svg.Series(
                "not converted",
                OTHER_COLOR,
                bins.stream().mapToLong(Figures.Bin::other).toArray()));
      } else {
        series.add(
            new Svg.Series(
                "entities", OTHER_COLOR, bins.stream().mapToLong(Figures.Bin::other).toArray()));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(
              Svg.stackedBars(
                  "distribution", "Entities per highest score", labels, series, "entities"));
      legend(series);
      b.append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Highest score</th>");
      if (outcomes) {
        b.append("<th>Converted</th><th>Not converted</th>");
      }
      b.append("<th>Entities</th></tr></thead>\n<tbody>\n");
      for (int i = 0; i < bins.size(); i++) {
        Figures.Bin bin = bins.get(i);
        b.append("<tr><th data-figure=\"bin.")
            .append(i)
            .append(".from\" data-value=\"")
            .append(bin.from())
            .append("\">")
            .append(esc(labels.get(i)))
            .append("</th>");
        if (outcomes) {
          countCell("bin." + i + ".converted", bin.converted());
          countCell("bin." + i + ".other", bin.other());
        }
        countCell("bin." + i + ".entities", bin.converted() + bin.other());
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    // ---- 7. the hand-off against what sellers recorded

    private void dispositions(SlaReport r) {
      section("dispositions", "Which signals sellers say are noise");
      b.append("<p>The hand-off replayed over the steps, and what sellers recorded against its")
          .append(" alerts (sent or triaged; held-out alerts went to no seller). For each rule,")
          .append(" among the alerts whose card fired it and that have a disposition, the share")
          .append(" whose disposition (the latest record) is negative, with its 95% Wilson")
          .append(" interval. Highest share first; rules without a disposed alert last.</p>\n");
      List<SlaReport.RuleNoise> rules = new ArrayList<>(r.rules());
      // Stable: equal shares keep model order.
      rules.sort(
          Comparator.comparingDouble(
              (SlaReport.RuleNoise n) ->
                  n.negativeShare().isPresent()
                      ? -n.negativeShare().getAsDouble()
                      : Double.MAX_VALUE));
      List<Svg.RateBar> bars = new ArrayList<>();
      for (SlaReport.RuleNoise n : rules) {
        bars.add(new Svg.RateBar(n.rule(), n.rule(), share(n), NEGATIVE_COLOR));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(
              Svg.rateBars(
                  "noise",
                  "Share of negative dispositions per rule",
                  bars,
                  Optional.empty(),
                  "",
                  "negative share"))
          .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Rule</th>")
          .append("<th>Alerted</th><th>Disposed</th><th>Negative</th><th>Share</th>")
          .append("<th>95% interval</th></tr></thead>\n<tbody>\n");
      for (SlaReport.RuleNoise n : rules) {
        String f = "noise." + n.rule();
        b.append("<tr data-rule=\"").append(esc(n.rule())).append("\"><th>");
        b.append(esc(n.rule())).append("</th>");
        countCell(f + ".alerted", n.alerted());
        countCell(f + ".disposed", n.disposed());
        countCell(f + ".negative", n.negative());
        rateCells(f + ".share", share(n), true);
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</div>\n");
      b.append("<h3>Time to first touch and SLA per queue</h3>\n")
          .append("<p>Records observed until ")
          .append(esc(r.observedUntil().toString()))
          .append(". On time: first touched at or before the due time (exactly at it counts);")
          .append(" breached: after it, or untouched and due by the end of what was observed;")
          .append(" open: untouched, not yet due. Median and 90th percentile by nearest rank;")
          .append(" the mix counts each alert by its latest disposition.</p>\n")
          .append("<div class=\"table\">\n<table>\n<thead><tr><th>Queue</th><th>Routed</th>")
          .append("<th>Touched</th><th>Median first touch</th><th>90th percentile</th>")
          .append("<th>On time</th><th>Breached</th><th>Open</th><th>Mix</th></tr></thead>\n")
          .append("<tbody>\n");
      for (SlaReport.QueueFigures q : r.queues()) {
        String f = "queue." + q.queue();
        b.append("<tr data-queue=\"").append(esc(q.queue())).append("\"><th>");
        b.append(esc(q.queue())).append("</th>");
        countCell(f + ".routed", q.routed());
        countCell(f + ".touched", q.touched());
        durationCell(f + ".median", q.medianFirstTouch());
        durationCell(f + ".p90", q.p90FirstTouch());
        countCell(f + ".ontime", q.onTime());
        countCell(f + ".breached", q.breached());
        countCell(f + ".open", q.open());
        b.append("<td>");
        String sep = "";
        for (Map.Entry<String, Integer> e : q.mix().entrySet()) {
          b.append(sep).append(esc(e.getKey())).append(' ');
          span(f + ".mix." + e.getKey(), e.getValue(), Html.count(e.getValue()));
          sep = ", ";
        }
        b.append("</td></tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    // ---- 8. the lift that outreach adds

    private void outreach(OutreachLift o) {
      section("outreach", "The lift that outreach adds");
      b.append("<p>The hand-off replayed over the steps: entities it routed (sent or triaged)")
          .append(" against those its hold-out kept from sellers, each at its first alert and in")
          .append(" that alert's tier. The bars are the share that converted (")
          .append(esc(o.outcome()))
          .append(") after that alert, with 95% Wilson intervals; the table adds the difference")
          .append(" (routed minus held out) with Newcombe's 95% interval. Entities whose outcome")
          .append(" came first are left out (prior). The held-out rate is what self-serve")
          .append(" reached alone; a difference whose interval lies above 0 is conversion")
          .append(" outreach added.</p>\n");
      List<OutreachLift.Group> groups = new ArrayList<>(o.tiers());
      groups.add(o.overall());
      List<Svg.RateBar> bars = new ArrayList<>();
      for (OutreachLift.Group g : groups) {
        bars.add(
            new Svg.RateBar(
                g.tier() + ".routed", g.tier() + " routed", g.routedRate(), ROUTED_COLOR));
        bars.add(
            new Svg.RateBar(
                g.tier() + ".heldout", g.tier() + " held out", g.heldOutRate(), NONE_COLOR));
      }
      b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
          .append(
              Svg.rateBars(
                  "outreach",
                  "Conversion of routed and held-out entities",
                  bars,
                  Optional.empty(),
                  ""))
          .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Tier</th>")
          .append("<th>Routed</th><th>Converted</th><th>Rate</th><th>95% interval</th>")
          .append("<th>Held out</th><th>Converted</th><th>Rate</th><th>95% interval</th>")
          .append("<th>Difference</th><th>95% interval</th><th>Prior</th></tr></thead>\n")
          .append("<tbody>\n");
      for (OutreachLift.Group g : groups) {
        String f = "outreach." + g.tier();
        b.append("<tr><th>").append(esc(g.tier())).append("</th>");
        countCell(f + ".routed", g.routed());
        countCell(f + ".routed.converted", g.routedConverted());
        rateCells(f + ".routed.rate", g.routedRate(), true);
        countCell(f + ".heldout", g.heldOut());
        countCell(f + ".heldout.converted", g.heldOutConverted());
        rateCells(f + ".heldout.rate", g.heldOutRate(), true);
        if (g.difference().isEmpty()) {
          absentCell(f + ".difference");
          absentCell(f + ".difference.interval");
        } else {
          OutreachLift.Difference d = g.difference().get();
          doubleCell(f + ".difference", OptionalDouble.of(d.value()), Html::three);
          b.append("<td>");
          span(f + ".difference.low", d.low(), Html.three(d.low()));
          b.append(" – ");
          span(f + ".difference.high", d.high(), Html.three(d.high()));
          b.append("</td>");
        }
        countCell(f + ".prior", g.prior());
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    private static Optional<Rate> share(SlaReport.RuleNoise n) {
      return n.disposed() == 0
          ? Optional.empty()
          : Optional.of(Rate.of(n.negative(), n.disposed()));
    }

    /** A duration cell: its value in seconds, its text as people read it. */
    private void durationCell(String figure, Optional<java.time.Duration> d) {
      if (d.isEmpty()) {
        absentCell(figure);
        return;
      }
      b.append("<td data-figure=\"")
          .append(esc(figure))
          .append("\" data-value=\"")
          .append(d.get().getSeconds())
          .append("\">")
          .append(esc(dev.pls.cli.io.SlaJson.duration(d.get())))
          .append("</td>");
    }

    // ---- building blocks

    private void section(String id, String heading) {
      b.append("<section id=\"")
          .append(id)
          .append("\">\n<h2>")
          .append(esc(heading))
          .append("</h2>\n");
    }

    /** Closes the section with a plain sentence when there are no outcomes; true if so. */
    private boolean noOutcomes(String id) {
      if (summary.outcomes().isPresent()) {
        return false;
      }
      b.append("<p class=\"empty\" data-empty=\"")
          .append(id)
          .append("\">This backtest was run without outcomes, so it has no conversion figures.")
          .append(" Run it with an outcomes file to see them.</p>\n</section>\n");
      return true;
    }

    private void legend(List<Svg.Series> series) {
      b.append("<ul class=\"legend\">");
      for (Svg.Series s : series) {
        b.append("<li><span class=\"swatch\" style=\"background:")
            .append(s.color())
            .append("\"></span>")
            .append(esc(s.name()))
            .append("</li>");
      }
      b.append("</ul>\n");
    }

    private void countCell(String figure, long n) {
      b.append("<td data-figure=\"")
          .append(esc(figure))
          .append("\" data-value=\"")
          .append(n)
          .append("\">")
          .append(Html.count(n))
          .append("</td>");
    }

    private void absentCell(String figure) {
      b.append("<td data-figure=\"")
          .append(esc(figure))
          .append("\" class=\"absent\">")
          .append(ABSENT)
          .append("</td>");
    }

    private void doubleCell(
        String figure, OptionalDouble v, java.util.function.DoubleFunction<String> format) {
      if (v.isEmpty()) {
        absentCell(figure);
        return;
      }
      b.append("<td data-figure=\"")
          .append(esc(figure))
          .append("\" data-value=\"")
          .append(Html.value(v.getAsDouble()))
          .append("\">")
          .append(esc(format.apply(v.getAsDouble())))
          .append("</td>");
    }

    private void rateCell(String figure, Optional<Rate> rate) {
      doubleCell(
          figure,
          rate.map(r -> OptionalDouble.of(r.value())).orElse(OptionalDouble.empty()),
          Html::percent);
    }

    /**
     * The rate and its interval: in two cells when {@code split}, else in one cell with the count
     * (the header's base rate).
     */
    private void rateCells(String figure, Optional<Rate> rate, boolean split) {
      if (rate.isEmpty()) {
        absentCell(figure);
        if (split) {
          absentCell(figure + ".interval");
        }
        return;
      }
      Rate r = rate.orElseThrow();
      if (split) {
        rateCell(figure, rate);
        b.append("<td>");
        span(figure + ".low", r.low(), Html.percent(r.low()));
        b.append("–");
        span(figure + ".high", r.high(), Html.percent(r.high()));
        b.append("</td>");
        return;
      }
      b.append("<td>");
      span(figure, r.value(), Html.percent(r.value()));
      b.append(" (95% ");
      span(figure + ".low", r.low(), Html.percent(r.low()));
      b.append("–");
      span(figure + ".high", r.high(), Html.percent(r.high()));
      b.append("), ").append(Html.count(r.count())).append(" of ").append(Html.count(r.of()));
      b.append("</td>");
    }

    private void liftCells(String figure, Optional<Lift> lift) {
      if (lift.isEmpty()) {
        absentCell(figure);
        absentCell(figure + ".interval");
        return;
      }
      Lift l = lift.orElseThrow();
      doubleCell(figure, OptionalDouble.of(l.value()), Html::ratio);
      if (l.low().isEmpty()) {
        absentCell(figure + ".interval");
        return;
      }
      b.append("<td>");
      span(figure + ".low", l.low().getAsDouble(), Html.ratio(l.low().getAsDouble()));
      b.append("–");
      span(figure + ".high", l.high().getAsDouble(), Html.ratio(l.high().getAsDouble()));
      b.append("</td>");
    }

    private void span(String figure, double value, String text) {
      b.append("<span data-figure=\"")
          .append(esc(figure))
          .append("\" data-value=\"")
          .append(Html.value(value))
          .append("\">")
          .append(esc(text))
          .append("</span>");
    }

    private String color(int index) {
      return PALETTE[index % PALETTE.length];
    }

    private String tierColor(String tier) {
      int i = tiers.indexOf(tier);
      return i < 0 ? NONE_COLOR : color(i);
    }

    private String zoneName() {
      return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
  }

  static String schedule(Schedule schedule) {
    if (schedule instanceof Schedule.Grid g) {
      return "every " + Html.duration(g.step()) + " from " + g.from() + " to " + g.to();
    }
    Schedule.Cohort c = (Schedule.Cohort) schedule;
    return c.event() + " + " + Html.duration(c.after());
  }

  private static final String CSS =
      """
      :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; }
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5rem; max-width: 1200px;
        line-height: 1.45; }
      h1 { font-size: 1.6rem; margin: 0 0 1rem; }
      h2 { font-size: 1.25rem; margin: 2.5rem 0 .5rem; border-bottom: 1px solid var(--rule);
        padding-bottom: .25rem; }
      h3 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
      p { max-width: 60rem; color: var(--muted); }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .875rem; }
      th, td { padding: .2rem .6rem; border-bottom: 1px solid var(--rule); text-align: right; }
      th:first-child, thead th, tbody th { text-align: left; }
      th, td { white-space: nowrap; }
      table.facts th { text-align: left; font-weight: 600; }
      table.facts td { text-align: left; }
      .absent { color: var(--muted); }
      .figure { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem;
        align-items: start; }
      @media (max-width: 1000px) { .figure { grid-template-columns: 1fr; } }
      .table { overflow-x: auto; max-height: 32rem; overflow-y: auto; }
      svg { width: 100%; height: auto; font-size: 11px; }
      svg .grid { stroke: #eaeef2; }
      svg .tick, svg .label, svg .absent { fill: var(--muted); }
      svg .axis-title { fill: var(--muted); }
      svg .err { stroke: var(--ink); stroke-width: 1.5; fill: none; }
      svg .ref { stroke: var(--ink); stroke-dasharray: 4 3; stroke-width: 1.25; }
      svg .ref-label { fill: var(--ink); }
      .legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap;
        gap: .75rem; font-size: .875rem; }
      .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem;
        vertical-align: -.1rem; }
      .empty { font-style: italic; }
      footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
      """;
}
