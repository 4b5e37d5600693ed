package dev.pls.dsl.internal;

import dev.pls.dsl.Diagnostic;
import dev.pls.dsl.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one file, in source order. Not thread-safe. */
public final class Reporter {
  private final String file;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  public Reporter(String file) {
    this.file = file;
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
    Diagnostic d =
        new Diagnostic(
            severity,
            code.name(),
            message,
            file,
            Math.max(1, span.line()),
            Math.max(1, span.column()),
            Math.max(0, span.length()));
    // The same problem reached twice (a shared signal used by two rules) is reported once.
    if (!diagnostics.contains(d)) {
      diagnostics.add(d);
    }
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The diagnostics sorted by position, then code; stable for equal positions. */
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(
        Comparator.comparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::code));
    return List.copyOf(sorted);
  }
}
