package dev.pls.cli.report;

import java.time.Duration;
import java.util.Locale;

/** Escaping and the report's number formats, all in {@link Locale#ROOT}. */
final class Html {
  private Html() {}

  /** What an absent figure reads as. */
  static final String ABSENT = "—";

  /** {@code text} safe in HTML text and in a quoted attribute value. */
  static String esc(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        // A control character other than tab and line breaks is a parse error in HTML.
        default -> b.append(Character.isISOControl(c) && c != '\t' && c != '\n' ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  /** A count with thousands separators: {@code 12,345}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A proportion as a percentage to one decimal: {@code 42.1%}. */
  static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f%%", p * 100);
  }

  /** A ratio to two decimals, {@code ∞} when infinite. */
  static String ratio(double r) {
    if (Double.isInfinite(r)) {
      return r > 0 ? "∞" : "−∞";
    }
    return Double.isNaN(r) ? ABSENT : String.format(Locale.ROOT, "%.2f", r);
  }

  /** A number to three decimals (the AUC). */
  static String three(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** The exact-enough value a test or a script reads back: six decimals. */
  static String value(double v) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }

  /** A number for SVG coordinates: two decimals at most. */
  static String px(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    if (s.endsWith(".00")) {
      s = s.substring(0, s.length() - 3);
    } else if (s.endsWith("0")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals("-0") ? "0" : s;
  }

  /** A duration as a reader says it: {@code 14d}, {@code 6h}, {@code 1d 12h}, {@code 90s}. */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      long n = s / units[i];
      s %= units[i];
      if (n > 0) {
        b.append(b.length() > 0 ? " " : "").append(n).append(names[i]);
      }
    }
    return b.toString();
  }
}
