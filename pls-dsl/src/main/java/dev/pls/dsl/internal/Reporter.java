package dev.pls.dsl.internal;

import dev.pls.dsl.Diagnostic;
import dev.pls.dsl.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/*
 * What a file can make the compiler say is bounded: at most Limits.MAX_DIAGNOSTICS diagnostics
 * leave the reporter (the first by position), and one PLS0006 counts the rest, so a file of 10,000
 * broken one-line models gives a screenful, not megabytes. Every diagnostic is still collected, so
 * hasErrors() and the count are exact, and collecting is a set insertion: the same problem reached
 * twice (a shared signal used by two rules) is reported once without scanning the list.
 *
 * Checking itself stops at Limits.MAX_ERRORS errors (the error that reaches the limit throws
 * Stopped, which Frontend catches): past that point a file is not a model with mistakes but
 * generated noise, and every further error would still cost a "did you mean" search.
 */
/** Collects the diagnostics of one file, in source order. Not thread-safe. */
public final class Reporter {
  /** Longest message kept; a message quoting a huge name or literal is cut. */
  private static final int MAX_MESSAGE = 1_000;

  private final String file;
  private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
  private int errors;
  private boolean stopped;
  private int suggestions;

  /** Thrown by the error that reaches {@link Limits#MAX_ERRORS}; the pass in progress ends. */
  public static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  public Reporter(String file) {
    this.file = file;
  }

  /**
   * Whether one more "did you mean" may be looked for. Each search compares a name with every
   * candidate, so a file of thousands of unknown names among thousands of declared ones cost their
   * product; only the first {@link Limits#MAX_DIAGNOSTICS} diagnostics are shown, so only that many
   * searches are made, and the rest are reported without a suggestion.
   */
  boolean maySuggest() {
    return suggestions++ < Limits.MAX_DIAGNOSTICS;
  }

  public String file() {
    return file;
  }

  public void error(Code code, Ast.Span span, String message) {
    add(Severity.ERROR, code, span, message);
  }

  public void warning(Code code, Ast.Span span, String message) {
    add(Severity.WARNING, code, span, message);
  }

  private void add(Severity severity, Code code, Ast.Span span, String message) {
    String text =
        message.length() <= MAX_MESSAGE
            ? message
            : message.substring(0, MAX_MESSAGE) + "\u2026 (message cut)";
    diagnostics.add(
        new Diagnostic(
            severity,
            code.name(),
            text,
            file,
            Math.max(1, span.line()),
            Math.max(1, span.column()),
            Math.max(0, span.length())));
    if (severity == Severity.ERROR && ++errors >= Limits.MAX_ERRORS) {
      stopped = true;
      throw new Stopped();
    }
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  /** How many distinct diagnostics were reported, including those {@link #diagnostics} omits. */
  public int count() {
    return diagnostics.size();
  }

  /**
   * The first {@link Limits#MAX_DIAGNOSTICS} diagnostics sorted by position, then code (stable for
   * equal positions), and when there were more, a last {@code PLS0006} that counts the rest. It is
   * an error when any omitted diagnostic is one.
   */
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(
        Comparator.comparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::code));
    if (sorted.size() <= Limits.MAX_DIAGNOSTICS) {
      return List.copyOf(sorted);
    }
    List<Diagnostic> rest = sorted.subList(Limits.MAX_DIAGNOSTICS, sorted.size());
    long restErrors = rest.stream().filter(Diagnostic::isError).count();
    Diagnostic last = rest.get(rest.size() - 1);
    List<Diagnostic> shown = new ArrayList<>(sorted.subList(0, Limits.MAX_DIAGNOSTICS));
    shown.add(
        new Diagnostic(
            restErrors > 0 ? Severity.ERROR : Severity.WARNING,
            Code.PLS0006.name(),
            rest.size()
                + " more diagnostics not shown ("
                + restErrors
                + " errors, "
                + (rest.size() - restErrors)
                + " warnings), after the first "
                + Limits.MAX_DIAGNOSTICS
                + (stopped ? "; checking stopped after " + Limits.MAX_ERRORS + " errors" : "")
                + "; fix these and check again",
            file,
            last.line(),
            last.column(),
            0));
    return List.copyOf(shown);
  }
}
