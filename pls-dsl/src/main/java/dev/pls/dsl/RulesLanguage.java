package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

import dev.pls.dsl.internal.Frontend;
import dev.pls.dsl.internal.Parsing;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of the rules language: compiles and formats rule files.
 *
 * <pre>{@code
 * Compilation c = RulesLanguage.compile(Path.of("model.pls"));
 * if (!c.succeeded()) {
 *   System.err.print(c.render());          // file:line:col: error PLS0201: ... with a caret
 * } else {
 *   Scorer scorer = Scorer.reference(c.model().orElseThrow());
 *   TestReport tests = c.runTests();
 * }
 * }</pre>
 *
 * <p>A problem in the rule file is never an exception: it is a {@link Diagnostic} in the result.
 * Only misuse of this API (a null argument) throws. Stateless and thread-safe.
 */
public final class RulesLanguage {
  private RulesLanguage() {}

  /**
   * Compiles the rule file at {@code path} (UTF-8). A file that cannot be read gives a compilation
   * with diagnostic {@code PLS0001}.
   *
   * @throws NullPointerException if {@code path} is null
   */
  public static Compilation compile(Path path) {
    requireNonNull(path, "path");
    String name = path.toString();
    Optional<String> text = read(path);
    if (text.isEmpty()) {
      Diagnostic d =
          new Diagnostic(
              Severity.ERROR,
              "PLS0001",
              "cannot read the file (missing, unreadable, or not UTF-8 text)",
              name,
              1,
              1,
              0);
      return new Compilation(name, "", new Frontend.Result(List.of(), List.of(d), List.of()));
    }
    return compile(name, text.get());
  }

  /**
   * Compiles rule-file text.
   *
   * @param fileName the name diagnostics give the file
   * @param source the text
   * @throws NullPointerException if an argument is null
   */
  public static Compilation compile(String fileName, String source) {
    requireNonNull(fileName, "fileName");
    requireNonNull(source, "source");
    // A byte order mark is not part of the text: without it, columns on line 1 are as an editor
    // shows them and the rendered excerpt matches what was parsed.
    String text = Parsing.withoutBom(source);
    return new Compilation(fileName, text, Frontend.compile(fileName, text));
  }

  /**
   * Formats rule-file text in the canonical layout, keeping comments and every model of the file.
   * Formatting is idempotent and a formatted file compiles to the same models as the original.
   *
   * @param fileName the name diagnostics give the file
   * @param source the text
   * @return the formatted text, or the syntax errors that prevent formatting
   * @throws NullPointerException if an argument is null
   */
  public static Formatting format(String fileName, String source) {
    requireNonNull(fileName, "fileName");
    requireNonNull(source, "source");
    Frontend.FormatResult r = Frontend.format(fileName, source);
    return new Formatting(r.text(), r.diagnostics());
  }

  private static Optional<String> read(Path path) {
    try {
      byte[] bytes = Files.readAllBytes(path);
      return Optional.of(
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
