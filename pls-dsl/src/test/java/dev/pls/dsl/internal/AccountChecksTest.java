package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An account model's members setting, member names and rollup, through the whole checker. */
class AccountChecksTest {
  private static final String USERS =
      "model users\ntrait title: string\ntier hot when count(any) >= 3\n";

  private static List<String> codes(String source) {
    Reporter reporter = new Reporter("t.pls");
    Ast.File file = Parsing.parse(source, reporter).file().orElseThrow();
    Checker.check(file, reporter);
    return reporter.diagnostics().stream().map(d -> d.code()).toList();
  }

  @Test
  void members_earlierUserModel_resolves() {
    assertEquals(
        List.of(),
        codes(
            USERS
                + "model accounts entity account members users\n"
                + "tier big when members_at_tier(hot) >= 2 and members(where title == \"CEO\") > 0\n"));
  }

  @Test
  void members_unknownModel_isReportedOnceNotAtEveryUse() {
    assertEquals(
        List.of("PLS0206"),
        codes(
            USERS
                + "model accounts entity account members userz\n"
                + "rollup max\n"
                + "tier big when members_at_tier(hot) >= 2\n"));
  }

  @Test
  void memberFunction_withoutMembers_saysTheModelHasNone() {
    assertEquals(List.of("PLS0305"), codes("model m\ntier t when active_members(any) >= 2\n"));
  }

  @Test
  void memberTier_unknown_isReportedWithASuggestion() {
    Reporter reporter = new Reporter("t.pls");
    Ast.File file =
        Parsing.parse(
                USERS
                    + "model a entity account members users\ntier t when members_at_tier(hott) > 1\n",
                reporter)
            .file()
            .orElseThrow();
    Checker.check(file, reporter);
    assertEquals(1, reporter.diagnostics().size());
    assertTrue(reporter.diagnostics().get(0).message().endsWith("did you mean 'hot'?"));
  }
}
