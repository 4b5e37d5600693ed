package dev.pls.cli.report;

import static dev.pls.cli.report.Html.ABSENT;
import static dev.pls.cli.report.Html.esc;
import static dev.pls.cli.report.Html.px;
import static dev.pls.cli.report.Html.value;

import dev.pls.cli.fit.WeightSuggestions;
import dev.pls.cli.fit.WeightSuggestions.Flag;
import dev.pls.cli.fit.WeightSuggestions.RuleWeight;
import dev.pls.core.backtest.EntityResult;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/*
 * Section 7 of the report, "Weights from outcomes" (docs/report.md): the fit of `pls suggest` with
 * its default penalty. A chart of each rule's coefficient with its 95% interval (bars from 0, to the
 * right for positive, to the left for negative, data-chart="weights"), its table, and the Platt
 * calibration of the score: the observed rate of each score band (dots with their Wilson
 * whiskers) beside the calibrated probability (a line, data-chart="platt"), and its table. Kept
 * apart from BacktestReport's Page so the page gains one call.
 */
/** The report's section of weights from outcomes. */
final class WeightsSection {
  private static final int W = 640;
  private static final int TOP = 16;
  private static final int ROW = 24;
  private static final int LABEL_W = 168;
  private static final int RIGHT = 16;
  private static final int LEFT = 56;
  private static final int BOTTOM = 48;
  private static final int PLATT_H = 260;

  private WeightsSection() {}

  /** The section's HTML. */
  static String html(
      Optional<WeightSuggestions> weights,
      Optional<String> absent,
      List<EntityResult> entities,
      boolean outcomes) {
    StringBuilder b = new StringBuilder();
    b.append("<section id=\"weights\">\n<h2>Weights from outcomes</h2>\n");
    if (!outcomes) {
      b.append("<p class=\"empty\" data-empty=\"weights\">This backtest was run without")
          .append(" outcomes, so it has no conversion figures. Run it with an outcomes file to")
          .append(" see them.</p>\n</section>\n");
      return b.toString();
    }
    if (weights.isEmpty()) {
      b.append("<p class=\"empty\" data-empty=\"weights\">No weights: ")
          .append(esc(absent.orElse("the fit was not made")))
          .append(".</p>\n</section>\n");
      return b.toString();
    }
    WeightSuggestions s = weights.get();
    b.append("<p>All rules together: a logistic regression of conversion on whether each rule")
        .append(" fired before the outcome, with an L2 penalty of ")
        .append(
            esc(
                new java.math.BigDecimal(Double.toString(s.penalty()))
                    .stripTrailingZeros()
                    .toPlainString()))
        .append(" on the rules (the intercept unpenalised). A coefficient is the change in the")
        .append(" log-odds of converting when the rule fires, the others held; the whisker is its")
        .append(" 95% interval (± 1.96 standard errors). Suggested points are the coefficients")
        .append(" on the model's scale; <code>pls suggest</code> prints them as a patch. Thin")
        .append(" rules keep their points.</p>\n");
    b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
        .append(coefficients(s.rules()))
        .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Rule</th>")
        .append("<th>Points</th><th>Fired</th><th>Coefficient</th><th>SE</th>")
        .append("<th>95% interval</th><th>Suggested</th><th>Note</th></tr></thead>\n<tbody>\n");
    for (RuleWeight w : s.rules()) {
      String f = "weight." + w.rule();
      b.append("<tr data-rule=\"").append(esc(w.rule())).append("\"><th>");
      b.append(esc(w.rule())).append("</th><td>").append(esc(w.points().toSignedString()));
      b.append("</td><td data-figure=\"")
          .append(esc(f))
          .append(".fired\" data-value=\"")
          .append(w.fired())
          .append("\">")
          .append(Html.count(w.fired()))
          .append("</td>");
      cell(b, f + ".coef", w.coefficient());
      cell(b, f + ".se", w.standardError());
      if (w.low().isPresent()) {
        b.append("<td>");
        span(b, f + ".low", w.low().getAsDouble());
        b.append(" to ");
        span(b, f + ".high", w.high().getAsDouble());
        b.append("</td>");
      } else {
        b.append("<td class=\"absent\">").append(ABSENT).append("</td>");
      }
      if (w.suggested().isPresent()) {
        b.append("<td data-figure=\"")
            .append(esc(f))
            .append(".suggested\" data-value=\"")
            .append(value(w.suggested().get().hundredths() / 100.0))
            .append("\">")
            .append(esc(w.suggested().get().toSignedString()))
            .append(w.changes() || w.suggested().get().equals(w.points()) ? "" : " (kept)")
            .append("</td>");
      } else {
        b.append("<td data-figure=\"")
            .append(esc(f))
            .append(".suggested\" class=\"absent\">")
            .append(ABSENT)
            .append("</td>");
      }
      b.append("<td>")
          .append(esc(w.flags().stream().map(Flag::words).collect(Collectors.joining("; "))))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n<p>Intercept ");
    span(b, "weight.intercept", s.intercept());
    b.append(" (SE ");
    span(b, "weight.intercept.se", s.interceptError());
    b.append(").");
    if (s.scale().isPresent()) {
      b.append(" Suggested = coefficient × ")
          .append(esc(Html.ratio(s.scale().getAsDouble())))
          .append(" points, keeping the ")
          .append(esc(s.range().toString()))
          .append(" points of the rules re-weighed, rounded to ")
          .append(esc(s.granularity().toString()))
          .append('.');
    }
    b.append("</p>\n</div>\n</div>\n");
    platt(b, s, entities);
    b.append("</section>\n");
    return b.toString();
  }

  private static void platt(StringBuilder b, WeightSuggestions s, List<EntityResult> entities) {
    b.append("<h3>Calibration of the score (Platt)</h3>\n");
    if (s.platt().isEmpty()) {
      b.append("<p class=\"empty\" data-empty=\"platt\">No calibration: ")
          .append(esc(s.plattAbsent().orElseThrow()))
          .append(".</p>\n");
      return;
    }
    WeightSuggestions.Platt p = s.platt().get();
    List<Calibration.Band> bands = Calibration.bands(entities, p);
    b.append("<p>The probability of converting given the highest score, fitted as P = 1 / (1 +")
        .append(" e<sup>−(a + b·score)</sup>) with a = ");
    span(b, "platt.a", p.a());
    b.append(" and b = ");
    b.append("<span data-figure=\"platt.b\" data-value=\"")
        .append(value(p.b()))
        .append("\">")
        .append(String.format(java.util.Locale.ROOT, "%.4f", p.b()))
        .append("</span>");
    b.append(" over ")
        .append(Html.count(p.entities()))
        .append(" entities. Per score band (the bands of the calibration section above), the")
        .append(" dots are the observed rates with their 95% Wilson intervals and the line the")
        .append(" mean calibrated probability; where they agree, a score can be read as a")
        .append(" probability.</p>\n");
    b.append("<div class=\"figure\">\n<div class=\"chart\">\n")
        .append(plattChart(bands))
        .append("</div>\n<div class=\"table\">\n<table>\n<thead><tr><th>Band</th>")
        .append("<th>Highest scores</th><th>Entities</th><th>Observed</th>")
        .append("<th>Calibrated</th></tr></thead>\n<tbody>\n");
    for (Calibration.Band band : bands) {
      String f = "platt." + band.number();
      b.append("<tr><th>")
          .append(band.number())
          .append("</th><td>")
          .append(esc(scores(band)))
          .append("</td><td>")
          .append(Html.count(band.observed().of()))
          .append("</td><td data-figure=\"")
          .append(f)
          .append(".observed\" data-value=\"")
          .append(value(band.observed().value()))
          .append("\">")
          .append(Html.percent(band.observed().value()))
          .append("</td><td data-figure=\"")
          .append(f)
          .append(".calibrated\" data-value=\"")
          .append(value(band.predicted()))
          .append("\">")
          .append(Html.percent(band.predicted()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n</div>\n");
  }

  private static String scores(Calibration.Band band) {
    return band.low().equals(band.high()) ? band.low().toString() : band.low() + "–" + band.high();
  }

  /** Coefficients as horizontal bars from a zero line, with 95% whiskers. */
  private static String coefficients(List<RuleWeight> rules) {
    double max = 0;
    for (RuleWeight w : rules) {
      if (w.coefficient().isPresent()) {
        max = Math.max(max, Math.abs(w.low().getAsDouble()));
        max = Math.max(max, Math.abs(w.high().getAsDouble()));
      }
    }
    double half = Svg.niceTop(Math.max(max, 0.5), false);
    int h = TOP + Math.max(1, rules.size()) * ROW + 36;
    double plotW = W - LABEL_W - RIGHT;
    double zero = LABEL_W + plotW / 2;
    double axisY = TOP + Math.max(1, rules.size()) * ROW;
    StringBuilder b = Svg.open("weights", "Coefficient per rule with its 95% interval", h);
    for (int i = -2; i <= 2; i++) {
      double t = half * i / 2;
      double x = zero + t / half * plotW / 2;
      line(b, "grid", x, x, TOP, axisY);
      Svg.text(b, x, axisY + 14, "middle", "tick", Html.ratio(t));
    }
    Svg.text(
        b,
        zero,
        axisY + 30,
        "middle",
        "axis-title",
        "coefficient (log-odds; 0 = no effect, the others held)");
    for (int i = 0; i < rules.size(); i++) {
      RuleWeight w = rules.get(i);
      double y = TOP + i * ROW;
      Svg.text(b, LABEL_W - 6, y + ROW / 2.0 + 4, "end", "label", w.rule());
      if (w.coefficient().isEmpty()) {
        Svg.text(b, zero + 4, y + ROW / 2.0 + 4, "start", "absent", ABSENT);
        continue;
      }
      double c = w.coefficient().getAsDouble();
      double x = zero + c / half * plotW / 2;
      b.append("<rect data-bar=\"\" data-key=\"")
          .append(esc(w.rule()))
          .append("\" data-value=\"")
          .append(value(c))
          .append("\" data-low=\"")
          .append(value(w.low().getAsDouble()))
          .append("\" data-high=\"")
          .append(value(w.high().getAsDouble()))
          .append("\" x=\"")
          .append(px(Math.min(x, zero)))
          .append("\" y=\"")
          .append(px(y + 5))
          .append("\" width=\"")
          .append(px(Math.abs(x - zero)))
          .append("\" height=\"")
          .append(ROW - 10)
          .append("\" fill=\"")
          .append(c >= 0 ? "#1b6ca8" : "#c0392b")
          .append("\"><title>")
          .append(
              esc(
                  w.rule()
                      + ": "
                      + Html.ratio(c)
                      + ", 95% "
                      + Html.ratio(w.low().getAsDouble())
                      + " to "
                      + Html.ratio(w.high().getAsDouble())))
          .append("</title></rect>\n");
      double x1 = zero + w.low().getAsDouble() / half * plotW / 2;
      double x2 = zero + w.high().getAsDouble() / half * plotW / 2;
      Svg.horizontalErrorBar(b, x1, x2, y + ROW / 2.0);
    }
    b.append("<line data-ref=\"0\" class=\"ref\" x1=\"")
        .append(px(zero))
        .append("\" x2=\"")
        .append(px(zero))
        .append("\" y1=\"")
        .append(TOP - 4)
        .append("\" y2=\"")
        .append(px(axisY))
        .append("\"/>\n");
    return b.append("</svg>\n").toString();
  }

  /** Observed rates (dots and whiskers) and calibrated probabilities (a line) per band. */
  private static String plattChart(List<Calibration.Band> bands) {
    double max = 0;
    for (Calibration.Band band : bands) {
      max = Math.max(max, Math.max(band.observed().high(), band.predicted()));
    }
    double top = Math.min(1, Svg.niceTop(Math.max(max, 0.01), false));
    double plotH = PLATT_H - TOP - BOTTOM;
    double slot = (W - LEFT - RIGHT) / (double) Math.max(1, bands.size());
    StringBuilder b =
        Svg.open("platt", "Observed and calibrated conversion per score band", PLATT_H);
    for (int i = 0; i <= 4; i++) {
      double t = top * i / 4;
      double y = PLATT_H - BOTTOM - t / top * plotH;
      line(b, "grid", LEFT, W - RIGHT, y, y);
      Svg.text(b, LEFT - 6, y + 4, "end", "tick", Html.percent(t));
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < bands.size(); i++) {
      Calibration.Band band = bands.get(i);
      double cx = LEFT + (i + 0.5) * slot;
      double yObserved = PLATT_H - BOTTOM - band.observed().value() / top * plotH;
      double yLow = PLATT_H - BOTTOM - band.observed().low() / top * plotH;
      double yHigh = PLATT_H - BOTTOM - Math.min(top, band.observed().high()) / top * plotH;
      double yCalibrated = PLATT_H - BOTTOM - band.predicted() / top * plotH;
      path.append(i == 0 ? "M" : "L").append(px(cx)).append(' ').append(px(yCalibrated));
      b.append("<path class=\"err\" d=\"M")
          .append(px(cx))
          .append(' ')
          .append(px(yLow))
          .append('V')
          .append(px(yHigh))
          .append("\"/>\n");
      b.append("<circle data-bar=\"\" data-key=\"")
          .append(band.number())
          .append("\" data-value=\"")
          .append(value(band.observed().value()))
          .append("\" data-low=\"")
          .append(value(band.observed().low()))
          .append("\" data-high=\"")
          .append(value(band.observed().high()))
          .append("\" data-calibrated=\"")
          .append(value(band.predicted()))
          .append("\" cx=\"")
          .append(px(cx))
          .append("\" cy=\"")
          .append(px(yObserved))
          .append("\" r=\"4\" fill=\"#1b6ca8\"><title>")
          .append(
              esc(
                  "band "
                      + band.number()
                      + " ("
                      + scores(band)
                      + "): observed "
                      + Html.percent(band.observed().value())
                      + ", calibrated "
                      + Html.percent(band.predicted())))
          .append("</title></circle>\n");
      Svg.text(b, cx, PLATT_H - BOTTOM + 16, "middle", "tick", Integer.toString(band.number()));
    }
    b.append("<path data-series=\"calibrated\" d=\"")
        .append(path)
        .append("\" fill=\"none\" stroke=\"#e67e22\" stroke-width=\"2\"/>\n");
    Svg.text(
        b, LEFT + (W - LEFT - RIGHT) / 2.0, PLATT_H - 12, "middle", "axis-title", "score band");
    return b.append("</svg>\n").toString();
  }

  private static void line(
      StringBuilder b, String cls, double x1, double x2, double y1, double y2) {
    b.append("<line class=\"")
        .append(cls)
        .append("\" x1=\"")
        .append(px(x1))
        .append("\" x2=\"")
        .append(px(x2))
        .append("\" y1=\"")
        .append(px(y1))
        .append("\" y2=\"")
        .append(px(y2))
        .append("\"/>\n");
  }

  private static void cell(StringBuilder b, String figure, OptionalDouble v) {
    if (v.isEmpty()) {
      b.append("<td data-figure=\"")
          .append(esc(figure))
          .append("\" class=\"absent\">")
          .append(ABSENT)
          .append("</td>");
      return;
    }
    b.append("<td data-figure=\"")
        .append(esc(figure))
        .append("\" data-value=\"")
        .append(value(v.getAsDouble()))
        .append("\">")
        .append(esc(Html.ratio(v.getAsDouble())))
        .append("</td>");
  }

  private static void span(StringBuilder b, String figure, double v) {
    b.append("<span data-figure=\"")
        .append(esc(figure))
        .append("\" data-value=\"")
        .append(value(v))
        .append("\">")
        .append(esc(Html.ratio(v)))
        .append("</span>");
  }
}
