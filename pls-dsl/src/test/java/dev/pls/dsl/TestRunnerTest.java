package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-file tests: results, readable failures (golden), rule coverage. */
class TestRunnerTest {
  private static final Path DIR = Path.of("src/test/resources/dev/pls/dsl/tests");

  @Test
  void failingExpectations_report_showExpectedActualAndTheCard() throws IOException {
    Compilation c = RulesLanguage.compile(DIR.resolve("failing.pls"));
    assertTrue(c.succeeded(), c.render());
    TestReport report = c.runTests();
    assertFalse(report.passed());
    assertFalse(report.results().get(0).passed());
    assertTrue(report.results().get(1).passed(), report.render());
    Path expected = DIR.resolve("failing.expected");
    if (Boolean.getBoolean("pls.golden.update")) {
      Files.writeString(expected, report.render(), StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), report.render());
  }

  @Test
  void tests_beforeRunning_listNamesAndLinesInReportOrder() {
    Compilation c = RulesLanguage.compile(DIR.resolve("failing.pls"));
    List<TestBlock> blocks = c.tests();
    assertEquals(c.testCount(), blocks.size());
    List<TestResult> results = c.runTests().results();
    for (int i = 0; i < blocks.size(); i++) {
      assertEquals(results.get(i).name(), blocks.get(i).name());
      assertEquals(results.get(i).line(), blocks.get(i).line());
    }
  }

  @Test
  void tests_ofAFileWithErrors_areEmpty() {
    String source =
        "model m\ncategory c {\n  nope >= 1 : +1\n}\n"
            + "test \"t\" {\n  as_of 2026-11-20T12:00:00Z\n  user u1 { }\n  expect u1 score 1\n}\n";
    Compilation c = RulesLanguage.compile("bad.pls", source);
    assertFalse(c.succeeded());
    assertEquals(List.of(), c.tests());
  }

  @Test
  void coverage_acrossTests_listsRulesNeverFiredAndAlwaysFired() {
    TestReport report = RulesLanguage.compile(DIR.resolve("failing.pls")).runTests();
    assertEquals(List.of("enterprise"), report.coverage().neverFired());
    assertEquals(List.of(), report.coverage().alwaysFired());
  }

  @Test
  void accountModel_hourlyWindows_testsRunAgainstAccounts() {
    Compilation c =
        RulesLanguage.compile(
            "acct.pls",
            "model acct\n  entity account\n  resolution 1h\n"
                + "category usage {\n  count(any) >= 2 within 36h : +10 \"Busy\" [busy]\n}\n"
                + "test \"busy account\" {\n  as_of 2026-11-20T12:30:00Z\n  account a1 { }\n"
                + "  events a1 { login at -35h; login at -30m; login at -36h }\n"
                + "  expect a1 score 10\n  expect a1 value count(any) within 36h == 2\n}\n");
    assertTrue(c.succeeded(), c.render());
    TestReport report = c.runTests();
    assertTrue(report.passed(), report.render());
  }

  @Test
  void accountModel_inFileTests_runAccountsWithTheirMembersThroughTheReferenceScorer()
      throws IOException {
    Compilation c = RulesLanguage.compile(DIR.resolve("accounts.pls"));
    assertEquals("", c.render());
    assertEquals(List.of("team_pql", "team_pqa"), c.models().stream().map(m -> m.id()).toList());
    assertEquals(4, c.testCount());
    TestReport report = c.runTests();
    assertTrue(report.passed(), report.render());
    assertEquals(4, report.results().size());
    // Every rule of both models fired for some card, members' cards included, and none always.
    assertEquals(new RuleCoverage(List.of(), List.of()), report.coverage());
  }

  @Test
  void accountModel_failingExpectations_reportAccountAndMemberCards() throws IOException {
    Compilation c = RulesLanguage.compile(DIR.resolve("accounts-failing.pls"));
    assertTrue(c.succeeded(), c.render());
    TestReport report = c.runTests();
    assertFalse(report.passed());
    Path expected = DIR.resolve("accounts-failing.expected");
    if (Boolean.getBoolean("pls.golden.update")) {
      Files.writeString(expected, report.render(), StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), report.render());
  }

  @Test
  void membersStatements_thatCannotRun_arePls0601() {
    String users = "model u\ntrait title: string\ntier warm when score >= 1\n\n";
    String accounts = users + "model a\n  members u\nsegment big when count(any) > 1\n";
    assertEquals(
        List.of(
            "t.pls:8:3: error PLS0601: model 'u' does not roll up members; name its user model with"
                + " 'members <model>' in the header"),
        headlines(
            users
                + "test \"t\" {\n  as_of 2026-11-20T12:00:00Z\n  user u1 { }\n"
                + "  members u1 { u1 }\n}\n"));
    assertEquals(
        List.of(
            "t.pls:13:20: error PLS0601: no user 'u3' in this test; declare it with 'user u3"
                + " {...}'; did you mean 'u1'?",
            "t.pls:14:16: error PLS0601: user 'u1' is already a member of 'a1'; a user belongs to"
                + " one account",
            "t.pls:15:13: error PLS0201: unknown trait 'titel' of the member model 'u'; did you"
                + " mean 'title'?",
            "t.pls:16:18: error PLS0601: no tier 'cold' in the member model 'u'",
            "t.pls:17:21: error PLS0601: no segment 'bigg' in this model; did you mean 'big'?",
            "t.pls:18:25: error PLS0601: no trigger 'sso' in this model"),
        headlines(
            accounts
                + "test \"t\" {\n  as_of 2026-11-20T12:00:00Z\n  account a1 { }\n"
                + "  account a2 { }\n  user u1 { }\n"
                + "  members a1 { u1, u3 }\n"
                + "  members a2 { u1 }\n"
                + "  user u2 { titel: \"CEO\" }\n"
                + "  expect u1 tier cold\n"
                + "  expect a1 segment bigg\n"
                + "  expect a1 not trigger sso\n}\n"));
  }

  @Test
  void suppressedExpectations_thatCannotRun_arePls0601() {
    assertEquals(
        List.of(
            "t.pls:10:24: error PLS0601: no suppression with reason \"existing custmer\" in this"
                + " model; did you mean 'existing customer'?",
            "t.pls:17:13: error PLS0601: this model has no hand-off, so no suppressions"),
        headlines(
            "model m\ntrait customer: bool\nqueue q \"Q\" sla 1h\n"
                + "suppress when customer : \"existing customer\"\n\n"
                + "test \"t\" {\n  as_of 2026-11-20T12:00:00Z\n  user u1 { customer: true }\n"
                + "  expect u1 suppressed\n"
                + "  expect u1 suppressed \"existing custmer\"\n}\n\n"
                + "model n\n"
                + "test \"n\" {\n  as_of 2026-11-20T12:00:00Z\n  user u1 { }\n"
                + "  expect u1 not suppressed\n}\n"));
  }

  private static List<String> headlines(String text) {
    return RulesLanguage.compile("t.pls", text).diagnostics().stream()
        .map(Diagnostic::headline)
        .toList();
  }

  @Test
  void runTests_onAFileWithErrors_isAnIllegalState() {
    Compilation c = RulesLanguage.compile("bad.pls", "model m\ntier x when nope > 1\n");
    assertFalse(c.succeeded());
    assertThrows(IllegalStateException.class, c::runTests);
  }

  @Test
  void runTests_oneModel_runsTheTestsAfterItsHeaderOnly() {
    Compilation c = RulesLanguage.compile(Path.of("..", "examples", "seat-expansion", "model.pls"));
    assertTrue(c.succeeded(), c.render());
    TestReport all = c.runTests();
    TestReport users = c.runTests("seat_pql");
    TestReport accounts = c.runTests("seat_pqa");
    assertEquals(2, users.results().size());
    assertEquals(all.results().size(), users.results().size() + accounts.results().size());
    assertEquals(
        all.results().subList(0, 2).stream().map(TestResult::name).toList(),
        users.results().stream().map(TestResult::name).toList());
    assertTrue(users.passed() && accounts.passed());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.runTests("nope"));
    assertEquals(
        "model: the file has no model 'nope'; its models are [seat_pql, seat_pqa]", e.getMessage());
  }
}
