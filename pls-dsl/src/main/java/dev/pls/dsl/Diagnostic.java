package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

/**
 * A problem found in a rule file, located at a span of its text.
 *
 * <p>Rendered as {@code file:line:col: error PLS0101: message}, followed by the source line and a
 * caret under the span (see {@link #render(String)}). Codes are stable and documented in {@code
 * docs/diagnostics.md}.
 *
 * @param severity error or warning
 * @param code the stable code, e.g. {@code PLS0201}
 * @param message what is wrong and, where it can tell, how to fix it
 * @param file the file name as given to the compiler
 * @param line 1-based line
 * @param column 1-based column
 * @param length how many characters the span covers on its line (at least 1 when rendered)
 */
public record Diagnostic(
    Severity severity, String code, String message, String file, int line, int column, int length) {

  public Diagnostic {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(message, "message");
    requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line: must be at least 1, was " + line);
    }
    if (column < 1) {
      throw new IllegalArgumentException("column: must be at least 1, was " + column);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length: must not be negative, was " + length);
    }
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The first line: {@code file:line:col: error PLS0101: message}. */
  public String headline() {
    return file
        + ":"
        + line
        + ":"
        + column
        + ": "
        + severity.displayName()
        + " "
        + code
        + ": "
        + message;
  }

  /**
   * The headline, then the offending line of {@code source} and a caret line under the span. A line
   * longer than 120 characters is shown as a 120-character window around the span, with {@code …}
   * where it was cut.
   *
   * @param source the text of the file the diagnostic is about
   */
  public String render(String source) {
    requireNonNull(source, "source");
    return render(new SourceLines(source));
  }

  String render(SourceLines lines) {
    StringBuilder sb = new StringBuilder(headline()).append('\n');
    lines.excerpt(sb, line, column, length);
    return sb.toString();
  }
}
