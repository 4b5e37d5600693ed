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
  void runTests_onAFileWithErrors_isAnIllegalState() {
    Compilation c = RulesLanguage.compile("bad.pls", "model m\ntier x when nope > 1\n");
    assertFalse(c.succeeded());
    assertThrows(IllegalStateException.class, c::runTests);
  }
}
