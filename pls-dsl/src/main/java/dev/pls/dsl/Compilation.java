package dev.pls.dsl;

import dev.pls.core.Model;
import dev.pls.dsl.internal.Frontend;
import java.util.List;
import java.util.Optional;

/**
 * The result of compiling a rule file: the model when the file has no errors, and every diagnostic
 * (errors and warnings) in source order.
 *
 * <p>Immutable and thread-safe.
 */
public final class Compilation {
  private final String fileName;
  private final String source;
  private final Frontend.Result result;

  Compilation(String fileName, String source, Frontend.Result result) {
    this.fileName = fileName;
    this.source = source;
    this.result = result;
  }

  /** The file name diagnostics use. */
  public String fileName() {
    return fileName;
  }

  /** Whether the file compiled: no errors (there may be warnings). */
  public boolean succeeded() {
    return result.model().isPresent();
  }

  /** The compiled model; empty when the file has errors. */
  public Optional<Model> model() {
    return result.model();
  }

  /** Every diagnostic, sorted by position. */
  public List<Diagnostic> diagnostics() {
    return result.diagnostics();
  }

  /** Only the errors. */
  public List<Diagnostic> errors() {
    return result.diagnostics().stream().filter(Diagnostic::isError).toList();
  }

  /** How many {@code test} blocks the file has that can run. */
  public int testCount() {
    return result.tests().size();
  }

  /** Every diagnostic rendered with its source line and caret, one after another. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : result.diagnostics()) {
      sb.append(d.render(source));
    }
    return sb.toString();
  }

  /** The diagnostics as a JSON array of objects (see {@link Diagnostic#toJson()}). */
  public String toJson() {
    StringBuilder sb = new StringBuilder("[");
    List<Diagnostic> ds = result.diagnostics();
    for (int i = 0; i < ds.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(ds.get(i).toJson());
    }
    return sb.append(']').toString();
  }

  /**
   * Runs the file's {@code test} blocks with the reference scorer.
   *
   * @throws IllegalStateException if the file did not compile
   */
  public TestReport runTests() {
    if (!succeeded()) {
      throw new IllegalStateException(
          "runTests: " + fileName + " did not compile; check succeeded() first");
    }
    return Frontend.test(result);
  }
}
