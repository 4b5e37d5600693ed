package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.io.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pls backtest} on a timeline small enough to score by hand ({@code backtest/model.pls}):
 * three users over four daily steps, 2026-01-01T12:00Z to 2026-01-04T12:00Z.
 *
 * <pre>
 *   u1  invite 01T10, invite 02T10      10 warm, 25 hot, 25 hot, 25 hot   converted 03T00
 *   u2  login 01T09, invite 03T10        0 none,  0 none, 10 warm, 10 warm
 *   u3  login 02T09 (enters at 02T12)            0 none,  0 none,  0 none  converted 01T00: prior
 *   u9  (no events)                                                          converted: unmatched
 * </pre>
 */
class BacktestCommandTest {
  private static final String DIR = Cli.RES + "backtest/";
  private static final String MODEL = DIR + "model.pls";
  private static final String FROM = "2026-01-01T12:00:00Z";
  private static final String TO = "2026-01-04T12:00:00Z";

  @TempDir Path tmp;

  private static Cli.Result backtest(String... more) {
    List<String> args = new ArrayList<>(List.of("backtest", MODEL));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Cli.Result grid(String events, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--events",
                DIR + events,
                "--from",
                FROM,
                "--to",
                TO,
                "--step",
                "1d",
                "--out",
                tmp.resolve("bt").toString()));
    args.addAll(List.of(more));
    return backtest(args.toArray(String[]::new));
  }

  private String read(String file) throws Exception {
    return Files.readString(tmp.resolve("bt").resolve(file), StandardCharsets.UTF_8);
  }

  // ---- usage errors: none of these needs the replay ----

  @Test
  void gridAndAt_usageError() {
    Cli.Result r = grid("events.jsonl", "--at", "invite+1d");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--at scores each entity once, at its own time"), r.err());
  }

  @Test
  void neitherGridNorAt_usageErrorSayingWhatToGive() {
    Cli.Result r =
        backtest("--events", DIR + "events.jsonl", "--out", tmp.resolve("bt").toString());
    assertEquals(2, r.status());
    assertTrue(
        r.err()
            .contains(
                "give the steps, --from T1 --to T2 [--step DURATION], or a cohort, --at"
                    + " EVENT+DURATION"),
        r.err());
  }

  @Test
  void fromWithoutTo_usageErrorNamingWhatIsMissing() {
    Cli.Result r =
        backtest(
            "--events",
            DIR + "events.jsonl",
            "--from",
            FROM,
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("(--to is missing)"), r.err());
  }

  @Test
  void badStep_badAt_toBeforeFrom_asOf_usageErrorsNamingTheOption() {
    Cli.Result step =
        backtest(
            "--events",
            DIR + "events.jsonl",
            "--from",
            FROM,
            "--to",
            TO,
            "--step",
            "1m",
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, step.status());
    assertTrue(
        step.err().contains("--step: expected a whole number of hours, days or weeks"), step.err());
    Cli.Result at =
        backtest(
            "--events",
            DIR + "events.jsonl",
            "--at",
            "invite",
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, at.status());
    assertTrue(at.err().contains("--at: expected EVENT+DURATION"), at.err());
    Cli.Result backwards =
        backtest(
            "--events",
            DIR + "events.jsonl",
            "--from",
            TO,
            "--to",
            FROM,
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, backwards.status());
    assertTrue(
        backwards.err().contains("--to: " + FROM + " is before --from " + TO), backwards.err());
    Cli.Result asOf = grid("events.jsonl", "--as-of", TO);
    assertEquals(2, asOf.status());
    assertTrue(asOf.err().contains("--as-of: pls backtest scores at steps"), asOf.err());
  }

  @Test
  void tooManySteps_usageError() {
    Cli.Result r =
        backtest(
            "--events",
            DIR + "events.jsonl",
            "--from",
            "2000-01-01T00:00:00Z",
            "--to",
            "2030-01-01T00:00:00Z",
            "--step",
            "1h",
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("more than 100000"), r.err());
  }

  @Test
  void outNamingAnInput_refusedAndTheInputUntouched() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Files.copy(Path.of(DIR + "events.jsonl"), events);
    byte[] before = Files.readAllBytes(events);
    Cli.Result r =
        backtest(
            "--events", events.toString(), "--from", FROM, "--to", TO, "--out", events.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--out and --events name the same file"), r.err());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(events));
  }

  @Test
  void outcomesFileInsideOut_namedAsAnOutput_refused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bt"));
    Path outcomes = dir.resolve("summary.json");
    Files.writeString(outcomes, "{}\n");
    Cli.Result r = grid("events.jsonl", "--outcomes", outcomes.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("name the same file"), r.err());
    assertEquals("{}\n", Files.readString(outcomes));
  }

  @Test
  void outAnExistingFile_usageError() throws Exception {
    Path file = Files.writeString(tmp.resolve("bt"), "not a directory\n");
    Cli.Result r = grid("events.jsonl");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--out: " + file + " is a file; give a directory"), r.err());
    assertEquals("not a directory\n", Files.readString(file));
  }

  @Test
  void outcomeOptionsWithoutOutcomes_usageError() {
    Cli.Result r = grid("events.jsonl", "--outcome", "converted");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--outcome: needs --outcomes FILE"), r.err());
  }

  @Test
  void severalOutcomeNames_withoutOutcome_usageErrorListingThem() throws Exception {
    Path outcomes = tmp.resolve("o.jsonl");
    Files.writeString(
        outcomes,
        "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"2026-01-03T00:00:00Z\"}\n"
            + "{\"entity\":\"u2\",\"outcome\":\"churned\",\"time\":\"2026-01-03T00:00:00Z\"}\n");
    Cli.Result r = grid("events.jsonl", "--outcomes", outcomes.toString());
    assertEquals(2, r.status());
    assertTrue(
        r.err()
            .contains(
                "--outcomes: the files hold several outcomes (churned, converted); pick one with"
                    + " --outcome NAME"),
        r.err());
    Cli.Result unknown =
        grid("events.jsonl", "--outcomes", outcomes.toString(), "--outcome", "won");
    assertEquals(2, unknown.status());
    assertTrue(
        unknown.err().contains("no outcome of that name; they have churned, converted"),
        unknown.err());
    assertFalse(Files.exists(tmp.resolve("bt")));
  }

  @Test
  void failedRun_rejectLimitExceeded_leavesThePreviousFilesAsTheyWere() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bt"));
    Files.writeString(dir.resolve("summary.json"), "previous summary\n");
    Files.writeString(dir.resolve("entities.jsonl"), "previous entities\n");
    Path outcomes = tmp.resolve("o.jsonl");
    Files.writeString(
        outcomes, "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"soon\"}\n");
    Path rejects = tmp.resolve("rejects.jsonl");
    Cli.Result r =
        grid(
            "events.jsonl",
            "--outcomes",
            outcomes.toString(),
            "--max-rejects",
            "0",
            "--rejects",
            rejects.toString());
    assertEquals(2, r.status(), r.err());
    assertEquals("previous summary\n", Files.readString(dir.resolve("summary.json")));
    assertEquals("previous entities\n", Files.readString(dir.resolve("entities.jsonl")));
    assertTrue(Files.readString(rejects).contains("\"reason\":\"bad_time\""));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary left behind");
    }
  }

  @Test
  void everyOutcomeRejected_status3_previousFilesKept() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bt"));
    Files.writeString(dir.resolve("summary.json"), "previous summary\n");
    Path outcomes = tmp.resolve("o.jsonl");
    Files.writeString(
        outcomes, "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"2026-01-03 10:00\"}\n");
    Cli.Result r = grid("events.jsonl", "--outcomes", outcomes.toString());
    assertEquals(3, r.status(), r.err());
    assertTrue(r.err().contains("error: none of the 1 record read was accepted"), r.err());
    assertEquals("previous summary\n", Files.readString(dir.resolve("summary.json")));
  }

  // ---- end to end: these need the core's Replay ----

  @Test
  void grid_handComputedTimeline_summaryAndEntitiesExactly() throws Exception {
    Cli.Result r = grid("events.jsonl", "--outcomes", DIR + "outcomes.jsonl");
    assertEquals(0, r.status(), r.err());
    Golden.assertMatches("dev/pls/cli/backtest/expected-summary.json", read("summary.json"));
    Golden.assertMatches("dev/pls/cli/backtest/expected-entities.jsonl", read("entities.jsonl"));
    String report = read("report.html");
    assertTrue(report.startsWith("<!DOCTYPE html>"), report);
    assertTrue(report.contains("invites_bt version 2, model.pls"), report);
    assertTrue(report.contains("data-figure=\"tier.hot.rate\""), report);
    assertEquals(
        "backtesting users with invites_bt v2 from 2026-01-01T12:00:00Z to 2026-01-04T12:00:00Z"
            + " in 4 steps\n"
            + "read 10, accepted 10, rejected 0, T s, R records/s\n"
            + "  "
            + DIR
            + "events.jsonl: read 5, accepted 5, rejected 0\n"
            + "  "
            + DIR
            + "outcomes.jsonl: read 5, accepted 5, rejected 0\n"
            + "replayed 4 steps over 3 users; tiers ever/peak: hot 1/1, warm 2/1, none 2/1\n"
            + "outcome converted: 1 of 2 converted (base rate 0.5); AUC 1; 1 prior, 1 unmatched,"
            + " 1 record without a time ignored\n"
            + "backtest written to "
            + tmp.resolve("bt")
            + ": summary.json, entities.jsonl, report.html\n",
        Cli.stable(r.err()));
  }

  // ---- thresholds from capacity ----
  // All four steps are in one ISO week (Monday 2025-12-29). Rises of the highest score: u1 10 at
  // the first step (the backlog at 10), 25 at 02T12; u2 10 at 03T12. At 25: u1 in the week, before
  // its outcome (precision 1/1, recall 1/1). At 10: u1 in the backlog, u2 in the week (busiest 1,
  // backlog 1); u1 and u2 qualified before any outcome, u1 converted (precision 1/2, recall 1/1).

  @Test
  void capacity_lowestThresholdThatFits_onStderrAndInSummaryJson() throws Exception {
    Cli.Result r =
        grid("events.jsonl", "--outcomes", DIR + "outcomes.jsonl", "--capacity", "1/week");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "\ncapacity 1 a week: threshold 10 (busiest week 1, mean 1, backlog 1); precision"
                    + " 0.5, recall 1\n"),
        r.err());
    JsonNode c = new ObjectMapper().readTree(read("summary.json")).get("capacity");
    assertEquals(1, c.get("per_week").asLong());
    assertEquals("--capacity 1/week", c.get("source").asText());
    assertEquals("2025-12-29", c.get("first_week").asText());
    assertEquals(1, c.get("weeks").asInt());
    assertEquals("10", c.get("threshold").get("threshold").asText());
    assertEquals(2, c.get("curve").size());
    JsonNode at25 = c.get("curve").get(1);
    assertEquals("25", at25.get("threshold").asText());
    assertEquals(0, at25.get("backlog").asLong());
    assertEquals(1, at25.get("qualified").asLong());
    assertEquals(1, at25.get("max_weekly").asLong());
    assertEquals("2025-12-29", at25.get("busiest_week").asText());
    assertEquals("1", at25.get("precision").asText());
    assertEquals("1", at25.get("recall").asText());
    assertTrue(at25.get("fits").asBoolean());
    JsonNode at10 = c.get("curve").get(0);
    assertEquals(1, at10.get("backlog").asLong());
    assertEquals("0.5", at10.get("precision").asText());
    assertTrue(
        read("report.html").contains("data-figure=\"capacity.threshold\" data-value=\"10\""));
  }

  @Test
  void capacityNeverMet_saysNoThresholdFits_andWritesNull() throws Exception {
    Cli.Result r = grid("events.jsonl", "--capacity", "0/week");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "capacity 0 a week: no threshold fits; even at the highest score reached, 25, the"
                    + " busiest week newly qualifies 1\n"),
        r.err());
    JsonNode c = new ObjectMapper().readTree(read("summary.json")).get("capacity");
    assertTrue(c.get("threshold").isNull());
    assertTrue(c.get("curve").get(0).get("precision").isNull(), "no outcomes, no precision");
  }

  @Test
  void capacityPerDay_isSevenTimesAWeek() throws Exception {
    Cli.Result r = grid("events.jsonl", "--capacity", "2/day");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        14, new ObjectMapper().readTree(read("summary.json")).at("/capacity/per_week").asLong());
  }

  @Test
  void capacityFromTheModelsQueues_whenEveryQueueHasOne() throws Exception {
    Path model = tmp.resolve("queued.pls");
    Files.writeString(
        model,
        Files.readString(Path.of(MODEL))
            + "\nqueue ae \"Named AE\" sla 24h capacity 2\n"
            + "queue inside \"Inside sales\" sla 48h capacity 1\n"
            + "route hot to ae\nroute warm to inside\n");
    Cli.Result r =
        Cli.run(
            "backtest",
            model.toString(),
            "--events",
            DIR + "events.jsonl",
            "--from",
            FROM,
            "--to",
            TO,
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(0, r.status(), r.err());
    JsonNode c = new ObjectMapper().readTree(read("summary.json")).get("capacity");
    assertEquals(21, c.get("per_week").asLong());
    assertEquals("the model's queues, 7 days of ae 2 + inside 1 a day", c.get("source").asText());
  }

  @Test
  void noCapacity_noCapacityInSummaryJson() throws Exception {
    Cli.Result r = grid("events.jsonl");
    assertEquals(0, r.status(), r.err());
    assertFalse(new ObjectMapper().readTree(read("summary.json")).has("capacity"));
    assertFalse(r.err().contains("capacity"), r.err());
  }

  @Test
  void badCapacity_usageErrorNamingTheOption() {
    for (String bad : List.of("40", "40/month", "-1/week", "x/week", "99999999999999999999/day")) {
      Cli.Result r = grid("events.jsonl", "--capacity", bad);
      assertEquals(2, r.status(), bad + ": " + r.err());
      assertTrue(r.err().contains("--capacity: "), r.err());
    }
  }

  @Test
  void unsortedEvents_sortedInMemory_sameFilesAsSorted() throws Exception {
    Cli.Result sorted = grid("events.jsonl", "--outcomes", DIR + "outcomes.jsonl");
    assertEquals(0, sorted.status(), sorted.err());
    String summary = read("summary.json");
    String entities = read("entities.jsonl");
    Cli.Result unsorted = grid("events-shuffled.jsonl", "--outcomes", DIR + "outcomes.jsonl");
    assertEquals(0, unsorted.status(), unsorted.err());
    assertTrue(
        unsorted
            .err()
            .contains(
                "the events were not in time order: read all 5 events into memory and sorted"),
        unsorted.err());
    assertFalse(sorted.err().contains("not in time order"), sorted.err());
    assertEquals(summary, read("summary.json"));
    assertEquals(entities, read("entities.jsonl"));
  }

  @Test
  void cohort_eachEntityOnceAfterItsFirstEvent_withoutItSkipped() throws Exception {
    Cli.Result r =
        backtest(
            "--events",
            DIR + "events.jsonl",
            "--at",
            "invite+1d",
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "backtesting users with invites_bt v2, each as of 1d after its first invite\n"),
        r.err());
    assertTrue(
        r.err()
            .contains(
                "scored 2 users (1 without invite skipped); tiers ever/peak: hot 1/1,"
                    + " warm 1/1, none 0/0\n"),
        r.err());
    String summary = read("summary.json");
    assertTrue(
        summary.contains("  \"at\": \"invite+1d\",\n  \"steps\": 2,\n  \"skipped\": 1,\n"),
        summary);
    assertFalse(summary.contains("\"outcomes\""), summary);
    assertFalse(summary.contains("\"from\""), summary);
    // u1 is scored at 02T10 (its second invite, at that very instant, counts): 25, hot;
    // u2 at 04T10: 10, warm.
    String entities = read("entities.jsonl");
    assertTrue(
        entities.startsWith(
            "{\"entity\":\"u1\",\"entered\":\"2026-01-02T10:00:00Z\",\"steps\":1,\"peak_tier\":\"hot\","),
        entities);
    assertTrue(
        entities.contains(
            "{\"entity\":\"u2\",\"entered\":\"2026-01-04T10:00:00Z\",\"steps\":1,\"peak_tier\":\"warm\","),
        entities);
    assertFalse(entities.contains("\"u3\""), entities);
  }

  @Test
  void severalOutcomeNames_outcomePicksOne() throws Exception {
    Path outcomes = tmp.resolve("o.csv");
    Files.writeString(
        outcomes,
        "org,what,when\n"
            + "u1,converted,2026-01-03T00:00:00Z\n"
            + "u2,churned,2026-01-03T00:00:00Z\n"
            + "u2,converted,\n");
    Cli.Result r =
        grid(
            "events.jsonl",
            "--outcomes",
            outcomes.toString(),
            "--outcomes-map",
            "entity=org,outcome=what,time=when",
            "--outcome",
            "converted");
    assertEquals(0, r.status(), r.err());
    String summary = read("summary.json");
    assertTrue(summary.contains("\"name\": \"converted\""), summary);
    assertTrue(summary.contains("\"converted\": 1,"), summary);
  }

  @Test
  void failedRun_anInputUnreadable_status1_previousFilesKept() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bt"));
    Files.writeString(dir.resolve("summary.json"), "previous summary\n");
    Files.writeString(dir.resolve("entities.jsonl"), "previous entities\n");
    Cli.Result r = grid("events.jsonl", "--traits", tmp.resolve("missing.jsonl").toString());
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err().contains("backtest not written: an input file could not be read, so " + dir),
        r.err());
    assertEquals("previous summary\n", Files.readString(dir.resolve("summary.json")));
    assertEquals("previous entities\n", Files.readString(dir.resolve("entities.jsonl")));
  }

  @Test
  void badEventLines_rejectedWithLineAndReason_theRestReplayed() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        Files.readString(Path.of(DIR + "events.jsonl"))
            + "{\"user\":\"u4\",\"event\":\"invite\",\"time\":\"2026-01-03 10:00:00\"}\n"
            + "{\"user\":\"u4\"\n");
    Path rejects = tmp.resolve("rejects.jsonl");
    Cli.Result r =
        backtest(
            "--events",
            events.toString(),
            "--from",
            FROM,
            "--to",
            TO,
            "--rejects",
            rejects.toString(),
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err().contains("read 7, accepted 5, rejected 2 (bad_time 1, malformed 1)"), r.err());
    String[] lines = Files.readString(rejects).split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[0].contains("\"line\":6,\"reason\":\"bad_time\""), lines[0]);
    assertTrue(lines[1].contains("\"line\":7,\"reason\":\"malformed\""), lines[1]);
    assertTrue(read("summary.json").contains("\"entities\": 3,"));
  }

  @Test
  void everyEventRejected_status3_evenWithOutcomesRead() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events, "{\"user\":\"u1\",\"event\":\"invite\",\"time\":\"2026-01-02 10:00\"}\n");
    Cli.Result r =
        backtest(
            "--events",
            events.toString(),
            "--outcomes",
            DIR + "outcomes.jsonl",
            "--from",
            FROM,
            "--to",
            TO,
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(3, r.status(), r.err());
    assertTrue(r.err().contains("error: none of the 1 record read was accepted"), r.err());
    assertFalse(Files.exists(tmp.resolve("bt").resolve("summary.json")));
  }

  @Test
  void traitsAlone_makeAUserAnEntityFromTheFirstStep() throws Exception {
    Path traits = tmp.resolve("traits.jsonl");
    Files.writeString(traits, "{\"user\":\"u5\",\"email\":\"eve@example.com\"}\n");
    Cli.Result r = grid("events.jsonl", "--traits", traits.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("replayed 4 steps over 4 users;"), r.err());
    assertTrue(
        read("entities.jsonl")
            .contains(
                "{\"entity\":\"u5\",\"entered\":\"2026-01-01T12:00:00Z\",\"steps\":4,"
                    + "\"peak_tier\":\"none\""),
        read("entities.jsonl"));
  }

  @Test
  void accountModel_membersTraitsAndEvents_scoredAsAccounts() throws Exception {
    Path seats = Path.of("..", "examples", "seat-expansion");
    Cli.Result acct =
        Cli.run(
            "backtest",
            seats.resolve("model.pls").toString(),
            "--events",
            Cli.RES + "team-events.jsonl",
            "--traits",
            Cli.RES + "team-traits.jsonl",
            "--from",
            "2026-11-18T12:00:00Z",
            "--to",
            "2026-11-20T12:00:00Z",
            "--out",
            tmp.resolve("acct").toString());
    assertEquals(0, acct.status(), acct.err());
    assertTrue(acct.err().contains("replayed 3 steps over 1 account;"), acct.err());
    String entities = Files.readString(tmp.resolve("acct").resolve("entities.jsonl"));
    // As pls score --as-of 2026-11-20T12:00:00Z scores acme.io: 70, tier3_smb (docs/cli.md).
    assertTrue(entities.startsWith("{\"entity\":\"acme.io\","), entities);
    assertTrue(entities.contains("\"highest_score\":70,"), entities);
    assertTrue(entities.contains("\"peak_tier\":\"tier3_smb\""), entities);
  }

  // ---- --challenger ----

  @Test
  void challenger_summaryGainsItsSummaryAndTheComparison() throws Exception {
    Cli.Result r =
        grid(
            "events.jsonl",
            "--outcomes",
            DIR + "outcomes.jsonl",
            "--challenger",
            Cli.RES + "diff/challenger.pls");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "challenger invites_bt v3: tiers ever/peak: hot 0/0, warm 3/2, none 0/1; 1 changed"
                    + " peak tier; AUC 0 against 1, difference -1\n"),
        r.err());
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode s = json.readTree(read("summary.json"));
    // The champion's summary is as without --challenger, the two members follow it.
    com.fasterxml.jackson.databind.JsonNode alone =
        json.readTree(
            Files.readString(Path.of(DIR, "expected-summary.json"), StandardCharsets.UTF_8));
    for (String member : List.of("model", "version", "tiers", "outcomes")) {
      assertEquals(alone.get(member), s.get(member), member);
    }
    assertEquals(3, s.get("challenger").get("version").asInt());
    assertEquals(0.0, s.get("challenger").get("outcomes").get("auc").asDouble());
    assertEquals(
        json.readTree(
            """
            {"entities": 2, "converted": 1, "auc_champion": 1, "auc_challenger": 0,
             "auc_difference": -1, "auc_difference_ci": null,
             "lift_difference": {"hot": null, "warm": 1, "none": null}}
            """),
        s.get("comparison"));
  }

  @Test
  void challenger_withoutOutcomes_hasNoComparison() throws Exception {
    Cli.Result r = grid("events.jsonl", "--challenger", Cli.RES + "diff/challenger.pls");
    assertEquals(0, r.status(), r.err());
    String summary = read("summary.json");
    assertTrue(summary.contains("\"challenger\": {"), summary);
    assertFalse(summary.contains("\"comparison\""), summary);
  }

  @Test
  void challenger_ofAnotherEntityKindOrNamingAnOutput_usageError() throws Exception {
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
    Cli.Result kind = grid("events.jsonl", "--challenger", accounts.toString());
    assertEquals(2, kind.status(), kind.err());
    assertTrue(kind.err().contains("--challenger: model 'acc' scores accounts"), kind.err());
    Cli.Result same = grid("events.jsonl", "--challenger", DIR + "events.jsonl");
    assertEquals(2, same.status(), same.err());
    assertTrue(same.err().contains("--events and --challenger name the same file"), same.err());
  }
}
