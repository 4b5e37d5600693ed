package dev.pls.dsl;

import java.util.Arrays;

/*
 * Rendering a diagnostic shows one line of the file. Splitting the whole source for every
 * diagnostic made the output cost the file's size times the count of diagnostics, so the line
 * starts are found once per rendering, and only a window of a long line is shown: the cost of a
 * diagnostic's rendering is bounded whatever the line's length.
 */
/** The lines of a source text, found once; a line ends at CR LF, LF or a lone CR. */
final class SourceLines {
  /** Widest excerpt shown, in characters; a longer line is cut around the span with marks. */
  static final int MAX_EXCERPT = 120;

  private static final String CUT = "\u2026";

  private final String source;
  private final int[] starts;
  private final int count;

  SourceLines(String text) {
    // Parsing skips a leading byte order mark, so columns count from the character after it.
    this.source = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int[] s = new int[16];
    int n = 1;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      boolean end =
          c == '\n' || (c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n'));
      if (end) {
        if (n == s.length) {
          s = Arrays.copyOf(s, n * 2);
        }
        s[n++] = i + 1;
      }
    }
    this.starts = s;
    this.count = n;
  }

  /** The excerpt line and caret line for a span, each prefixed by two spaces and ended by LF. */
  void excerpt(StringBuilder sb, int line, int column, int length) {
    if (source.isEmpty() || line > count) {
      return;
    }
    int from = starts[line - 1];
    int to = line < count ? starts[line] : source.length();
    while (to > from && (source.charAt(to - 1) == '\n' || source.charAt(to - 1) == '\r')) {
      to--;
    }
    int textLength = to - from;
    int start = Math.min(column - 1, textLength);
    int width = Math.max(1, Math.min(length, Math.max(1, textLength - start)));
    int windowFrom = 0;
    int windowTo = textLength;
    if (textLength > MAX_EXCERPT) {
      // Keep the caret's start in view with some context before it; a span wider than the window
      // is shown from its start.
      windowFrom = Math.max(0, Math.min(start - MAX_EXCERPT / 4, textLength - MAX_EXCERPT));
      windowTo = Math.min(textLength, windowFrom + MAX_EXCERPT);
    }
    String lead = windowFrom > 0 ? CUT : "";
    String tail = windowTo < textLength ? CUT : "";
    // Tabs are shown as spaces so that the caret lines up.
    String text = source.substring(from + windowFrom, from + windowTo).replace('\t', ' ');
    sb.append("  ").append(lead).append(text).append(tail).append('\n');
    int caretFrom = start - windowFrom + lead.length();
    int caretWidth = Math.max(1, Math.min(width, windowTo - start));
    sb.append("  ").append(" ".repeat(caretFrom)).append("^".repeat(caretWidth)).append('\n');
  }
}
