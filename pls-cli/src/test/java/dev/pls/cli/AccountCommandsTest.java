package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code pls score} and {@code pls route} on an account model that rolls up members, over a small
 * fixture (accounts/): acme.io (900 employees) by e-mail domain with a1 (two invites this week: 20
 * points) and a2 (active, asks for sales on the 20th); globex (40 employees) by the events' account
 * id with g1 (20 points); f1, a free-mail user, in no account.
 */
class AccountCommandsTest {
  private static final String DIR = Cli.RES + "accounts/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String[] args(String command, String... more) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.add(DIR + "model.pls");
    all.addAll(List.of("--events", DIR + "events.jsonl", "--traits", DIR + "traits.jsonl"));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void score_rollsUsersUpIntoTheirAccounts_withMembersOnRequest() throws Exception {
    Cli.Result r = Cli.run(args("score", "--as-of", Cli.AS_OF, "--members"));
    assertEquals(0, r.status(), r.err());
    List<JsonNode> cards = lines(r.out());
    assertEquals(2, cards.size(), r.out());
    JsonNode acme = cards.get(0);
    assertEquals("acme.io", acme.get("entity").asText());
    assertEquals("account", acme.get("kind").asText());
    assertEquals(50, acme.get("score").asInt()); // 20 rolled up + 30 for two active users
    assertEquals("expanding", acme.get("tier").asText());
    assertEquals("enterprise", acme.get("handoff").get("segment").asText());
    assertEquals("contact", acme.get("handoff").get("triggers").get(0).asText());
    assertEquals(2, acme.get("handoff").get("context").get("active_users").asInt());
    assertEquals(List.of("a1", "a2"), ids(acme.get("members")));
    JsonNode globex = cards.get(1);
    assertEquals("globex", globex.get("entity").asText());
    assertEquals(20, globex.get("score").asInt());
    assertEquals("none", globex.get("tier").asText());
    assertEquals(List.of("g1"), ids(globex.get("members")));
    assertTrue(
        r.err().contains("scored 2 accounts: expanding 1, team 0, none 1 (0 excluded)"), r.err());
  }

  @Test
  void score_withoutMembers_leavesThemOut() throws Exception {
    Cli.Result r = Cli.run(args("score", "--as-of", Cli.AS_OF));
    assertEquals(0, r.status(), r.err());
    assertTrue(lines(r.out()).stream().noneMatch(c -> c.has("members")), r.out());
  }

  @Test
  void score_membersOnAUserModel_isAUsageError() {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            DIR + "events.jsonl",
            "--as-of",
            Cli.AS_OF,
            "--members");
    assertEquals(2, r.status());
    assertTrue(
        r.err().contains("--members: model 'b2b_analytics_trial_pql' does not roll up members"),
        r.err());
  }

  @Test
  void explain_anAccount_listsItsMembersAndTheRollup() {
    Cli.Result r = Cli.run(args("explain", "--entity", "acme.io", "--as-of", Cli.AS_OF));
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "account acme.io: tier expanding, score 50\n"
            + "model team_pqa v1, as of 2026-11-20T12:00:00Z\n"
            + "not excluded\n"
            + "\n"
            + "members, highest score first:\n"
            + "  a1: score 20, tier hot\n"
            + "  a2: score 0, tier none\n"
            + "\n"
            + "fired rules:\n"
            + "  +20  Sum of member scores [members]\n"
            + "      members = 2\n"
            + "  +30  2+ active users [active_2]\n"
            + "      active_members(any) within 7d = 2\n"
            + "\n"
            + "categories:\n"
            + "  members   20  (Sum of member scores)\n"
            + "  adoption  30\n"
            + "\n"
            + "closest rules that did not fire:\n"
            + "  (none: every rule that adds points fired)\n",
        r.out());
  }

  @Test
  void explain_anAccountShortOfARule_saysWhatItNeeds() {
    Cli.Result r = Cli.run(args("explain", "--entity", "globex", "--as-of", Cli.AS_OF));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("needs active_members(any) within 7d >= 2, has 1\n"), r.out());
  }

  @Test
  void route_replaysTheHandoff_intoAlerts() throws Exception {
    Cli.Result r =
        Cli.run(args("route", "--from", "2026-11-19T12:00:00Z", "--to", Cli.AS_OF, "--step", "1d"));
    assertEquals(0, r.status(), r.err());
    List<JsonNode> alerts = lines(r.out());
    assertEquals(2, alerts.size(), r.out());
    // The 19th: acme enters "expanding" in the enterprise segment: the named AE, medium.
    JsonNode first = alerts.get(0);
    assertEquals("2026-11-19T12:00:00Z", first.get("at").asText());
    assertEquals("acme.io", first.get("entity").asText());
    assertEquals("acme.io", first.get("account").asText());
    assertEquals("ae", first.get("queue").asText());
    assertEquals("Named AE", first.get("queue_label").asText());
    assertEquals("medium", first.get("level").asText());
    assertEquals("sent", first.get("status").asText());
    assertEquals("2026-11-19T16:00:00Z", first.get("due").asText());
    assertEquals("entered tier expanding", first.get("reasons").get(0).asText());
    assertEquals("bringing your team in", first.get("shareable").get(0).asText());
    assertEquals("2+ active users", first.get("internal").get(1).asText());
    assertEquals(2, first.get("context").get("active_users").asInt());
    // The 20th: still expanding (no repeat), but a2 chose Contact Sales: a high trigger escalates
    // through the cooldown, into the AE's new day.
    JsonNode second = alerts.get(1);
    assertEquals("2026-11-20T12:00:00Z", second.get("at").asText());
    assertEquals("high", second.get("level").asText());
    assertEquals("Chose Contact Sales", second.get("reasons").get(0).asText());
    assertEquals("sent", second.get("status").asText());
    assertTrue(
        r.err()
            .contains(
                "replayed 2 steps over 2 accounts: 2 alerts (0 overflowed to triage, 0 held out)\n"
                    + "  ae: sent 2, triage 0\n"
                    + "  nurture: sent 0, triage 0\n"
                    + "  withheld: cooldown 0\n"),
        r.err());
  }

  @Test
  void route_isDeterministic() {
    String[] a = args("route", "--from", "2026-11-10T00:00:00Z", "--to", Cli.AS_OF, "--step", "6h");
    assertEquals(Cli.run(a).out(), Cli.run(a).out());
  }

  @Test
  void route_usageErrors_nameTheOption() {
    assertUsage(
        args("route", "--from", Cli.AS_OF, "--to", Cli.AS_OF, "--as-of", Cli.AS_OF),
        "--as-of: pls route scores from --from to --to; leave --as-of out");
    assertUsage(
        args("route", "--from", Cli.AS_OF, "--to", "2026-11-01T00:00:00Z"),
        "--to: 2026-11-01T00:00:00Z is before --from 2026-11-20T12:00:00Z");
    assertUsage(
        args("route", "--from", "2026-11-01T00:00:00Z", "--to", Cli.AS_OF, "--step", "90m"),
        "--step: expected a whole number of hours, days or weeks such as 6h, 1d or 1w, was '90m'");
    assertUsage(
        args("route", "--from", "2000-01-01T00:00:00Z", "--to", Cli.AS_OF, "--step", "1h"),
        "is more than 10000 steps; take a longer step or a shorter period");
    assertUsage(args("route", "--from", "yesterday", "--to", Cli.AS_OF), "--from: ");
  }

  @Test
  void route_aModelWithoutHandoff_failsAndSaysWhy() {
    Cli.Result r =
        Cli.run(
            "route",
            Cli.MODEL,
            "--events",
            DIR + "events.jsonl",
            "--from",
            Cli.AS_OF,
            "--to",
            Cli.AS_OF);
    assertEquals(1, r.status());
    assertTrue(
        r.err().contains("model 'b2b_analytics_trial_pql' has no hand-off: add queues and routes"),
        r.err());
  }

  private static void assertUsage(String[] args, String message) {
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(message), r.err());
  }

  private static List<String> ids(JsonNode cards) {
    List<String> ids = new ArrayList<>();
    cards.forEach(c -> ids.add(c.get("entity").asText()));
    return ids;
  }

  private static final java.nio.file.Path SEATS =
      java.nio.file.Path.of("..", "examples", "seat-expansion");

  private static String[] seats(String... more) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                SEATS.resolve("model.pls").toString(),
                "--events",
                SEATS.resolve("events.jsonl.gz").toString(),
                "--traits",
                SEATS.resolve("traits.jsonl").toString(),
                "--as-of",
                Cli.AS_OF));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void explain_anAccountOfManyMembers_listsTheTenHighestScoresThenHowManyMore() {
    String[] args = seats("--entity", "abbelab.com");
    Cli.Result r = Cli.run(prepend("explain", args));
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out()
            .contains(
                "members, the 10 highest scores of 16:\n"
                    + "  u0955: score 35, tier emerging\n"
                    + "  u0964: score 35, tier emerging\n"
                    + "  u0956: score 20, tier none\n"
                    + "  u0958: score 20, tier none\n"
                    + "  u0960: score 15, tier none\n"
                    + "  u0961: score 15, tier none\n"
                    + "  u0962: score 15, tier none\n"
                    + "  u0959: score 0, tier none\n"
                    + "  u0963: score 0, tier none\n"
                    + "  u0965: score 0, tier none\n"
                    + "  … and 6 more members (--all-members lists every one)\n\n"),
        r.out());

    Cli.Result all = Cli.run(prepend("explain", seats("--entity", "abbelab.com", "--all-members")));
    assertEquals(0, all.status(), all.err());
    String members = all.out().substring(all.out().indexOf("members, highest score first:\n"));
    members = members.substring(0, members.indexOf("\n\n"));
    assertEquals(17, members.split("\n").length, members);
    // The member a free-mail address excludes counts nowhere: listed last, whatever its score.
    assertTrue(
        members.endsWith(
            "  u0957: score 40, tier none (excluded: personal email domain; not counted)"),
        members);
  }

  @Test
  void scoreCsv_aModelWithAHandoff_carriesItsContextValues() {
    Cli.Result r = Cli.run(prepend("score", seats("--format", "csv")));
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(
        "entity,account,score,tier,excluded,top_contributions,model,version,as_of,"
            + "active_users,departments,plan,seats,seat_limit",
        lines[0]);
    assertTrue(
        lines[1].startsWith("abbelab.com,abbelab.com,235,tier1_enterprise,,")
            && lines[1].endsWith(",seat_pqa,1,2026-11-20T12:00:00Z,15,2,team,16,20"),
        lines[1]);
  }

  private static String[] prepend(String command, String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  @Test
  void accountTrait_putsUsersInTheAccountTheirTraitNames(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path model =
        java.nio.file.Files.writeString(
            tmp.resolve("orgs.pls"),
            """
            model orgs version 1
              entity account
              resolution 1d
              timezone "UTC"

            event login

            category adoption {
              count(login) within 7d >= 3 : +10 "3+ logins this week" [logins_3]
            }

            tier active when score >= 10
            """);
    java.nio.file.Path users =
        java.nio.file.Files.writeString(
            tmp.resolve("users.csv"),
            "object_id,email,org_id\n"
                + "1,ana@acme.io,11\n"
                + "2,ben@gmail.com,11\n"
                + "3,cy@globex.com,12\n"
                + "4,di@initech.com,\n");
    java.nio.file.Path logins =
        java.nio.file.Files.writeString(
            tmp.resolve("logins.csv"),
            "user_id,time_stamp\n"
                + "1,2026-11-18\n"
                + "2,2026-11-19\n"
                + "2,2026-11-20\n"
                + "3,2026-11-20\n"
                + "4,2026-11-20\n");
    String[] args = {
      "score",
      model.toString(),
      "--events",
      logins.toString(),
      "--map",
      "user=user_id,time=time_stamp,event=:login",
      "--traits",
      users.toString(),
      "--traits-key",
      "user=object_id",
      "--as-of",
      Cli.AS_OF,
      "--format",
      "csv"
    };
    Cli.Result byDomain = Cli.run(args);
    assertEquals(0, byDomain.status(), byDomain.err());
    assertTrue(byDomain.err().contains("scored 3 accounts"), byDomain.err());

    String[] withTrait = java.util.Arrays.copyOf(args, args.length + 2);
    withTrait[args.length] = "--account-trait";
    withTrait[args.length + 1] = "org_id";
    Cli.Result byOrg = Cli.run(withTrait);
    assertEquals(0, byOrg.status(), byOrg.err());
    // Users 1 and 2 (a gmail address) share org 11; 3 is org 12; 4 has no org_id and falls back
    // to its e-mail domain.
    String[] rows = byOrg.out().split("\n");
    assertEquals(4, rows.length, byOrg.out());
    assertTrue(rows[1].startsWith("11,11,10,active,"), rows[1]);
    assertTrue(rows[2].startsWith("12,12,0,none,"), rows[2]);
    assertTrue(rows[3].startsWith("initech.com,initech.com,0,none,"), rows[3]);

    String[] blank = java.util.Arrays.copyOf(withTrait, withTrait.length);
    blank[blank.length - 1] = " ";
    Cli.Result usage = Cli.run(blank);
    assertEquals(2, usage.status(), usage.err());
    assertTrue(usage.err().contains("--account-trait: trait: must not be blank"), usage.err());
  }
}
