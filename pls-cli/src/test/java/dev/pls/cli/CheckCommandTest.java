package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.io.Golden;
import org.junit.jupiter.api.Test;

class CheckCommandTest {

  @Test
  void check_brokenFiles_everyErrorOfEveryFileAndStatus1() {
    Cli.Result r = Cli.run("check", Cli.RES + "broken.pls", Cli.RES + "syntax.pls");
    assertEquals(1, r.status());
    Golden.assertMatches("dev/pls/cli/check-broken.txt", r.out());
    assertEquals("", r.err());
  }

  @Test
  void check_goodFile_silentAndStatus0() {
    Cli.Result r = Cli.run("check", Cli.MODEL, Cli.RES + "passing.pls");
    assertEquals(0, r.status(), r.out());
    assertEquals("", r.out());
  }

  @Test
  void check_formatJson_oneArrayOfAllFilesDiagnostics() throws Exception {
    Cli.Result r =
        Cli.run("check", "--format", "json", Cli.RES + "broken.pls", Cli.RES + "syntax.pls");
    assertEquals(1, r.status());
    JsonNode array = new ObjectMapper().readTree(r.out());
    assertEquals(4, array.size());
    assertEquals("PLS0201", array.get(0).get("code").asText());
    assertEquals(Cli.RES + "syntax.pls", array.get(3).get("file").asText());
    assertEquals(5, array.get(3).get("line").asInt());
  }

  @Test
  void check_formatJson_goldenBytes() {
    Cli.Result r =
        Cli.run("check", "--format", "json", Cli.RES + "broken.pls", Cli.RES + "syntax.pls");
    Golden.assertMatches("dev/pls/cli/check-broken.json", r.out());
  }

  @Test
  void check_formatJsonControlAndNonAsciiCharacters_escapedAsBefore() {
    // Control characters other than tab, CR and LF as six-character escapes in lower-case hex
    // (never the two-character forms for backspace or form feed); everything else as it is.
    Cli.Result r = Cli.run("check", "--format", "json", Cli.RES + "escapes.pls");
    assertEquals(1, r.status());
    Golden.assertMatches("dev/pls/cli/check-escapes.json", r.out());
  }

  @Test
  void check_formatJsonNoDiagnostics_emptyArray() {
    Cli.Result r = Cli.run("check", "--format", "json", Cli.RES + "passing.pls");
    assertEquals(0, r.status());
    assertEquals("[]\n", r.out());
  }

  @Test
  void check_missingFile_reportedAsDiagnostic() {
    Cli.Result r = Cli.run("check", Cli.RES + "no-such.pls");
    assertEquals(1, r.status());
    assertTrue(r.out().contains("PLS0001"), r.out());
  }

  @Test
  void check_badFormat_usageError() {
    Cli.Result r = Cli.run("check", "--format", "xml", Cli.MODEL);
    assertEquals(2, r.status());
    assertTrue(
        r.err()
            .contains("Invalid value for option '--format': expected one of [text, json] but was"),
        r.err());
  }

  @Test
  void check_formatInCapitals_usageErrorAsAlways() {
    Cli.Result r = Cli.run("check", "--format", "JSON", Cli.MODEL);
    assertEquals(2, r.status());
    assertEquals("", r.out());
  }

  @Test
  void check_help_listsTheFormats() {
    Cli.Result r = Cli.run("check", "--help");
    assertTrue(r.out().contains("One of text, json."), r.out());
  }
}
