package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pls diff} of the backtest fixture ({@code backtest/model.pls}, A: invited +10, invites_2
 * +15) with {@code diff/challenger.pls} (B: invited +10, logged_in +10, no invites_2); hot at 25,
 * warm at 10 in both.
 *
 * <pre>
 *   u1  invite 01T10, invite 02T10   A: 10 warm at 01T12, 25 hot from 02T12; B: 10 warm
 *   u2  login 01T09, invite 03T10    A: 0 none, 10 warm from 03T12; B: 10 warm, 20 warm from 03T12
 *   u3  login 02T09                  A: 0 none; B: 10 warm (prior with the outcomes)
 * </pre>
 *
 * As of 02T12: u1 hot -> warm (invites_2 15, not in B), u2 and u3 none -> warm (logged_in not in A,
 * 10). Over the four daily steps with the outcomes (u1 converted 03T00, u3 prior): peaks u1 hot ->
 * warm, u2 warm -> warm, u3 none -> none; AUC over u1, u2: A 1 (25 against 10), B 0 (10 against
 * 20).
 */
class DiffCommandTest {
  private static final String A = Cli.RES + "backtest/model.pls";
  private static final String B = Cli.RES + "diff/challenger.pls";
  private static final String EVENTS = Cli.RES + "backtest/events.jsonl";
  private static final String OUTCOMES = Cli.RES + "backtest/outcomes.jsonl";

  @TempDir Path tmp;

  private static Cli.Result diff(String... args) {
    List<String> all = new ArrayList<>(List.of("diff"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void asOf_printsTheMatrixAndEveryChangedEntityWithItsRules() {
    Cli.Result r = diff(A, B, "--events", EVENTS, "--as-of", "2026-01-02T12:00:00Z");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        A = invites_bt v2 (rows), B = invites_bt v3 (columns)
        A \\ B  hot  warm  none
        hot      0     1     0
        warm     0     0     0
        none     0     2     0
        3 users: 0 same, 2 up, 1 down
        changed:
          u1: hot -> warm (score 25 -> 10)
            invites_2: 15 -> (not in B)
          u2: none -> warm (score 0 -> 10)
            logged_in: (not in A) -> 10
          u3: none -> warm (score 0 -> 10)
            logged_in: (not in A) -> 10
        """,
        r.out());
    assertTrue(
        r.err()
            .startsWith(
                "comparing users' tiers: champion invites_bt v2, challenger invites_bt v3, as of"
                    + " 2026-01-02T12:00:00Z\n"),
        r.err());
  }

  @Test
  void grid_withOutcomes_writesDiffJsonWithBothSummariesAndTheComparison() throws Exception {
    Path out = tmp.resolve("d");
    Cli.Result r =
        diff(
            A,
            B,
            "--events",
            EVENTS,
            "--outcomes",
            OUTCOMES,
            "--from",
            "2026-01-01T12:00:00Z",
            "--to",
            "2026-01-04T12:00:00Z",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out()
            .contains(
                "AUC 1 (A) -> 0 (B) over 2 users: difference -1, no interval (fewer than two on"
                    + " a side)\n"),
        r.out());
    assertTrue(r.out().contains("lift hot 2 -> n/a, warm 0 -> 1 (+1), none n/a -> n/a\n"));
    JsonNode d =
        new ObjectMapper()
            .readTree(Files.readString(out.resolve("diff.json"), StandardCharsets.UTF_8));
    assertEquals("invites_bt", d.get("champion").get("model").asText());
    assertEquals(2, d.get("champion").get("version").asInt());
    assertEquals(3, d.get("challenger").get("version").asInt());
    assertEquals(1.0, d.get("champion").get("outcomes").get("auc").asDouble());
    assertEquals(0.0, d.get("challenger").get("outcomes").get("auc").asDouble());
    JsonNode t = d.get("transitions");
    assertEquals(1, t.get("counts").get("hot").get("warm").asInt());
    assertEquals(1, t.get("counts").get("warm").get("warm").asInt());
    assertEquals(1, t.get("counts").get("none").get("none").asInt());
    assertEquals(2, t.get("same").asInt());
    assertEquals(1, t.get("down").asInt());
    assertEquals(
        new ObjectMapper()
            .readTree(
                """
                [{"entity": "u1", "champion": "hot", "challenger": "warm", "direction": "down",
                  "champion_score": 25, "challenger_score": 10,
                  "rules": [{"rule": "invites_2", "in_champion": true, "in_challenger": false,
                             "champion": 15, "challenger": null}]}]
                """),
        d.get("changed"));
    JsonNode c = d.get("comparison");
    assertEquals(2, c.get("entities").asInt());
    assertEquals(1, c.get("converted").asInt());
    assertEquals(-1.0, c.get("auc_difference").asDouble());
    assertTrue(c.get("auc_difference_ci").isNull());
    assertTrue(c.get("lift_difference").get("hot").isNull());
    assertEquals(1.0, c.get("lift_difference").get("warm").asDouble());
    assertTrue(r.err().contains("diff written to " + out.resolve("diff.json")), r.err());
  }

  @Test
  void sameModelTwice_isAllDiagonalWithNoChangedEntity() {
    Cli.Result r = diff(A, A, "--events", EVENTS, "--as-of", "2026-01-03T12:00:00Z");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        A = invites_bt v2 (rows), B = invites_bt v2 (columns)
        A \\ B  hot  warm  none
        hot      1     0     0
        warm     0     1     0
        none     0     0     1
        3 users: 3 same, 0 up, 0 down
        """,
        r.out());
  }

  @Test
  void modelsOfDifferentEntityKinds_areAUsageError() throws Exception {
    Path accounts = tmp.resolve("accounts.pls");
    Files.writeString(
        accounts,
        """
        model acc version 1
          entity account
          resolution 1d
          timezone "UTC"

        event invite

        signal invites = count(invite)

        category team {
          invites >= 1 within 30d : +10 "Invited a teammate" [invited]
        }

        tier warm when score >= 10
        """);
    Cli.Result r =
        diff(A, accounts.toString(), "--events", EVENTS, "--as-of", "2026-01-02T12:00:00Z");
    assertEquals(2, r.status(), r.err());
    assertTrue(
        r.err().contains("scores accounts, but the champion 'invites_bt' scores users"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void outNamingAnInput_isRefusedBeforeAnythingIsRead() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Files.copy(Path.of(EVENTS), events);
    byte[] before = Files.readAllBytes(events);
    Cli.Result r =
        diff(
            A,
            B,
            "--events",
            events.toString(),
            "--as-of",
            "2026-01-02T12:00:00Z",
            "--out",
            events.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("--out") && r.err().contains("--events"), r.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(events)));

    Cli.Result rejects =
        diff(A, B, "--events", EVENTS, "--as-of", "2026-01-02T12:00:00Z", "--rejects", B);
    assertEquals(2, rejects.status(), rejects.err());
    assertTrue(rejects.err().contains("--rejects") && rejects.err().contains("B"), rejects.err());
  }

  @Test
  void scheduleMissingOrTwice_isAUsageError() {
    Cli.Result none = diff(A, B, "--events", EVENTS);
    assertEquals(2, none.status());
    assertTrue(none.err().contains("give one instant, --as-of T"), none.err());
    Cli.Result both =
        diff(
            A,
            B,
            "--events",
            EVENTS,
            "--as-of",
            "2026-01-02T12:00:00Z",
            "--from",
            "2026-01-01T12:00:00Z",
            "--to",
            "2026-01-02T12:00:00Z");
    assertEquals(2, both.status());
    assertTrue(both.err().contains("--as-of compares as of one instant"), both.err());
  }

  @Test
  void manyChanged_showsTheFirstTwentyUnlessAll() throws Exception {
    Path events = tmp.resolve("logins.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      sb.append(
          String.format(
              "{\"user\":\"u%02d\",\"event\":\"login\",\"time\":\"2026-01-01T09:00:00Z\"}%n", i));
    }
    Files.writeString(events, sb.toString());
    Cli.Result r = diff(A, B, "--events", events.toString(), "--as-of", "2026-01-02T12:00:00Z");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("changed (the first 20 of 25 by id; --all for all):\n"), r.out());
    assertTrue(r.out().contains("  u19: none -> warm"));
    assertFalse(r.out().contains("  u20:"));
    Cli.Result all =
        diff(A, B, "--events", events.toString(), "--as-of", "2026-01-02T12:00:00Z", "--all");
    assertTrue(all.out().contains("changed:\n"), all.out());
    assertTrue(all.out().contains("  u24: none -> warm"));
  }
}
