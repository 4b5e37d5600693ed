package dev.pls.cli.report;

import static dev.pls.cli.report.Html.esc;
import static dev.pls.cli.report.Html.px;
import static dev.pls.cli.report.Html.value;

import dev.pls.core.backtest.Lift;
import dev.pls.core.backtest.Rate;
import java.util.List;
import java.util.Optional;

/**
 * The report's charts as inline SVG. Every mark that stands for a figure carries it in {@code
 * data-*} attributes ({@code data-bar}, {@code data-series}, {@code data-key}, {@code data-value},
 * and {@code data-low}/{@code data-high} for intervals) and a {@code <title>} the browser shows on
 * hover; each chart's root carries {@code data-chart}.
 */
final class Svg {
  private Svg() {}

  private static final int W = 640;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 48;
  private static final int MAX_X_LABELS = 12;

  /** A named series of counts, one per category. */
  record Series(String name, String color, long[] values) {}

  /** One bar of a rate chart; no bar when the rate is absent. */
  record RateBar(String key, String label, Optional<Rate> rate, String color) {}

  /** One bar of the lift chart; no bar when the lift is absent. */
  record LiftBar(String key, String label, Optional<Lift> lift) {}

  /** Categories along x, each with its series' counts stacked. */
  static String stackedBars(
      String chart, String title, List<String> categories, List<Series> series, String yTitle) {
    int h = 300;
    double plotH = h - TOP - BOTTOM;
    long max = 0;
    for (int i = 0; i < categories.size(); i++) {
      long sum = 0;
      for (Series s : series) {
        sum += s.values()[i];
      }
      max = Math.max(max, sum);
    }
    double top = niceTop(max, true);
    StringBuilder b = open(chart, title, h);
    yAxis(b, top, h, yTitle, false);
    double slot = (double) (W - LEFT - RIGHT) / Math.max(1, categories.size());
    double barW = Math.max(1, slot * 0.8);
    for (int i = 0; i < categories.size(); i++) {
      double x = LEFT + i * slot + (slot - barW) / 2;
      double y = h - BOTTOM;
      for (Series s : series) {
        long v = s.values()[i];
        if (v == 0) {
          continue;
        }
        double bh = v / top * plotH;
        y -= bh;
        b.append("<rect data-bar=\"\" data-series=\"")
            .append(esc(s.name()))
            .append("\" data-key=\"")
            .append(esc(categories.get(i)))
            .append("\" data-value=\"")
            .append(v)
            .append("\" x=\"")
            .append(px(x))
            .append("\" y=\"")
            .append(px(y))
            .append("\" width=\"")
            .append(px(barW))
            .append("\" height=\"")
            .append(px(bh))
            .append("\" fill=\"")
            .append(s.color())
            .append("\"><title>")
            .append(esc(categories.get(i) + " · " + s.name() + ": " + Html.count(v)))
            .append("</title></rect>\n");
      }
    }
    xLabels(b, categories, slot, h);
    return b.append("</svg>\n").toString();
  }

  /** Tier populations (or any counts) per step as lines. */
  static String lines(String chart, String title, List<String> steps, List<Series> series) {
    int h = 300;
    double plotH = h - TOP - BOTTOM;
    long max = 0;
    for (Series s : series) {
      for (long v : s.values()) {
        max = Math.max(max, v);
      }
    }
    double top = niceTop(max, true);
    StringBuilder b = open(chart, title, h);
    yAxis(b, top, h, "entities", false);
    double slot = (double) (W - LEFT - RIGHT) / Math.max(1, steps.size());
    for (Series s : series) {
      b.append("<polyline data-series=\"")
          .append(esc(s.name()))
          .append("\" data-points=\"")
          .append(s.values().length)
          .append("\" fill=\"none\" stroke=\"")
          .append(s.color())
          .append("\" stroke-width=\"2\" points=\"");
      for (int i = 0; i < s.values().length; i++) {
        b.append(i == 0 ? "" : " ")
            .append(px(LEFT + (i + 0.5) * slot))
            .append(',')
            .append(px(h - BOTTOM - s.values()[i] / top * plotH));
      }
      b.append("\"><title>").append(esc(s.name())).append("</title></polyline>\n");
      // A line of one point draws nothing; dots show few steps plainly.
      if (s.values().length <= 60) {
        for (int i = 0; i < s.values().length; i++) {
          b.append("<circle cx=\"")
              .append(px(LEFT + (i + 0.5) * slot))
              .append("\" cy=\"")
              .append(px(h - BOTTOM - s.values()[i] / top * plotH))
              .append("\" r=\"2.5\" fill=\"")
              .append(s.color())
              .append("\"><title>")
              .append(esc(steps.get(i) + " · " + s.name() + ": " + Html.count(s.values()[i])))
              .append("</title></circle>\n");
        }
      }
    }
    xLabels(b, steps, slot, h);
    return b.append("</svg>\n").toString();
  }

  /** Rates as vertical bars with their 95% intervals, and an optional dashed reference rate. */
  static String rateBars(
      String chart, String title, List<RateBar> bars, Optional<Rate> reference, String refLabel) {
    return rateBars(chart, title, bars, reference, refLabel, "conversion rate");
  }

  /** Rates as vertical bars, with {@code axis} naming what they are a rate of. */
  static String rateBars(
      String chart,
      String title,
      List<RateBar> bars,
      Optional<Rate> reference,
      String refLabel,
      String axis) {
    int h = 300;
    double plotH = h - TOP - BOTTOM;
    double max = reference.map(Rate::value).orElse(0.0);
    for (RateBar bar : bars) {
      if (bar.rate().isPresent()) {
        max = Math.max(max, bar.rate().orElseThrow().high());
      }
    }
    double top = Math.min(1, niceTop(max, false));
    StringBuilder b = open(chart, title, h);
    yAxis(b, top, h, axis, true);
    double slot = (double) (W - LEFT - RIGHT) / Math.max(1, bars.size());
    double barW = Math.min(64, slot * 0.6);
    double base = h - BOTTOM;
    for (int i = 0; i < bars.size(); i++) {
      RateBar bar = bars.get(i);
      double cx = LEFT + (i + 0.5) * slot;
      if (bar.rate().isEmpty()) {
        text(b, cx, base - 6, "middle", "absent", Html.ABSENT);
        continue;
      }
      Rate r = bar.rate().orElseThrow();
      double y = base - r.value() / top * plotH;
      b.append("<rect data-bar=\"\" data-key=\"")
          .append(esc(bar.key()))
          .append("\" data-value=\"")
          .append(value(r.value()))
          .append("\" data-low=\"")
          .append(value(r.low()))
          .append("\" data-high=\"")
          .append(value(r.high()))
          .append("\" x=\"")
          .append(px(cx - barW / 2))
          .append("\" y=\"")
          .append(px(y))
          .append("\" width=\"")
          .append(px(barW))
          .append("\" height=\"")
          .append(px(base - y))
          .append("\" fill=\"")
          .append(bar.color())
          .append("\"><title>")
          .append(
              esc(
                  bar.label()
                      + ": "
                      + Html.percent(r.value())
                      + " ("
                      + r.count()
                      + " of "
                      + r.of()
                      + "), 95% "
                      + Html.percent(r.low())
                      + "–"
                      + Html.percent(r.high())))
          .append("</title></rect>\n");
      errorBar(b, cx, base - r.low() / top * plotH, base - r.high() / top * plotH);
    }
    reference.ifPresent(
        ref -> {
          double y = base - ref.value() / top * plotH;
          b.append("<line data-ref=\"")
              .append(value(ref.value()))
              .append("\" x1=\"")
              .append(LEFT)
              .append("\" x2=\"")
              .append(W - RIGHT)
              .append("\" y1=\"")
              .append(px(y))
              .append("\" y2=\"")
              .append(px(y))
              .append("\" class=\"ref\"/>\n");
          text(b, W - RIGHT - 2, y - 4, "end", "ref-label", refLabel);
        });
    List<String> labels = bars.stream().map(RateBar::label).toList();
    xLabels(b, labels, slot, h);
    return b.append("</svg>\n").toString();
  }

  /** One point of a curve: {@code x} and {@code y}, a key, a tooltip, and whether to mark it. */
  record CurvePoint(String key, double x, double y, String label, boolean marked) {}

  /**
   * Points joined in the given order on numeric axes from 0 (y a percentage when {@code percent}),
   * with a dashed vertical reference line at {@code xRef}; marked points drawn larger.
   */
  static String curve(
      String chart,
      String title,
      List<CurvePoint> points,
      String xTitle,
      String yTitle,
      boolean percent,
      double xRef,
      String refLabel) {
    int h = 320;
    double plotH = h - TOP - BOTTOM;
    double plotW = W - LEFT - RIGHT;
    double maxX = xRef;
    double maxY = 0;
    for (CurvePoint p : points) {
      maxX = Math.max(maxX, p.x());
      maxY = Math.max(maxY, p.y());
    }
    double right = niceTop(maxX, true);
    double top = percent ? Math.min(1, niceTop(maxY, false)) : niceTop(maxY, false);
    StringBuilder b = open(chart, title, h);
    yAxis(b, top, h, yTitle, percent);
    for (double t : ticks(right)) {
      text(
          b,
          LEFT + t / right * plotW,
          h - BOTTOM + 16,
          "middle",
          "tick",
          t == Math.rint(t) ? Html.count((long) t) : Html.ratio(t));
    }
    text(b, LEFT + plotW / 2, h - 8, "middle", "axis-title", xTitle);
    b.append("<polyline fill=\"none\" stroke=\"#1b6ca8\" stroke-width=\"1.5\" points=\"");
    for (int i = 0; i < points.size(); i++) {
      CurvePoint p = points.get(i);
      b.append(i == 0 ? "" : " ")
          .append(px(LEFT + p.x() / right * plotW))
          .append(',')
          .append(px(h - BOTTOM - p.y() / top * plotH));
    }
    b.append("\"/>\n");
    for (CurvePoint p : points) {
      b.append("<circle data-point=\"\" data-key=\"")
          .append(esc(p.key()))
          .append("\" data-x=\"")
          .append(value(p.x()))
          .append("\" data-y=\"")
          .append(value(p.y()))
          .append(
              p.marked()
                  ? "\" data-marked=\"\" r=\"6\" fill=\"#d9480f"
                  : "\" r=\"3\" fill=\"#1b6ca8")
          .append("\" cx=\"")
          .append(px(LEFT + p.x() / right * plotW))
          .append("\" cy=\"")
          .append(px(h - BOTTOM - p.y() / top * plotH))
          .append("\"><title>")
          .append(esc(p.label()))
          .append("</title></circle>\n");
    }
    double x = LEFT + xRef / right * plotW;
    b.append("<line data-ref=\"")
        .append(value(xRef))
        .append("\" x1=\"")
        .append(px(x))
        .append("\" x2=\"")
        .append(px(x))
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(px(h - BOTTOM))
        .append("\" class=\"ref\"/>\n");
    text(b, x + 4, TOP + 12, "start", "ref-label", refLabel);
    return b.append("</svg>\n").toString();
  }

  /** Lifts as horizontal bars from 0 with their 95% intervals and a vertical line at 1.0. */
  static String liftBars(String chart, String title, List<LiftBar> bars) {
    int row = 24;
    int labelW = 168;
    int h = TOP + Math.max(1, bars.size()) * row + 36;
    double max = 1;
    for (LiftBar bar : bars) {
      if (bar.lift().isPresent()) {
        Lift l = bar.lift().orElseThrow();
        max = Math.max(max, finite(l.value()));
        if (l.high().isPresent()) {
          max = Math.max(max, finite(l.high().getAsDouble()));
        }
      }
    }
    double top = niceTop(max, false);
    double plotW = W - labelW - RIGHT;
    StringBuilder b = open(chart, title, h);
    double axisY = TOP + Math.max(1, bars.size()) * row;
    for (double t : ticks(top)) {
      double x = labelW + t / top * plotW;
      b.append("<line class=\"grid\" x1=\"")
          .append(px(x))
          .append("\" x2=\"")
          .append(px(x))
          .append("\" y1=\"")
          .append(TOP)
          .append("\" y2=\"")
          .append(px(axisY))
          .append("\"/>\n");
      text(b, x, axisY + 14, "middle", "tick", Html.ratio(t));
    }
    text(
        b,
        labelW + plotW / 2,
        axisY + 30,
        "middle",
        "axis-title",
        "lift (1.0 = no better than the rest)");
    for (int i = 0; i < bars.size(); i++) {
      LiftBar bar = bars.get(i);
      double y = TOP + i * row;
      text(b, labelW - 6, y + row / 2.0 + 4, "end", "label", shorten(bar.label(), 26));
      if (bar.lift().isEmpty()) {
        text(b, labelW + 4, y + row / 2.0 + 4, "start", "absent", Html.ABSENT);
        continue;
      }
      Lift l = bar.lift().orElseThrow();
      double w = Math.min(top, finite(l.value())) / top * plotW;
      b.append("<rect data-bar=\"\" data-key=\"")
          .append(esc(bar.key()))
          .append("\" data-value=\"")
          .append(value(l.value()));
      if (l.low().isPresent()) {
        b.append("\" data-low=\"")
            .append(value(l.low().getAsDouble()))
            .append("\" data-high=\"")
            .append(value(l.high().getAsDouble()));
      }
      b.append("\" x=\"")
          .append(labelW)
          .append("\" y=\"")
          .append(px(y + 5))
          .append("\" width=\"")
          .append(px(w))
          .append("\" height=\"")
          .append(row - 10)
          .append("\" fill=\"")
          .append(l.value() >= 1 ? "#1b6ca8" : "#c0392b")
          .append("\"><title>")
          .append(esc(bar.label() + ": lift " + Html.ratio(l.value()) + interval(l)))
          .append("</title></rect>\n");
      if (l.low().isPresent()) {
        double x1 = labelW + Math.min(top, finite(l.low().getAsDouble())) / top * plotW;
        double x2 = labelW + Math.min(top, finite(l.high().getAsDouble())) / top * plotW;
        horizontalErrorBar(b, x1, x2, y + row / 2.0);
      }
    }
    double one = labelW + 1 / top * plotW;
    b.append("<line data-ref=\"1\" class=\"ref\" x1=\"")
        .append(px(one))
        .append("\" x2=\"")
        .append(px(one))
        .append("\" y1=\"")
        .append(TOP - 4)
        .append("\" y2=\"")
        .append(px(axisY))
        .append("\"/>\n");
    return b.append("</svg>\n").toString();
  }

  private static String interval(Lift l) {
    return l.low().isPresent()
        ? ", 95% " + Html.ratio(l.low().getAsDouble()) + "–" + Html.ratio(l.high().getAsDouble())
        : "";
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.isNaN(v) ? 0 : v > 0 ? Double.MAX_VALUE : 0;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** A chart's opening svg element, {@code h} high and the report's width wide, with its title. */
  static StringBuilder open(String chart, String title, int h) {
    return new StringBuilder()
        .append("<svg data-chart=\"")
        .append(esc(chart))
        .append("\" role=\"img\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(h)
        .append("\"><title>")
        .append(esc(title))
        .append("</title>\n");
  }

  private static void yAxis(StringBuilder b, double top, int h, String title, boolean percent) {
    double plotH = h - TOP - BOTTOM;
    for (double t : ticks(top)) {
      double y = h - BOTTOM - t / top * plotH;
      b.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(W - RIGHT)
          .append("\" y1=\"")
          .append(px(y))
          .append("\" y2=\"")
          .append(px(y))
          .append("\"/>\n");
      String label =
          percent
              ? Html.percent(t).replace(".0%", "%")
              : t == Math.rint(t) ? Html.count((long) t) : Html.ratio(t);
      text(b, LEFT - 6, y + 4, "end", "tick", label);
    }
    b.append("<text class=\"axis-title\" transform=\"translate(14 ")
        .append(px(TOP + plotH / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">")
        .append(esc(title))
        .append("</text>\n");
  }

  private static void xLabels(StringBuilder b, List<String> labels, double slot, int h) {
    int every = Math.max(1, (labels.size() + MAX_X_LABELS - 1) / MAX_X_LABELS);
    for (int i = 0; i < labels.size(); i += every) {
      text(b, LEFT + (i + 0.5) * slot, h - BOTTOM + 16, "middle", "tick", labels.get(i));
    }
  }

  /** An interval drawn across a horizontal bar: a line from x1 to x2 at cy, with end ticks. */
  static void horizontalErrorBar(StringBuilder b, double x1, double x2, double cy) {
    b.append("<path class=\"err\" d=\"M")
        .append(px(x1))
        .append(' ')
        .append(px(cy))
        .append('H')
        .append(px(x2))
        .append('M')
        .append(px(x1))
        .append(' ')
        .append(px(cy - 4))
        .append('V')
        .append(px(cy + 4))
        .append('M')
        .append(px(x2))
        .append(' ')
        .append(px(cy - 4))
        .append('V')
        .append(px(cy + 4))
        .append("\"/>\n");
  }

  private static void errorBar(StringBuilder b, double cx, double yLow, double yHigh) {
    b.append("<path class=\"err\" d=\"M")
        .append(px(cx))
        .append(' ')
        .append(px(yLow))
        .append("V")
        .append(px(yHigh))
        .append("M")
        .append(px(cx - 5))
        .append(' ')
        .append(px(yLow))
        .append("h10M")
        .append(px(cx - 5))
        .append(' ')
        .append(px(yHigh))
        .append("h10\"/>\n");
  }

  /** A text element at (x, y), escaped. */
  static void text(StringBuilder b, double x, double y, String anchor, String cls, String text) {
    b.append("<text class=\"")
        .append(cls)
        .append("\" x=\"")
        .append(px(x))
        .append("\" y=\"")
        .append(px(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(esc(text))
        .append("</text>\n");
  }

  /**
   * The top of an axis of four equal steps at or above {@code max}, each step 1, 2 or 5 times a
   * power of ten (a whole number when {@code whole}), so that every gridline has a round label.
   */
  static double niceTop(double max, boolean whole) {
    double need = max / 4;
    if (!(need > 0) || Double.isInfinite(need)) {
      return whole ? 4 : 1;
    }
    double scale = Math.pow(10, Math.floor(Math.log10(need)));
    for (double m : new double[] {1, 2, 5, 10}) {
      double step = m * scale;
      if ((!whole || step >= 1) && step * 4 >= max * (1 - 1e-12)) {
        return step * 4;
      }
    }
    return whole ? 4 : 40 * scale;
  }

  /** Five gridlines from 0 to {@code top}. */
  private static double[] ticks(double top) {
    double[] t = new double[5];
    for (int i = 0; i < 5; i++) {
      t[i] = top * i / 4;
    }
    return t;
  }
}
