package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.cli.io.Golden;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

  private static Cli.Result explain(String entity) {
    return Cli.run(
        "explain",
        Cli.MODEL,
        "--entity",
        entity,
        "--events",
        Cli.RES + "events.jsonl",
        "--traits",
        Cli.RES + "traits.jsonl",
        "--as-of",
        Cli.AS_OF);
  }

  @Test
  void explain_salesReadyUser_firedRulesCapsAndClosestMisses() {
    Cli.Result r = explain("a1");
    assertEquals(0, r.status(), r.err());
    Golden.assertMatches("dev/pls/cli/explain-a1.txt", r.out());
  }

  @Test
  void explain_excludedUser_saysWhy() {
    Cli.Result r = explain("b1");
    assertEquals(0, r.status(), r.err());
    Golden.assertMatches("dev/pls/cli/explain-b1.txt", r.out());
  }

  @Test
  void explain_flooredUser_showsFloorAndWhatItLacked() {
    Cli.Result r = explain("c1");
    assertEquals(0, r.status(), r.err());
    Golden.assertMatches("dev/pls/cli/explain-c1.txt", r.out());
  }

  @Test
  void explain_unknownEntity_status1() {
    Cli.Result r = explain("zz");
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertEquals(
        "error: no user 'zz' in the event or trait files",
        r.err().lines().reduce((a, b) -> b).orElseThrow());
  }
}
