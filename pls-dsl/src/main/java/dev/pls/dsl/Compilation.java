package dev.pls.dsl;

import dev.pls.core.model.Model;
import dev.pls.dsl.internal.Frontend;
import java.util.List;
import java.util.Optional;

/**
 * The result of compiling a rule file: the models when the file has no errors, and every diagnostic
 * (errors and warnings) in source order.
 *
 * <p>A file usually holds one model. It may hold several, one after another, such as a user model
 * and the account model that rolls it up: {@link #models()} returns them all in file order, and
 * {@link #model()} the last one.
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
    return !result.models().isEmpty();
  }

  /**
   * The compiled model, or for a file with several models the last one (an account model follows
   * the user model it rolls up, so this is the account model); empty when the file has errors.
   */
  public Optional<Model> model() {
    return result.model();
  }

  /** Every compiled model, in file order; empty when the file has errors. */
  public List<Model> models() {
    return result.models();
  }

  /**
   * The diagnostics sorted by position: the first 100, and when there were more, a last {@code
   * PLS0006} that counts the rest.
   */
  public List<Diagnostic> diagnostics() {
    return result.diagnostics();
  }

  /** Only the errors. */
  public List<Diagnostic> errors() {
    return result.diagnostics().stream().filter(Diagnostic::isError).toList();
  }

  /** How many {@code test} blocks the file has that can run, over all its models. */
  public int testCount() {
    return result.testCount();
  }

  /**
   * The file's {@code test} blocks that can run, over all its models, in the order {@link
   * #runTests()} reports their results; empty when the file has errors.
   */
  public List<TestBlock> tests() {
    return succeeded() ? result.testBlocks() : List.of();
  }

  /**
   * Every diagnostic rendered with its source line (a window of it, when long) and caret, one after
   * another.
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    SourceLines lines = new SourceLines(source);
    for (Diagnostic d : result.diagnostics()) {
      sb.append(d.render(lines));
    }
    return sb.toString();
  }

  /**
   * Runs the file's {@code test} blocks with the reference scorer, each against the model it
   * follows, in file order.
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

  /**
   * Runs the {@code test} blocks of the model {@code model} only (those that follow its header), in
   * file order; its member model, if it rolls one up, scores the members and is counted in the
   * coverage.
   *
   * @throws IllegalStateException if the file did not compile
   * @throws IllegalArgumentException if the file has no model {@code model}, naming its models
   */
  public TestReport runTests(String model) {
    java.util.Objects.requireNonNull(model, "model");
    if (!succeeded()) {
      throw new IllegalStateException(
          "runTests: " + fileName + " did not compile; check succeeded() first");
    }
    return Frontend.test(result, model);
  }
}
