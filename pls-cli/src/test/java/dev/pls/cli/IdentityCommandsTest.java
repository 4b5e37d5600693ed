package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * A Segment export in which a trial user, ann, viewed pricing and invited a teammate while
 * anonymous (anon-1), signed in (identify anon-1 -> ann), viewed pricing again on another device
 * (anon-2, aliased to ann) and invited a second teammate; bob invited one teammate anonymously
 * (anon-9) and identified after (the export is out of time order there). Cards by hand, as of Nov
 * 20 noon:
 *
 * ann: invites Nov 16 (anon-1), Nov 19 (ann) -> 2 within 7d: +20; pricing Nov 14, 15 (anon-1),
 * Nov 18 (anon-2) -> 3 within 14d: +10; score 30, tier hot. Split by id, no rule would fire.
 * Traits: plan "team" (ann's identify of Nov 19 11:00 is later than anon-2's of Nov 18 07:00,
 * which the file gives last). bob: 1 invite -> 0.
 */
class IdentityCommandsTest {
  private static final String DIR = Cli.RES + "identity/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String[] args(String command, String... more) {
    List<String> all =
        new ArrayList<>(List.of(command, DIR + "model.pls", "--events", DIR + "segment.jsonl"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void score_oneCardPerPerson_withEveryIdsEvents() throws Exception {
    Cli.Result r = Cli.run(args("score", "--as-of", Cli.AS_OF));
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(2, cards.size(), r.out());
    JsonNode ann = cards.get(0);
    assertEquals("ann", ann.get("entity").asText());
    assertEquals("30", ann.get("score").asText());
    assertEquals("hot", ann.get("tier").asText());
    assertEquals("bob", cards.get(1).get("entity").asText());
    assertEquals("0", cards.get(1).get("score").asText());
    assertTrue(
        r.err()
            .contains(
                "identities: 5 ids merged into 2 people; 0 links of 5 refused by the limits\n"),
        r.err());
  }

  @Test
  void score_overMergeGuard_refusesTheLinkAndSaysSo() throws Exception {
    // One anonymous id per person: anon-2's alias to ann (who has anon-1) is refused.
    Cli.Result r = Cli.run(args("score", "--as-of", Cli.AS_OF, "--max-anonymous-ids", "1"));
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(
        List.of("ann 20", "anon-2 0", "bob 0"),
        cards.stream().map(c -> c.get("entity").asText() + " " + c.get("score").asText()).toList());
    assertTrue(
        r.err()
            .contains(
                "identities: 4 ids merged into 2 people; 1 link of 5 refused by the limits\n"),
        r.err());
  }

  @Test
  void score_badLimit_isAUsageErrorNamingTheOption() {
    Cli.Result r = Cli.run(args("score", "--as-of", Cli.AS_OF, "--max-known-ids", "0"));
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--max-known-ids: must be at least 1, was 0"), r.err());
  }

  @Test
  void explain_anyIdOfThePerson_explainsThePersonsCardAndNamesItsIds() {
    Cli.Result r = Cli.run(args("explain", "--entity", "anon-2", "--as-of", Cli.AS_OF));
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "user ann: tier hot, score 30\n"
                    + "ids: ann, anon-1, anon-2 (3 ids, one person; events of every one count)\n"),
        r.out());
    assertTrue(r.out().contains("invites within 7d = 2"), r.out());
    assertTrue(r.out().contains("pricing within 14d = 3"), r.out());
    assertTrue(r.err().contains("identities: 5 ids merged into 2 people"), r.err());
  }

  @Test
  void score_traitsOfAPerson_latestByTimeWins(@TempDir Path tmp) throws Exception {
    Path model =
        Files.writeString(
            tmp.resolve("plan.pls"),
            Files.readString(Path.of(DIR + "model.pls"))
                .replace("tier hot when score >= 30", "tier hot when plan == \"team\""));
    Cli.Result r =
        Cli.run("score", model.toString(), "--events", DIR + "segment.jsonl", "--as-of", Cli.AS_OF);
    assertEquals(0, r.status(), r.err());
    assertEquals("hot", lines(r.out()).get(0).get("tier").asText(), r.out());
  }

  @Test
  void route_alertsThePersonOnceBothRulesFire() throws Exception {
    Cli.Result r =
        Cli.run(args("route", "--from", "2026-11-18T12:00:00Z", "--to", Cli.AS_OF, "--step", "1d"));
    assertEquals(0, r.status(), r.err());
    List<JsonNode> alerts = lines(r.out());
    assertEquals(1, alerts.size(), r.out());
    assertEquals("2026-11-19T12:00:00Z", alerts.get(0).get("at").asText());
    assertEquals("ann", alerts.get(0).get("entity").asText());
    assertTrue(r.err().contains("identities: 5 ids merged into 2 people"), r.err());
  }

  @Test
  void backtest_pointInTime_thePersonIsOneFromTheLinkOn(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("backtest");
    Cli.Result r =
        Cli.run(
            args(
                "backtest",
                "--from",
                "2026-11-16T12:00:00Z",
                "--to",
                Cli.AS_OF,
                "--step",
                "1d",
                "--out",
                out.toString()));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("identities: 5 ids merged into 2 people"), r.err());
    List<JsonNode> entities = lines(Files.readString(out.resolve("entities.jsonl")));
    StringBuilder seen = new StringBuilder();
    for (JsonNode e : entities) {
      seen.append(e.get("entity").asText())
          .append(" entered ")
          .append(e.get("entered").asText())
          .append(" steps ")
          .append(e.get("steps").asText())
          .append(" hot ")
          .append(e.get("first_in_tier").path("hot").asText("-"))
          .append('\n');
    }
    // Point in time: anon-1 was scored apart at the step before identify (Nov 17 09:00) and is
    // ann from then on; anon-2 (an entity by its identify traits, fed first) until its alias on
    // Nov 18; ann is hot at the step after her second invite. Every entity enters at the first
    // step: the event files' traits are fed before the events (this export is out of order).
    assertEquals(
        "ann entered 2026-11-16T12:00:00Z steps 5 hot 2026-11-19T12:00:00Z\n"
            + "anon-1 entered 2026-11-16T12:00:00Z steps 1 hot -\n"
            + "anon-2 entered 2026-11-16T12:00:00Z steps 2 hot -\n"
            + "bob entered 2026-11-16T12:00:00Z steps 5 hot -\n",
        seen.toString());
  }

  /** ann's events of the Segment export, as rows without the calls' envelope. */
  private static final String[][] ROWS = {
    {"", "anon-1", "page_viewed", "2026-11-14T09:00:00Z"},
    {"", "anon-1", "page_viewed", "2026-11-15T09:00:00Z"},
    {"", "anon-1", "invite_sent", "2026-11-16T09:00:00Z"},
    {"", "anon-2", "page_viewed", "2026-11-18T08:00:00Z"},
    {"ann", "anon-1", "invite_sent", "2026-11-19T10:00:00Z"},
  };

  private static final String ANN =
      "ann,,30,hot,,Invited 2+ teammates (+20); Viewed pricing 3+ times (+10),trial,1," + Cli.AS_OF;

  private static String csvCards(Path model, String... more) {
    List<String> all = new ArrayList<>(List.of("score", model.toString()));
    all.addAll(List.of(more));
    all.addAll(List.of("--as-of", Cli.AS_OF, "--format", "csv"));
    Cli.Result r = Cli.run(all.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    return r.out();
  }

  @Test
  void csv_anonymousIdColumn_rowsWithoutAUserAreTheAnonymousIds_andBothLink(@TempDir Path tmp)
      throws Exception {
    StringBuilder csv = new StringBuilder("uid,anon,event,time,name\n");
    for (String[] row : ROWS) {
      csv.append(String.join(",", row)).append(',').append("Pricing\n");
    }
    Path events = Files.writeString(tmp.resolve("events.csv"), csv.toString());
    // anon-2 is linked by the links file: the CSV never says whose it is.
    Path links = Files.writeString(tmp.resolve("links.txt"), "# devices\nanon-2 , ann\n");
    String out =
        csvCards(
            Path.of(DIR + "model.pls"),
            "--events",
            events.toString(),
            "--map",
            "user=uid,anonymous_id=anon",
            "--links",
            links.toString());
    assertEquals(
        List.of(ANN),
        out.lines().filter(l -> l.startsWith("ann,") || l.startsWith("anon")).toList());
  }

  @Test
  void flatJsonLines_anonymousIdMember_linksTheTwo(@TempDir Path tmp) throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (String[] row : ROWS) {
      jsonl
          .append("{")
          .append(row[0].isEmpty() ? "" : "\"user\":\"" + row[0] + "\",")
          .append("\"anonymous_id\":\"")
          .append(row[1])
          .append("\",\"event\":\"")
          .append(row[2])
          .append("\",\"time\":\"")
          .append(row[3])
          .append("\",\"props\":{\"name\":\"Pricing\"}}\n");
    }
    Path events = Files.writeString(tmp.resolve("events.jsonl"), jsonl.toString());
    Path links = Files.writeString(tmp.resolve("links.txt"), "anon-2,ann\n");
    String out =
        csvCards(
            Path.of(DIR + "model.pls"), "--events", events.toString(), "--links", links.toString());
    assertEquals(List.of(ANN), out.lines().filter(l -> l.contains(",trial,")).toList());
  }

  @Test
  void linksFile_badLinesAreRejectedWithTheirLine(@TempDir Path tmp) throws Exception {
    Path links =
        Files.writeString(tmp.resolve("links.txt"), "anon-1,ann\n\nanon-2\n,ann\nanon-3,ann,x\n");
    Path rejects = tmp.resolve("rejects.jsonl");
    Cli.Result r =
        Cli.run(
            args(
                "score",
                "--links",
                links.toString(),
                "--rejects",
                rejects.toString(),
                "--as-of",
                Cli.AS_OF));
    assertEquals(0, r.status(), r.err());
    List<JsonNode> rejected = lines(Files.readString(rejects));
    assertEquals(
        List.of("3 wrong_column_count", "4 missing_id", "5 wrong_column_count"),
        rejected.stream()
            .map(j -> j.get("line").asText() + " " + j.get("reason").asText())
            .toList());
    assertTrue(r.err().contains("links.txt: read 4, accepted 1, rejected 3"), r.err());
  }

  @Test
  void backtest_identityLimits_applyToTheReplay(@TempDir Path tmp) {
    Cli.Result r =
        Cli.run(
            args(
                "backtest",
                "--from",
                "2026-11-16T12:00:00Z",
                "--to",
                Cli.AS_OF,
                "--step",
                "1d",
                "--max-anonymous-ids",
                "1",
                "--out",
                tmp.resolve("bt").toString()));
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err().contains("identities: 4 ids merged into 2 people; 1 link of 5 refused"), r.err());
  }

  /** An account model: an account is hot once its users sent 3 invites within 7 days. */
  private static final String ACCOUNTS =
      """
      model teams version 1
        entity account
        resolution 1d
        timezone "UTC"
      signal invites = count(invite_sent)
      category team {
        invites >= 3 within 7d : +20 "3+ invites this week" [invites_3]
      }
      tier hot when score >= 20
      """;

  /**
   * ann signs in on Nov 16 08:00 (anon-1, e-mail at acme.io), keeps browsing anonymously on that
   * device and invites at 09:00 (anon-1 only), invites signed in on Nov 18, and invites on Nov 19
   * from a second device (anon-2) aliased to her on Nov 17. bob (acme.io) invites once; cy's
   * anonymous invite comes before her identify (globex.com). Each call's ids given, in time order.
   */
  private static final String[][] TEAM_CALLS = {
    {"identify", "ann", "anon-1", "2026-11-16T08:00:00Z", "ann@acme.io"},
    {"track", "", "anon-1", "2026-11-16T09:00:00Z", ""},
    {"identify", "bob", "", "2026-11-16T10:00:00Z", "bob@acme.io"},
    {"alias", "ann", "anon-2", "2026-11-17T08:00:00Z", ""},
    {"track", "ann", "", "2026-11-18T09:00:00Z", ""},
    {"track", "bob", "", "2026-11-18T10:00:00Z", ""},
    {"track", "", "anon-2", "2026-11-19T09:00:00Z", ""},
    {"track", "", "anon-3", "2026-11-19T10:00:00Z", ""},
    {"identify", "cy", "anon-3", "2026-11-19T11:00:00Z", "cy@globex.com"},
  };

  /**
   * The team calls as a Segment export; {@code canonical}: every id already its person's (anon-1
   * and anon-2 read as ann, anon-3 as cy), with no anonymous id and no alias, so no link.
   */
  private static String teamExport(boolean canonical) {
    java.util.Map<String, String> person =
        java.util.Map.of("anon-1", "ann", "anon-2", "ann", "anon-3", "cy");
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (String[] c : TEAM_CALLS) {
      String user = c[1];
      String anon = c[2];
      if (canonical) {
        user = user.isEmpty() ? person.get(anon) : user;
        anon = "";
      }
      if (c[0].equals("alias")) {
        if (!canonical) {
          b.append(
              "{\"type\":\"alias\",\"previousId\":\"%s\",\"userId\":\"%s\",\"timestamp\":\"%s\",\"messageId\":\"t%d\"}\n"
                  .formatted(anon, user, c[3], ++n));
        }
        continue;
      }
      b.append("{\"type\":\"").append(c[0]).append('"');
      if (!user.isEmpty()) {
        b.append(",\"userId\":\"").append(user).append('"');
      }
      if (!anon.isEmpty()) {
        b.append(",\"anonymousId\":\"").append(anon).append('"');
      }
      if (c[0].equals("track")) {
        b.append(",\"event\":\"invite_sent\"");
      } else {
        b.append(",\"traits\":{\"email\":\"").append(c[4]).append("\"}");
      }
      b.append(",\"timestamp\":\"").append(c[3]).append("\",\"messageId\":\"t").append(++n);
      b.append("\"}\n");
    }
    return b.toString();
  }

  /**
   * An account model with links: ann's anonymous invites (anon-1 after her sign-in on that device,
   * anon-2 after its alias) count for acme.io with hers and bob's, 4 invites within 7 days (hot);
   * cy's for globex.com. The cards equal those of the export with every id already canonical.
   */
  @Test
  void score_accountModel_usersLinkedAcrossIdsRollUpIntoTheirAccount(@TempDir Path tmp)
      throws Exception {
    Path model = Files.writeString(tmp.resolve("teams.pls"), ACCOUNTS);
    Path linked = Files.writeString(tmp.resolve("linked.jsonl"), teamExport(false));
    Path canonical = Files.writeString(tmp.resolve("canonical.jsonl"), teamExport(true));
    Cli.Result r =
        Cli.run("score", model.toString(), "--events", linked.toString(), "--as-of", Cli.AS_OF);
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(2, cards.size(), r.out());
    assertEquals("acme.io 20 hot", card(cards.get(0)));
    assertEquals("globex.com 0 none", card(cards.get(1)));
    assertTrue(r.err().contains("identities: 5 ids merged into 2 people"), r.err());
    Cli.Result same =
        Cli.run("score", model.toString(), "--events", canonical.toString(), "--as-of", Cli.AS_OF);
    assertEquals(0, same.status(), same.err());
    assertEquals(same.out(), r.out());
  }

  /**
   * The same in the backtest, point in time: daily steps Nov 16 to 20 at noon. acme.io has anon-1's
   * invite (keyed through ann, whom anon-1 was already linked to) from Nov 16, 3 invites from Nov
   * 18 (hot: ann's, bob's) and anon-2's on Nov 19; cy's anonymous invite came before her identify,
   * when no account could be known for it, and counts for none (nor in the canonical export, where
   * cy had no e-mail yet either). So the entities equal those of the canonical export.
   */
  @Test
  void backtest_accountModel_usersLinkedAcrossIdsRollUpIntoTheirAccount(@TempDir Path tmp)
      throws Exception {
    Path model = Files.writeString(tmp.resolve("teams.pls"), ACCOUNTS);
    String linked = teamBacktest(tmp, model, teamExport(false), "linked");
    assertEquals(
        "acme.io entered 2026-11-16T12:00:00Z steps 5 hot 2026-11-18T12:00:00Z highest 20\n",
        linked);
    assertEquals(linked, teamBacktest(tmp, model, teamExport(true), "canonical"));
  }

  private static String teamBacktest(Path tmp, Path model, String export, String name)
      throws Exception {
    Path events = Files.writeString(tmp.resolve(name + ".jsonl"), export);
    Path out = tmp.resolve(name);
    Cli.Result r =
        Cli.run(
            "backtest",
            model.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-11-16T12:00:00Z",
            "--to",
            Cli.AS_OF,
            "--step",
            "1d",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    StringBuilder seen = new StringBuilder();
    for (JsonNode e : lines(Files.readString(out.resolve("entities.jsonl")))) {
      seen.append(e.get("entity").asText())
          .append(" entered ")
          .append(e.get("entered").asText())
          .append(" steps ")
          .append(e.get("steps").asText())
          .append(" hot ")
          .append(e.get("first_in_tier").path("hot").asText("-"))
          .append(" highest ")
          .append(e.get("highest_score").asText())
          .append('\n');
    }
    return seen.toString();
  }

  private static String card(JsonNode card) {
    return card.get("entity").asText()
        + " "
        + card.get("score").asText()
        + " "
        + card.get("tier").asText("none");
  }

  /**
   * A cohort backtest, a day after each person's first pricing view: anon-1 views pricing on Nov 14
   * 09:00 and invites at 10:00, signs in as ann that evening, and views pricing and invites again
   * as ann on Nov 15 08:00. The person's instant is its earliest view among its ids plus a day, Nov
   * 15 09:00, and it is scored once, as ann. bob views pricing anonymously (anon-9) on Nov 14 12:00
   * and signs in on Nov 16, after anon-9's instant (Nov 15 12:00): anon-9 was scored apart then,
   * and bob, the same person, is not scored again.
   */
  @Test
  void backtest_cohort_aPersonsInstantIsItsEarliestCohortEventAmongItsIds(@TempDir Path tmp)
      throws Exception {
    Path events =
        Files.writeString(
            tmp.resolve("cohort.jsonl"),
            """
            {"type":"page","anonymousId":"anon-1","name":"Pricing","timestamp":"2026-11-14T09:00:00Z"}
            {"type":"track","anonymousId":"anon-1","event":"invite_sent","timestamp":"2026-11-14T10:00:00Z"}
            {"type":"page","anonymousId":"anon-9","name":"Pricing","timestamp":"2026-11-14T12:00:00Z"}
            {"type":"identify","anonymousId":"anon-1","userId":"ann","timestamp":"2026-11-14T20:00:00Z"}
            {"type":"page","userId":"ann","name":"Pricing","timestamp":"2026-11-15T08:00:00Z"}
            {"type":"track","userId":"ann","event":"invite_sent","timestamp":"2026-11-15T08:30:00Z"}
            {"type":"identify","anonymousId":"anon-9","userId":"bob","timestamp":"2026-11-16T09:00:00Z"}
            {"type":"page","userId":"bob","name":"Pricing","timestamp":"2026-11-16T10:00:00Z"}
            """);
    Path out = tmp.resolve("cohort");
    Cli.Result r =
        Cli.run(
            "backtest",
            DIR + "model.pls",
            "--events",
            events.toString(),
            "--at",
            "page_viewed+1d",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    StringBuilder seen = new StringBuilder();
    for (JsonNode e : lines(Files.readString(out.resolve("entities.jsonl")))) {
      seen.append(e.get("entity").asText())
          .append(" at ")
          .append(e.get("entered").asText())
          .append(" highest ")
          .append(e.get("highest_score").asText())
          .append('\n');
    }
    // ann at her first view plus a day, with both invites (+20) and both views (2 of 3: +0).
    assertEquals(
        "ann at 2026-11-15T09:00:00Z highest 20\n" + "anon-9 at 2026-11-15T12:00:00Z highest 0\n",
        seen.toString());
  }
}
