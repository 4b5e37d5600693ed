package dev.pls.dsl.internal;

import dev.pls.core.model.Model;
import dev.pls.dsl.Diagnostic;
import dev.pls.dsl.TestBlock;
import java.util.List;
import java.util.Optional;

/** The passes in order: parse, check and lower, and (on demand) format. */
public final class Frontend {
  private Frontend() {}

  /**
   * Everything one compilation found out: the file's models in order (none when it has errors),
   * every diagnostic, and for each model its tests.
   */
  public record Result(
      List<Model> models, List<Diagnostic> diagnostics, List<List<TestCases.TestCase>> tests) {

    /** The last model of the file, the one a single-model API means. */
    public Optional<Model> model() {
      return models.isEmpty() ? Optional.empty() : Optional.of(models.get(models.size() - 1));
    }

    /** The tests that can run, over every model, in the order they run. */
    public List<TestBlock> testBlocks() {
      return tests.stream()
          .flatMap(List::stream)
          .map(t -> new TestBlock(t.name(), t.line()))
          .toList();
    }

    /** How many tests can run, over every model. */
    public int testCount() {
      return tests.stream().mapToInt(List::size).sum();
    }
  }

  /** Parses and checks {@code source}; never throws on bad input. */
  public static Result compile(String fileName, String source) {
    Reporter reporter = new Reporter(fileName);
    try {
      return compile(source, reporter);
    } catch (Reporter.Stopped stop) {
      return new Result(List.of(), reporter.diagnostics(), List.of());
    }
  }

  private static Result compile(String source, Reporter reporter) {
    Parsing.Parsed parsed = Parsing.parse(source, reporter);
    if (parsed.file().isEmpty() || reporter.hasErrors()) {
      return new Result(List.of(), reporter.diagnostics(), List.of());
    }
    Checker.Checked checked;
    try {
      checked = Checker.check(parsed.file().get(), reporter);
    } catch (IllegalArgumentException e) {
      // A value the checker let through and the core model's own validation refused: a checker
      // gap, reported as such rather than thrown at the user.
      reporter.error(
          Code.PLS0901, Ast.Span.NONE, "the core model rejected this file: " + e.getMessage());
      return new Result(List.of(), reporter.diagnostics(), List.of());
    }
    return new Result(checked.models(), reporter.diagnostics(), checked.tests());
  }

  /** The canonical text of {@code source}, or empty with the syntax errors that prevent it. */
  public static FormatResult format(String fileName, String source) {
    Reporter reporter = new Reporter(fileName);
    Parsing.Parsed parsed;
    try {
      parsed = Parsing.parse(source, reporter);
    } catch (Reporter.Stopped stop) {
      return new FormatResult(Optional.empty(), reporter.diagnostics());
    }
    if (parsed.file().isEmpty() || reporter.hasErrors()) {
      return new FormatResult(Optional.empty(), reporter.diagnostics());
    }
    String text = Formatter.format(parsed.file().get(), parsed.comments());
    if (text.length() > Limits.MAX_FILE_CHARS) {
      // The canonical layout can be longer than the input (indentation, spaces around operators);
      // a formatted file the compiler would refuse is not written.
      reporter.error(
          Code.PLS0002,
          Ast.Span.NONE,
          "formatted, the file would have "
              + text.length()
              + " characters; at most "
              + Limits.MAX_FILE_CHARS
              + " are allowed (split the model into smaller files)");
      return new FormatResult(Optional.empty(), reporter.diagnostics());
    }
    return new FormatResult(Optional.of(text), reporter.diagnostics());
  }

  /** A formatted text or the diagnostics that prevented formatting. */
  public record FormatResult(Optional<String> text, List<Diagnostic> diagnostics) {}

  /** Runs the tests of a successful compilation. */
  public static dev.pls.dsl.TestReport test(Result result) {
    if (result.models().isEmpty()) {
      throw new IllegalStateException("the file did not compile; there are no tests to run");
    }
    return TestRunner.run(result.models(), result.tests());
  }

  /**
   * Runs the tests of one model of a successful compilation: those that follow its header. Its
   * member model, when it rolls one up, scores the members and is counted in the coverage; the
   * file's other models are not.
   *
   * @throws IllegalArgumentException if the file has no model {@code model}, naming its models
   */
  public static dev.pls.dsl.TestReport test(Result result, String model) {
    Model chosen =
        result.models().stream()
            .filter(m -> m.id().equals(model))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model: the file has no model '"
                            + model
                            + "'; its models are "
                            + result.models().stream().map(Model::id).toList()));
    java.util.List<Model> models = new java.util.ArrayList<>();
    java.util.List<java.util.List<TestCases.TestCase>> tests = new java.util.ArrayList<>();
    for (int i = 0; i < result.models().size(); i++) {
      Model m = result.models().get(i);
      if (m == chosen) {
        models.add(m);
        tests.add(result.tests().get(i));
      } else if (chosen.memberModel().filter(mm -> mm.id().equals(m.id())).isPresent()) {
        models.add(m);
        tests.add(List.of());
      }
    }
    return TestRunner.run(models, tests);
  }
}
