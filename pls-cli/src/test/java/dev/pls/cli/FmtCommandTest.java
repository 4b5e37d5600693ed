package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {
  @TempDir Path tmp;

  @Test
  void fmt_default_printsFormattedText() {
    Cli.Result r = Cli.run("fmt", Cli.RES + "unformatted.pls");
    assertEquals(0, r.status(), r.err());
    Golden.assertMatches("dev/pls/cli/unformatted.formatted.pls", r.out());
  }

  @Test
  void fmt_check_listsUnformattedFilesAndStatus1() {
    Cli.Result r = Cli.run("fmt", "--check", Cli.RES + "unformatted.pls", Cli.RES + "passing.pls");
    assertEquals(1, r.status());
    assertEquals(Cli.RES + "unformatted.pls: not formatted\n", r.out());
  }

  @Test
  void fmt_checkFormattedFile_status0() {
    Cli.Result r = Cli.run("fmt", "--check", Cli.RES + "passing.pls");
    assertEquals(0, r.status(), r.out());
    assertEquals("", r.out());
  }

  @Test
  void fmt_diff_unifiedDiffAndStatus1() {
    Cli.Result r = Cli.run("fmt", "--diff", Cli.RES + "unformatted.pls");
    assertEquals(1, r.status());
    Golden.assertMatches("dev/pls/cli/unformatted.diff", r.out());
  }

  /**
   * A rule file of {@code lines} lines in the canonical layout, except line {@code bad} (1-based),
   * which lacks the spaces around its '='.
   */
  static String largeRuleFile(int lines, int bad) {
    StringBuilder sb = new StringBuilder("model big version 1\n  entity user\n\nevent invite\n\n");
    for (int line = 6; line <= lines; line++) {
      String eq = line == bad ? "=" : " = ";
      sb.append("signal s").append(line).append(eq).append("count(invite)\n");
    }
    return sb.toString();
  }

  @Test
  void fmt_diffLargeFileOneLineOff_oneHunk() throws Exception {
    Path f = tmp.resolve("big.pls");
    Files.writeString(f, largeRuleFile(25_000, 12_345));
    Cli.Result r = Cli.run("fmt", "--diff", f.toString());
    assertEquals(1, r.status(), r.err());
    assertEquals(
        "--- "
            + f
            + "\n+++ "
            + f
            + " (formatted)\n@@ -12342,7 +12342,7 @@\n"
            + " signal s12342 = count(invite)\n signal s12343 = count(invite)\n"
            + " signal s12344 = count(invite)\n"
            + "-signal s12345=count(invite)\n+signal s12345 = count(invite)\n"
            + " signal s12346 = count(invite)\n signal s12347 = count(invite)\n"
            + " signal s12348 = count(invite)\n",
        r.out());
  }

  @Test
  void fmt_write_rewritesInPlaceOnce() throws Exception {
    Path f = tmp.resolve("m.pls");
    Files.copy(Path.of(Cli.RES + "unformatted.pls"), f);
    Cli.Result r = Cli.run("fmt", "--write", f.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(Golden.read("dev/pls/cli/unformatted.formatted.pls"), Files.readString(f));
    assertEquals("formatted " + f + "\n", r.err());
    Cli.Result again = Cli.run("fmt", "--write", f.toString());
    assertEquals("", again.err());
  }

  @Test
  void fmt_syntaxError_diagnosticsAndStatus1() {
    Cli.Result r = Cli.run("fmt", Cli.RES + "syntax.pls");
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertTrue(r.err().contains("syntax.pls:5:30: error PLS0101: unexpected ':'"), r.err());
  }

  @Test
  void fmt_modesTogether_usageError() {
    Cli.Result r = Cli.run("fmt", "--check", "--write", Cli.MODEL);
    assertEquals(2, r.status());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }
}
