package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Hostile rule files through the CLI (issue #11, items 10 and 12): one located diagnostic instead
 * of a stack trace, and output bounded whatever the line length or the count of errors.
 */
class RuleFileBoundsCliTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** Thirty levels of parentheses with chains of 200: within the syntax limits, 6,000 deep. */
  private Path nested() throws IOException {
    String inner = "x";
    for (int i = 0; i < 30; i++) {
      inner = "(" + inner + " + 1".repeat(200) + ")";
    }
    return write(
        "nested.pls", "model m\ntrait x: int\ncategory c {\n  " + inner + " > 1 : +1\n}\n");
  }

  @Test
  void check_nestedArithmetic_oneLocatedDiagnosticNoStackTrace() throws IOException {
    Path f = nested();
    Cli.Result r = Cli.run("check", f.toString());
    assertEquals(1, r.status());
    String[] lines = r.out().split("\n");
    assertEquals(3, lines.length, r.out());
    assertTrue(lines[0].startsWith(f + ":4:"), lines[0]);
    assertTrue(lines[0].contains("error PLS0005: expression nested too deeply"), lines[0]);
    assertFalse(r.out().contains("StackOverflowError") || r.err().contains("Exception"), r.err());
  }

  @Test
  void fmt_nestedArithmetic_oneLocatedDiagnosticNoStackTrace() throws IOException {
    Path f = nested();
    Cli.Result r = Cli.run("fmt", f.toString());
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertEquals(3, r.err().split("\n").length, r.err());
    assertTrue(r.err().contains(":4:") && r.err().contains("PLS0005"), r.err());
  }

  @Test
  void check_oneLineModelsWithManyErrors_outputBoundedAndCounted() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int m = 0; m < 200; m++) {
      text.append("model m").append(m);
      for (int s = 0; s < 40; s++) {
        text.append(" signal s").append(s).append(" = nope").append(s);
      }
      text.append('\n');
    }
    Path f = write("long.pls", text.toString());
    Cli.Result text1 = Cli.run("check", f.toString());
    assertEquals(1, text1.status());
    // 100 diagnostics and the count, each a headline, a windowed line and a caret line.
    assertEquals(303, text1.out().split("\n").length);
    assertTrue(text1.out().length() < 303 * 260, "" + text1.out().length());
    assertTrue(text1.out().contains("error PLS0006: "), text1.out());

    Cli.Result json = Cli.run("check", "--format", "json", f.toString());
    JsonNode array = readJson(json.out());
    assertEquals(101, array.size());
    assertEquals("PLS0006", array.get(100).get("code").asText());
  }

  private static JsonNode readJson(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }
}
