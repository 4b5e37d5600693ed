package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/*
 * One broken file per diagnostic code under src/test/resources/dev/pls/dsl/diagnostics: PLSnnnn.pls
 * and, next to it, PLSnnnn.expected with the exact rendered output a user sees (a code with more
 * than one case adds PLSnnnn-case.pls and its PLSnnnn-case.expected). Run with
 * -Dpls.golden.update=true to rewrite the expected files after a deliberate change, then review
 * the diff. Codes whose trigger is not a small file (unreadable file, file too large, too many
 * rules) are tested below with the same rendered-output assertion.
 */
class DiagnosticsGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/dev/pls/dsl/diagnostics");

  @TestFactory
  Stream<DynamicTest> everyCode_brokenFile_rendersItsGoldenOutput() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(DIR)) {
      s.filter(p -> p.toString().endsWith(".pls")).sorted().forEach(files::add);
    }
    assertFalse(files.isEmpty());
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String name = file.getFileName().toString();
                      String base = name.substring(0, name.length() - ".pls".length());
                      String code =
                          base.contains("-") ? base.substring(0, base.indexOf('-')) : base;
                      String source = Files.readString(file, StandardCharsets.UTF_8);
                      Compilation c = RulesLanguage.compile(name, source);
                      String actual = c.render();
                      Path expected = DIR.resolve(base + ".expected");
                      if (Boolean.getBoolean("pls.golden.update")) {
                        Files.writeString(expected, actual, StandardCharsets.UTF_8);
                      }
                      assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
                      assertTrue(
                          c.diagnostics().stream().anyMatch(d -> d.code().equals(code)),
                          "no " + code + " in\n" + actual);
                      // Warnings never stop a file from compiling; errors always do.
                      assertEquals(c.errors().isEmpty(), c.succeeded(), actual);
                    }));
  }

  @Test
  void missingFile_compile_reportsPls0001() {
    Compilation c = RulesLanguage.compile(Path.of("no-such-dir", "model.pls"));
    assertFalse(c.succeeded());
    assertEquals(
        "no-such-dir/model.pls:1:1: error PLS0001: cannot read the file (missing, unreadable, or"
            + " not UTF-8 text)\n",
        c.render().replace('\\', '/'));
  }

  @Test
  void moreThan100Diagnostics_compile_reportsPls0006CountingTheRest() {
    StringBuilder source = new StringBuilder("model m\ncategory c {\n");
    for (int i = 0; i < 150; i++) {
      source.append("  unknown_").append(i).append(" > 1 : +1\n");
    }
    source.append("}\n");
    String rendered = RulesLanguage.compile("many.pls", source.toString()).render();
    assertTrue(
        rendered.endsWith(
            "many.pls:152:3: error PLS0006: 50 more diagnostics not shown (50 errors, 0 warnings),"
                + " after the first 100; fix these and check again\n"
                + "    unknown_149 > 1 : +1\n"
                + "    ^\n"),
        rendered);
  }

  @Test
  void hugeFile_compile_reportsPls0002WithoutParsing() {
    String source = "model m\n" + "#".repeat(1 << 20) + "\n";
    Compilation c = RulesLanguage.compile("huge.pls", source);
    assertEquals(
        "huge.pls:1:1: error PLS0002: file has 1048585 characters; at most 1048576 are allowed"
            + " (split the model into smaller files)\n"
            + "  model m\n"
            + "  ^\n",
        c.render());
  }

  @Test
  void tooManyRules_compile_reportsPls0404OnTheFirstRuleOverTheLimit() {
    StringBuilder sb = new StringBuilder("model m\nsignal n = count(e)\ncategory c {\n");
    for (int i = 0; i <= 10_000; i++) {
      sb.append("  n >= ").append(i).append(" : +1 [r").append(i).append("]\n");
    }
    sb.append("}\n");
    Compilation c = RulesLanguage.compile("many.pls", sb.toString());
    List<Diagnostic> errors = c.errors();
    assertEquals(1, errors.size(), c.render());
    assertEquals(
        "many.pls:10004:3: error PLS0404: more than 10000 rules; split the model",
        errors.get(0).headline());
  }

  @Test
  void controlCharactersInQuotedText_areDiagnosticsNotExceptions() {
    // Found by ParserRobustnessProperties: a NUL in a label reached the core's name check.
    Compilation c =
        RulesLanguage.compile(
            "nul.pls",
            "model m\nevent x = \"a\\tb\"\ncategory c {\n  count(any) >= 1 : +1 \"\u0000Label\"\n}\n"
                + "exclude count(\"e\\n\") >= 1 : \" \"\n");
    assertEquals(
        List.of(
            "nul.pls:2:11: error PLS0102: the event name \"a\\tb\" must not be blank, start or end"
                + " with spaces, or contain control characters",
            "nul.pls:4:24: error PLS0102: the label \"\u0000Label\" must not be blank, start or end"
                + " with spaces, or contain control characters",
            "nul.pls:6:15: error PLS0102: the event name \"e\\n\" must not be blank, start or end"
                + " with spaces, or contain control characters",
            "nul.pls:6:29: error PLS0102: the reason \" \" must not be blank, start or end with"
                + " spaces, or contain control characters"),
        c.diagnostics().stream().map(Diagnostic::headline).toList());
  }
}
