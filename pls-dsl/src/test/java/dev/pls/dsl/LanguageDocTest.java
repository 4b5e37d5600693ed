package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.dsl.internal.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The docs cannot drift: every example compiles clean, the grammar is verbatim, every code is
 * documented.
 */
class LanguageDocTest {
  private static final Path LANGUAGE = Path.of("../docs/language.md");

  /** Other docs whose rules-language examples must compile clean and pass their tests. */
  private static final List<Path> OTHERS =
      List.of(Path.of("../docs/accounts.md"), Path.of("../docs/handoff.md"));

  private static final Path DIAGNOSTICS = Path.of("../docs/diagnostics.md");

  private static List<String> blocks(String doc, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @TestFactory
  Stream<DynamicTest> languageDoc_everyExample_compilesCleanAndItsTestsPass() throws IOException {
    List<String> examples = blocks(Files.readString(LANGUAGE, StandardCharsets.UTF_8), "pls");
    assertTrue(examples.size() >= 10, "examples found: " + examples.size());
    return examples.stream()
        .map(
            text ->
                DynamicTest.dynamicTest(
                    text.lines().findFirst().orElse(""),
                    () -> {
                      Compilation c = RulesLanguage.compile("doc.pls", text);
                      assertEquals("", c.render(), text);
                      TestReport report = c.runTests();
                      assertTrue(report.passed(), report.render());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> otherDocs_everyExample_compilesCleanAndItsTestsPass() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : OTHERS) {
      List<String> examples = blocks(Files.readString(doc, StandardCharsets.UTF_8), "pls");
      assertTrue(!examples.isEmpty(), doc + " has no pls example");
      for (String text : examples) {
        tests.add(
            DynamicTest.dynamicTest(
                doc.getFileName() + ": " + text.lines().findFirst().orElse(""),
                () -> {
                  Compilation c = RulesLanguage.compile("doc.pls", text);
                  assertEquals("", c.render(), text);
                  TestReport report = c.runTests();
                  assertTrue(report.passed(), report.render());
                  assertTrue(report.results().size() > 0, "an example without a test: " + text);
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void languageDoc_grammar_isTheGrammarVerbatim() throws IOException {
    String doc = Files.readString(LANGUAGE, StandardCharsets.UTF_8);
    String grammar =
        Files.readString(
            Path.of("src/main/antlr4/dev/pls/dsl/internal/Pls.g4"), StandardCharsets.UTF_8);
    assertEquals(List.of(grammar.stripTrailing() + "\n"), blocks(doc, "antlr"));
  }

  @Test
  void diagnosticsDoc_everyCode_hasASection() throws IOException {
    String doc = Files.readString(DIAGNOSTICS, StandardCharsets.UTF_8);
    for (Code code : Code.values()) {
      assertTrue(doc.contains("## " + code.name() + ": "), code.name());
    }
  }

  @Test
  void diagnosticsDoc_goldenOutputs_areShownAsTheyAre() throws IOException {
    String doc = Files.readString(DIAGNOSTICS, StandardCharsets.UTF_8);
    Path dir = Path.of("src/test/resources/dev/pls/dsl/diagnostics");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".expected")).sorted().toList()) {
        if (p.getFileName().toString().equals("PLS0004.expected")) {
          continue; // shown abridged: 25 errors
        }
        String expected = Files.readString(p, StandardCharsets.UTF_8).stripTrailing();
        assertTrue(doc.contains(expected), p.getFileName() + " differs from docs/diagnostics.md");
      }
    }
  }
}
