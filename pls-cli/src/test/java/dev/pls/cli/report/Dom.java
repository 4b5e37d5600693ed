package dev.pls.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the report's hooks back out of its markup, or out of the DOM a browser serialised: the
 * {@code data-figure} cells and the marks of each {@code data-chart}. Regular expressions suffice
 * because the markup is ours and the hooks are the first attributes of their elements.
 */
final class Dom {
  private Dom() {}

  private static final Pattern FIGURE =
      Pattern.compile(
          "<(?:td|th|span)\\s+data-figure=\"([^\"]*)\"(?:\\s+data-value=\"([^\"]*)\")?[^>]*>([^<]*)<");

  /** A {@code data-figure} element: its exact value (absent for an absent figure) and text. */
  record Figure(String value, String text) {
    double number() {
      return Double.parseDouble(value);
    }
  }

  static Map<String, Figure> figures(String html) {
    Map<String, Figure> m = new LinkedHashMap<>();
    Matcher x = FIGURE.matcher(html);
    while (x.find()) {
      m.put(unescape(x.group(1)), new Figure(x.group(2), unescape(x.group(3))));
    }
    return m;
  }

  /** The markup of the chart {@code name}, empty if there is none. */
  static String chart(String html, String name) {
    Matcher x =
        Pattern.compile("<svg data-chart=\"" + Pattern.quote(name) + "\".*?</svg>", Pattern.DOTALL)
            .matcher(html);
    return x.find() ? x.group() : "";
  }

  /** Per bar of the chart, in document order: its {@code data-key} (or series·key) and value. */
  static List<String[]> bars(String html, String chart) {
    List<String[]> bars = new ArrayList<>();
    Matcher x =
        Pattern.compile(
                "<rect data-bar=\"\"(?: data-series=\"([^\"]*)\")? data-key=\"([^\"]*)\""
                    + " data-value=\"([^\"]*)\"")
            .matcher(chart(html, chart));
    while (x.find()) {
      String key = x.group(1) == null ? x.group(2) : x.group(1) + "·" + x.group(2);
      bars.add(new String[] {unescape(key), x.group(3)});
    }
    return bars;
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /**
   * What in {@code html} would make a browser fetch something: an absolute URL, a {@code src} or
   * {@code href} attribute, a CSS {@code @import} or {@code url(}.
   */
  static List<String> externalReferences(String html) {
    List<String> found = new ArrayList<>();
    Matcher x =
        Pattern.compile(
                "(?i)https?://|//[a-z0-9.-]+\\.[a-z]{2,}/|\\bsrc\\s*=|\\bhref\\s*=|@import|url\\s*\\(|<link\\b|<script\\b|<iframe\\b|<object\\b|<embed\\b")
            .matcher(html);
    while (x.find()) {
      int from = Math.max(0, x.start() - 30);
      found.add(html.substring(from, Math.min(html.length(), x.end() + 30)));
    }
    return found;
  }
}
