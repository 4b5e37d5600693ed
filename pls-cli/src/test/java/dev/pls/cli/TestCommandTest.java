package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class TestCommandTest {
  @TempDir Path tmp;

  @Test
  void test_passingFile_lineperTestAndStatus0() {
    Cli.Result r = Cli.run("test", Cli.RES + "passing.pls");
    assertEquals(0, r.status(), r.out());
    Golden.assertMatches("dev/pls/cli/test-passing.txt", Cli.stable(r.out()));
  }

  @Test
  void test_failingFile_expectedVsActualCoverageAndStatus1() {
    Cli.Result r = Cli.run("test", "--coverage", Cli.RES + "failing.pls");
    assertEquals(1, r.status());
    Golden.assertMatches("dev/pls/cli/test-failing.txt", Cli.stable(r.out()));
  }

  @Test
  void test_directory_runsEveryRuleFileUnderIt() throws Exception {
    Files.createDirectories(tmp.resolve("sub"));
    Files.copy(Path.of(Cli.RES + "passing.pls"), tmp.resolve("sub/a.pls"));
    Files.copy(Path.of(Cli.MODEL), tmp.resolve("b.pls"));
    Files.writeString(tmp.resolve("notes.txt"), "not a rule file");
    Cli.Result r = Cli.run("test", tmp.toString());
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().endsWith("5 of 5 tests passed in 2 files\n"), r.out());
  }

  @Test
  void test_brokenFile_diagnosticsAndStatus1() {
    Cli.Result r = Cli.run("test", Cli.RES + "passing.pls", Cli.RES + "syntax.pls");
    assertEquals(1, r.status());
    assertTrue(r.out().contains(Cli.RES + "syntax.pls: does not compile\n"), r.out());
    assertTrue(r.out().endsWith("2 of 2 tests passed in 2 files; some files do not compile\n"));
  }

  @Test
  void test_junitXml_suitePerFileFailuresWithMessages() throws Exception {
    Path xml = tmp.resolve("report.xml");
    Cli.Result r =
        Cli.run(
            "test",
            "--junit-xml",
            xml.toString(),
            Cli.RES + "passing.pls",
            Cli.RES + "failing.pls",
            Cli.RES + "syntax.pls");
    assertEquals(1, r.status());
    String report = Files.readString(xml).replaceAll("time=\"[0-9.]+\"", "time=\"T\"");
    Golden.assertMatches("dev/pls/cli/test-report.xml", report);
  }

  @Test
  void test_junitXmlMarkupInNamesAndMessages_escapedAndReadsBack() throws Exception {
    Path xml = tmp.resolve("report.xml");
    Cli.Result r = Cli.run("test", "--junit-xml", xml.toString(), Cli.RES + "markup.pls");
    assertEquals(1, r.status());
    String report = Files.readString(xml).replaceAll("time=\"[0-9.]+\"", "time=\"T\"");
    Golden.assertMatches("dev/pls/cli/test-report-markup.xml", report);
    Element testcase =
        (Element)
            DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(xml.toFile())
                .getElementsByTagName("testcase")
                .item(0);
    assertEquals("a & b < c > d \"quoted\" 'single' é ✓", testcase.getAttribute("name"));
    assertTrue(
        testcase.getTextContent().contains("+20  Invited <2+> & \"more\"  [team/invites_2]"),
        testcase.getTextContent());
  }

  private static final String SEATS = "../examples/seat-expansion/model.pls";
  private static final String B2B = "../examples/b2b-trial/model.pls";

  @Test
  void test_model_runsOnlyThatModelsTests_andSkipsFilesWithoutIt() {
    Cli.Result users = Cli.run("test", "--model", "seat_pql", SEATS, B2B);
    assertEquals(0, users.status(), users.out());
    assertTrue(users.out().contains(SEATS + " (2 tests, "), users.out());
    assertTrue(
        users
            .out()
            .contains(B2B + ": skipped, no model 'seat_pql' (its models: b2b_analytics_trial_pql)"),
        users.out());
    assertTrue(users.out().endsWith("2 of 2 tests passed in 1 file\n"), users.out());

    Cli.Result all = Cli.run("test", SEATS);
    Cli.Result accounts = Cli.run("test", "--model", "seat_pqa", "--coverage", SEATS);
    assertEquals(0, accounts.status(), accounts.out());
    int total =
        Integer.parseInt(all.out().replaceAll("(?s).*\n(\\d+) of \\d+ tests passed.*", "$1"));
    assertTrue(
        accounts.out().contains((total - 2) + " of " + (total - 2) + " tests passed in 1 file"),
        accounts.out());
    // The member model scores the members, so its rules are counted, qualified by model.
    assertTrue(accounts.out().contains("rules never fired: seat_pql."), accounts.out());
  }

  @Test
  void test_modelNoFileHas_isAUsageError() {
    Cli.Result r = Cli.run("test", "--model", "nope", B2B);
    assertEquals(2, r.status(), r.out());
    assertTrue(r.err().contains("--model: no file given has a model 'nope'"), r.err());
  }
}
