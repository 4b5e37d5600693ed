package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --relation}: events made from user trait records, for score and backtest. */
class RelationCommandsTest {
  private static final String DIR = Path.of("src", "test", "resources", "dev", "pls", "cli") + "/";
  private static final String MODEL = DIR + "invites.pls";
  private static final String USERS = DIR + "invites-users.csv";
  private static final String RELATION = "invite_sent=invited_by_user_id@creation_time";

  @TempDir Path tmp;

  @Test
  void score_givesTheInviterItsInvites_andCountsRecordsWithoutATime() {
    Cli.Result r =
        Cli.run(
            "score",
            MODEL,
            "--traits",
            USERS,
            "--traits-key",
            "user=object_id",
            "--zone",
            "UTC",
            "--relation",
            RELATION,
            "--as-of",
            "2026-11-20T12:00:00Z",
            "--format",
            "csv");
    assertEquals(0, r.status(), r.err());
    String[] rows = r.out().split("\n");
    // User 1 invited 2, 3, 4 and 5; 4 has no creation time, so three invites: hot.
    assertTrue(rows[1].startsWith("1,,20,hot,"), r.out());
    assertTrue(rows[2].startsWith("2,,0,none,"), r.out());
    // 7's time is not a timestamp: no event, no reject either.
    assertTrue(
        r.err().contains("relation invite_sent: 4 events from --traits; 2 records without a time"),
        r.err());
    assertTrue(r.err().contains("rejected 0"), r.err());
    assertTrue(!r.err().contains("no --events"), r.err());
  }

  @Test
  void score_withoutTheRelation_givesNoInvites() {
    Cli.Result r =
        Cli.run(
            "score",
            MODEL,
            "--traits",
            USERS,
            "--traits-key",
            "user=object_id",
            "--zone",
            "UTC",
            "--as-of",
            "2026-11-20T12:00:00Z",
            "--format",
            "csv");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("\n1,,0,none,"), r.out());
  }

  @Test
  void malformedSpecs_areUsageErrorsNamingTheOption() {
    for (String bad :
        new String[] {
          "invite_sent=invited_by_user_id", "invite_sent", "=a@b", "invite sent =a@b"
        }) {
      Cli.Result r =
          Cli.run(
              "score",
              MODEL,
              "--traits",
              USERS,
              "--traits-key",
              "user=object_id",
              "--relation",
              bad,
              "--as-of",
              "2026-11-20T12:00:00Z");
      assertEquals(2, r.status(), bad + ": " + r.err());
      assertTrue(r.err().startsWith("--relation: "), r.err());
    }
    Cli.Result noTraits =
        Cli.run(
            "score",
            MODEL,
            "--events",
            USERS,
            "--relation",
            RELATION,
            "--as-of",
            "2026-11-20T12:00:00Z");
    assertEquals(2, noTraits.status(), noTraits.err());
    assertTrue(noTraits.err().startsWith("--relation: "), noTraits.err());
  }

  @Test
  void backtest_countsTheInvitesAsScoringDoes() throws Exception {
    Path logins =
        Files.writeString(
            tmp.resolve("logins.csv"), "user_id,time_stamp\n2,2026-11-18\n1,2026-11-02\n");
    Path out = tmp.resolve("bt");
    Cli.Result r =
        Cli.run(
            "backtest",
            MODEL,
            "--events",
            logins.toString(),
            "--map",
            "user=user_id,time=time_stamp,event=:login",
            "--traits",
            USERS,
            "--traits-key",
            "user=object_id",
            "--zone",
            "UTC",
            "--relation",
            RELATION,
            "--from",
            "2026-11-01T12:00:00Z",
            "--to",
            "2026-11-20T12:00:00Z",
            "--step",
            "1d",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("relation invite_sent: 4 events from --traits"), r.err());
    // User 1 reaches three invites with 5's, on 2026-11-12: the one hot user, as scoring says.
    String all = String.join("", Files.readAllLines(out.resolve(firstJson(out))));
    assertTrue(all.replaceAll("\\s", "").contains("\"hot\":{\"ever\":1,\"peak\":1}"), all);
  }

  private static String firstJson(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }
}
