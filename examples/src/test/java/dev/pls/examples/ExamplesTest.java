package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.dsl.Compilation;
import dev.pls.dsl.Formatting;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example model checks clean, has tests, and is in canonical format. Its in-file tests run
 * through the pls JUnit engine (pls-junit), one JUnit test per block, with the folders named by
 * {@code pls.junit.roots} in this module's pom.
 */
class ExamplesTest {

  static List<Path> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("."))) {
      return dirs.map(d -> d.resolve("model.pls")).filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void examples_directory_holdsTheSeedExamples() throws IOException {
    List<String> names =
        examples().stream().map(p -> p.getParent().getFileName().toString()).toList();
    assertTrue(names.contains("seed-template"), names.toString());
    assertTrue(names.contains("b2b-trial"), names.toString());
    assertTrue(names.contains("seat-expansion"), names.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyExample_compilesWithoutDiagnosticsAndHasTests() throws IOException {
    return examples().stream()
        .map(
            path ->
                DynamicTest.dynamicTest(
                    path.toString(),
                    () -> {
                      Compilation c = RulesLanguage.compile(path);
                      assertEquals("", c.render(), "diagnostics of " + path);
                      // The engine runs the tests; a file without any would pass unnoticed.
                      assertTrue(c.testCount() > 0, path + " has no tests");
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyExample_isInCanonicalFormat() throws IOException {
    return examples().stream()
        .map(
            path ->
                DynamicTest.dynamicTest(
                    path.toString(),
                    () -> {
                      String source = Files.readString(path);
                      Formatting f = RulesLanguage.format(path.toString(), source);
                      assertEquals(
                          source,
                          f.text().orElseThrow(),
                          path + " is not formatted: run ./pls fmt --write " + path);
                    }));
  }
}
