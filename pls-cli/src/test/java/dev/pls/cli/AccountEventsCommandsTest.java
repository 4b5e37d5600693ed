package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score}, {@code explain} and {@code backtest} over events of an account alone (a record
 * with an account and no user), in flat JSON Lines and in CSV.
 *
 * <p>acme: m1 logged in on the 19th, m2 on the 18th, both in acme; acme itself signed a contract on
 * the 17th and opened a renewal on the 16th. globex: only its own contract, on the 15th. As of the
 * 20th: acme's contract +50, four events this week +10, members 5 + 5 = 10 rolled up: 70, hot;
 * globex 50, no members. The user model scores m1 and m2 at 5 each and never the contracts.
 */
class AccountEventsCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String MODEL =
      "model team_pql version 1\n"
          + "  entity user\n"
          + "category use {\n"
          + "  count(login) >= 1 : +5 \"Logged in\" [login]\n"
          + "  count(contract_signed) >= 1 : +100 \"Signed (no user ever does)\" [signed]\n"
          + "}\n"
          + "\n"
          + "model team_pqa version 1\n"
          + "  members team_pql\n"
          + "category buying {\n"
          + "  count(contract_signed) >= 1 : +50 \"Signed a contract\" [contract]\n"
          + "  count(any) >= 4 within 7d : +10 \"4+ events this week\" [busy]\n"
          + "}\n"
          + "tier hot when score >= 60\n";

  private static final String JSONL =
      "{\"user\":\"m1\",\"account\":\"acme\",\"event\":\"login\",\"time\":\"2026-11-19T09:00:00Z\"}\n"
          + "{\"user\":\"m2\",\"account\":\"acme\",\"event\":\"login\",\"time\":\"2026-11-18T09:00:00Z\"}\n"
          + "{\"account\":\"acme\",\"event\":\"contract_signed\",\"time\":\"2026-11-17T09:00:00Z\","
          + "\"props\":{\"seats\":12}}\n"
          + "{\"account\":\"acme\",\"event\":\"renewal_opened\",\"time\":\"2026-11-16T09:00:00Z\"}\n"
          + "{\"account\":\"globex\",\"event\":\"contract_signed\",\"time\":\"2026-11-15T09:00:00Z\"}\n";

  private static final String CSV =
      "user,account,event,time\n"
          + "m1,acme,login,2026-11-19T09:00:00Z\n"
          + "m2,acme,login,2026-11-18T09:00:00Z\n"
          + ",acme,contract_signed,2026-11-17T09:00:00Z\n"
          + ",acme,renewal_opened,2026-11-16T09:00:00Z\n"
          + ",globex,contract_signed,2026-11-15T09:00:00Z\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<JsonNode> lines(String out) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  private void assertAccountCards(String events) throws IOException {
    Path model = write("model.pls", MODEL);
    Cli.Result r =
        Cli.run("score", model.toString(), "--events", events, "--as-of", Cli.AS_OF, "--members");
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(2, cards.size(), r.out());
    JsonNode acme = cards.get(0);
    assertEquals("acme", acme.get("entity").asText());
    assertEquals(70, acme.get("score").asInt(), r.out());
    assertEquals("hot", acme.get("tier").asText());
    assertEquals(5, acme.get("members").get(0).get("score").asInt(), r.out());
    assertEquals(5, acme.get("members").get(1).get("score").asInt(), r.out());
    JsonNode globex = cards.get(1);
    assertEquals("globex", globex.get("entity").asText());
    assertEquals(50, globex.get("score").asInt(), r.out());
    assertTrue(!globex.has("members") || globex.get("members").isEmpty(), r.out());
    assertTrue(r.err().contains("scored 2 accounts: hot 1, none 1 (0 excluded)"), r.err());
  }

  @Test
  void score_jsonLinesRecordsWithAnAccountAndNoUser_areTheAccountsOwnEvents() throws IOException {
    assertAccountCards(write("events.jsonl", JSONL).toString());
  }

  @Test
  void score_csvRowsWithAnEmptyUser_areTheAccountsOwnEvents() throws IOException {
    assertAccountCards(write("events.csv", CSV).toString());
  }

  @Test
  void score_csvWithoutAUserColumn_isAFileOfAccountsOwnEvents() throws IOException {
    Path model = write("model.pls", MODEL);
    Path csv =
        write(
            "contracts.csv",
            "account,event,time,seats\n" + "acme,contract_signed,2026-11-17T09:00:00Z,12\n");
    Cli.Result r =
        Cli.run("score", model.toString(), "--events", csv.toString(), "--as-of", Cli.AS_OF);
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(1, cards.size(), r.out());
    assertEquals(50, cards.get(0).get("score").asInt(), r.out());
  }

  @Test
  void score_userModel_leavesTheAccountsOwnEventsOut_andSaysHowMany() throws IOException {
    Path model = write("model.pls", MODEL);
    Path events = write("events.jsonl", JSONL);
    Cli.Result r =
        Cli.run(
            "score",
            model.toString(),
            "--model",
            "team_pql",
            "--events",
            events.toString(),
            "--as-of",
            Cli.AS_OF);
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(List.of("m1", "m2"), cards.stream().map(c -> c.get("entity").asText()).toList());
    assertEquals(5, cards.get(0).get("score").asInt(), r.out());
    assertTrue(
        r.err()
            .contains(
                "3 events of accounts alone (no user) not scored: a user model scores" + " users"),
        r.err());
    assertTrue(r.err().contains("read 5, accepted 5, rejected 0,"), r.err());
  }

  @Test
  void score_aRecordWithNeitherUserNorAccount_isRejected() throws IOException {
    Path model = write("model.pls", MODEL);
    Path events =
        write(
            "events.jsonl", "{\"event\":\"contract_signed\",\"time\":\"2026-11-17T09:00:00Z\"}\n");
    Path rejects = dir.resolve("rejects.jsonl");
    Cli.Result r =
        Cli.run(
            "score",
            model.toString(),
            "--events",
            events.toString(),
            "--as-of",
            Cli.AS_OF,
            "--rejects",
            rejects.toString());
    assertEquals(3, r.status(), r.err());
    assertTrue(
        Files.readString(rejects).contains("\"detail\":\"neither 'user' nor 'account'\""),
        Files.readString(rejects));
  }

  @Test
  void explain_anAccount_showsItsOwnContractNextToItsMembers() throws IOException {
    Path model = write("model.pls", MODEL);
    Path events = write("events.csv", CSV);
    Cli.Result r =
        Cli.run(
            "explain",
            model.toString(),
            "--events",
            events.toString(),
            "--entity",
            "acme",
            "--as-of",
            Cli.AS_OF);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("account acme: tier hot, score 70\n"), r.out());
    assertTrue(r.out().contains("  +50  Signed a contract [contract]\n"), r.out());
    assertTrue(r.out().contains("      count(any) within 7d = 4\n"), r.out());
    assertTrue(r.out().contains("  m1: score 5, tier none\n"), r.out());
  }

  @Test
  void backtest_replaysTheAccountsOwnEvents_asScoreScoresThem() throws IOException {
    Path model = write("model.pls", MODEL);
    Path events = write("events.jsonl", JSONL);
    Path out = dir.resolve("backtest");
    Cli.Result r =
        Cli.run(
            "backtest",
            model.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-11-18T12:00:00Z",
            "--to",
            Cli.AS_OF,
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("replayed 3 steps over 2 accounts;"), r.err());
    assertTrue(!r.err().contains("not replayed"), r.err());
    List<JsonNode> entities = lines(Files.readString(out.resolve("entities.jsonl")));
    // As score scores them as of the 20th: acme 70 (hot), globex 50.
    assertEquals("acme", entities.get(0).get("entity").asText());
    assertEquals(70, entities.get(0).get("highest_score").asInt(), entities.toString());
    assertEquals("hot", entities.get(0).get("peak_tier").asText(), entities.toString());
    assertEquals("globex", entities.get(1).get("entity").asText());
    assertEquals(50, entities.get(1).get("highest_score").asInt(), entities.toString());
  }

  @Test
  void backtest_userModel_countsTheAccountsOwnEventsAsNotReplayed() throws IOException {
    Path model = write("model.pls", MODEL);
    Path events = write("events.csv", CSV);
    Cli.Result r =
        Cli.run(
            "backtest",
            model.toString(),
            "--model",
            "team_pql",
            "--events",
            events.toString(),
            "--from",
            "2026-11-18T12:00:00Z",
            "--to",
            Cli.AS_OF,
            "--out",
            dir.resolve("backtest").toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("replayed 3 steps over 2 users;"), r.err());
    assertTrue(
        r.err().contains("3 events not replayed: after the last step, or of no user"), r.err());
  }
}
