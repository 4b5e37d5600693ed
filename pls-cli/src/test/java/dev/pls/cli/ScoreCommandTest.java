package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.CardWriter;
import dev.pls.cli.io.Golden;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import dev.pls.dsl.RulesLanguage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
  @TempDir Path tmp;

  private static Cli.Result score(String... more) {
    String[] args = {
      "score",
      Cli.MODEL,
      "--events",
      Cli.RES + "events.jsonl",
      "--traits",
      Cli.RES + "traits.jsonl",
      "--as-of",
      Cli.AS_OF
    };
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.run(all);
  }

  private static Instant at(String t) {
    return Instant.parse(t);
  }

  /** The fixture's users as the reference scorer sees them, built by hand, not by the readers. */
  static List<Entity> fixtureUsers() {
    Entity a1 =
        Entity.builder("a1")
            .trait("email", "ann@acme.io")
            .trait("email_domain", "acme.io")
            .trait("employees", 300)
            .trait("role", "Data Analyst")
            .trait("domain_users", 4)
            .event(Event.of("a1", "trial_started", at("2026-11-09T12:00:00Z")))
            .event(Event.of("a1", "data_source_connected", at("2026-11-10T12:00:00Z")))
            .event(Event.of("a1", "dashboard_created", at("2026-11-17T12:00:00Z")))
            .event(Event.of("a1", "dashboard_created", at("2026-11-18T12:00:00Z")))
            .event(Event.of("a1", "dashboard_created", at("2026-11-19T12:00:00Z")))
            .event(Event.of("a1", "Invite Sent", at("2026-11-15T12:00:00Z")))
            .event(
                Event.of("a1", "page_viewed", at("2026-11-19T12:00:00Z"))
                    .withProperty("path", "/pricing"))
            .event(
                Event.of("a1", "page_viewed", at("2026-11-20T10:00:00Z"))
                    .withProperty("path", "/pricing"))
            .build();
    Entity b1 =
        Entity.builder("b1")
            .trait("email", "bo@gmail.com")
            .trait("email_domain", "gmail.com")
            .trait("employees", 300)
            .event(Event.of("b1", "Invite Sent", at("2026-11-19T12:00:00Z")))
            .event(Event.of("b1", "Invite Sent", at("2026-11-18T12:00:00Z")))
            .event(
                Event.of("b1", "page_viewed", at("2026-11-19T12:00:00Z"))
                    .withProperty("path", "/pricing"))
            .event(
                Event.of("b1", "page_viewed", at("2026-11-18T12:00:00Z"))
                    .withProperty("path", "/pricing"))
            .build();
    Entity c1 =
        Entity.builder("c1")
            .trait("email_domain", "corp.example")
            .trait("employees", 20)
            .event(Event.of("c1", "trial_started", at("2026-11-14T12:00:00Z")))
            .event(Event.of("c1", "query_run", at("2026-11-21T12:00:00Z")))
            .build();
    return List.of(a1, b1, c1);
  }

  @Test
  void traitsAlone_scoreALeadTable_warningWhichRulesCountedNone_andNeitherIsAUsageError() {
    // A CRM lead table is all profile fields: scoring it needed an empty events file.
    Cli.Result r =
        Cli.run("score", Cli.MODEL, "--traits", Cli.RES + "traits.jsonl", "--as-of", Cli.AS_OF);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("{\"entity\":\"a1\""), r.out());
    assertTrue(
        r.err().contains("warning: no --events, so the rules that read events (")
            && r.err().contains("counted none; scored from traits alone"),
        r.err());

    Cli.Result neither = Cli.run("score", Cli.MODEL, "--as-of", Cli.AS_OF);
    assertEquals(2, neither.status(), neither.err());
    assertTrue(
        neither
            .err()
            .startsWith(
                "Missing required option: '--events=FILE' (or, to score traits alone,"
                    + " '--traits=FILE')"),
        neither.err());
  }

  @Test
  void modelOption_scoresTheUserModelOfAnAccountFileOnItsOwn_andAnUnknownNameIsAUsageError() {
    // The user model of an account file could not be scored without copying it into a file.
    Path seats = Path.of("..", "examples", "seat-expansion");
    String[] base = {
      "score",
      seats.resolve("model.pls").toString(),
      "--events",
      seats.resolve("events.jsonl.gz").toString(),
      "--traits",
      seats.resolve("traits.jsonl").toString(),
      "--as-of",
      "2026-11-20T12:00:00Z"
    };
    Cli.Result accounts = Cli.run(base);
    assertEquals(0, accounts.status(), accounts.err());
    assertTrue(accounts.err().contains("scoring accounts with seat_pqa v1"), accounts.err());

    String[] users = java.util.Arrays.copyOf(base, base.length + 2);
    users[base.length] = "--model";
    users[base.length + 1] = "seat_pql";
    Cli.Result r = Cli.run(users);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("scoring users with seat_pql v1"), r.err());
    assertTrue(r.out().startsWith("{\"entity\":"), r.out());

    users[base.length + 1] = "seat_pq";
    Cli.Result unknown = Cli.run(users);
    assertEquals(2, unknown.status(), unknown.err());
    assertTrue(
        unknown.err().contains("has no model 'seat_pq'; its models are [seat_pql, seat_pqa]"),
        unknown.err());
  }

  @Test
  void asOfLaterThanTheNewestEventByMoreThanTheResolution_warnsWithTheGap() throws Exception {
    // Data that stopped two days early moved Tier 1 orgs from 1 to 14 in one trial, silently.
    Path events =
        Files.writeString(
            tmp.resolve("ev.jsonl"),
            "{\"user\":\"u1\",\"event\":\"trial_started\",\"time\":\"2026-11-18T09:00:00Z\"}\n");
    Cli.Result stale =
        Cli.run("score", Cli.MODEL, "--events", events.toString(), "--as-of", Cli.AS_OF);
    assertEquals(0, stale.status(), stale.err());
    assertTrue(
        stale
            .err()
            .contains(
                "warning: the newest event (2026-11-18T09:00:00Z) is 2d 3h before the as-of"
                    + " instant (2026-11-20T12:00:00Z), more than the model's resolution (1d);"
                    + " windows read that time as a quiet spell. If the data stops early, score as"
                    + " of its end (--as-of 2026-11-18T09:00:00Z)"),
        stale.err());

    Cli.Result fresh =
        Cli.run(
            "score", Cli.MODEL, "--events", events.toString(), "--as-of", "2026-11-19T09:00:00Z");
    assertEquals(0, fresh.status(), fresh.err());
    assertTrue(!fresh.err().contains("warning: the newest event"), fresh.err());

    Cli.Result explained =
        Cli.run(
            "explain",
            Cli.MODEL,
            "--entity",
            "u1",
            "--events",
            events.toString(),
            "--as-of",
            Cli.AS_OF);
    assertTrue(explained.err().contains("is 2d 3h before the as-of instant"), explained.err());
  }

  @Test
  void score_explain_cardsEqualTheReferenceScorersOnHandBuiltEntities() throws Exception {
    Cli.Result r = score("--explain");
    assertEquals(0, r.status(), r.err());
    Model model = RulesLanguage.compile(Path.of(Cli.MODEL)).model().orElseThrow();
    Scorer reference = Scorer.reference(model);
    StringWriter expected = new StringWriter();
    CardWriter w = CardWriter.jsonLines(expected, true);
    for (Entity e : fixtureUsers()) {
      w.write(reference.score(e, at(Cli.AS_OF)));
    }
    w.flush();
    assertEquals(expected.toString(), r.out());
  }

  @Test
  void score_summaryOnStderr_asOfReadAcceptedTiersAndRates() {
    Cli.Result r = score();
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "scoring users with b2b_analytics_trial_pql v1 as of 2026-11-20T12:00:00Z\n"
            + "read 17, accepted 17, rejected 0, T s, R records/s\n"
            + "  src/test/resources/dev/pls/cli/events.jsonl: read 14, accepted 14, rejected 0\n"
            + "  src/test/resources/dev/pls/cli/traits.jsonl: read 3, accepted 3, rejected 0\n"
            + "scored 3 users: sales_ready 1, nurture 0, none 2 (1 excluded); 1 event outside the"
            + " model's window; T s, R events/s\n",
        Cli.stable(r.err()));
  }

  @Test
  void score_csvToFile_rowPerEntityWithAccount() throws Exception {
    Path out = tmp.resolve("cards.csv");
    Cli.Result r = score("--format", "csv", "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().endsWith("cards written to " + out + "\n"), r.err());
    Golden.assertMatches("dev/pls/cli/score.csv", Files.readString(out));
  }

  @Test
  void score_asOfDefaultsToNow_andIsEchoedInEveryCard() {
    Instant before = Instant.now();
    Cli.Result r = Cli.run("score", Cli.MODEL, "--events", Cli.RES + "events.jsonl");
    assertEquals(0, r.status(), r.err());
    String echoed = r.err().lines().findFirst().orElseThrow().replaceAll(".* as of ", "");
    Instant asOf = Instant.parse(echoed);
    assertTrue(!asOf.isBefore(before) && !asOf.isAfter(Instant.now()), echoed);
    assertEquals(
        3, r.out().lines().filter(l -> l.contains("\"as_of\":\"" + echoed + "\"")).count());
  }

  @Test
  void score_modelWithErrors_diagnosticsAndStatus1() {
    Cli.Result r = Cli.run("score", Cli.RES + "broken.pls", "--events", Cli.RES + "events.jsonl");
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith(Cli.RES + "broken.pls:11:3: error PLS0201"), r.err());
    assertTrue(r.err().endsWith("does not compile; nothing was scored\n"), r.err());
  }

  @Test
  void score_outInMissingDirectory_oneLineErrorAndStatus1() {
    Path out = tmp.resolve("no/such/dir/cards.jsonl");
    Cli.Result r = score("--out", out.toString());
    assertEquals(1, r.status());
    assertEquals(
        "error: no such file or directory: " + out, r.err().lines().reduce((a, b) -> b).get());
  }

  @Test
  void score_badAsOf_usageError() {
    Cli.Result r =
        Cli.run("score", Cli.MODEL, "--events", Cli.RES + "events.jsonl", "--as-of", "today");
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("--as-of: not a timestamp: 'today'"), r.err());
  }

  @Test
  void score_badOptionValues_usageErrorNamingTheOptionBeforeAnyWork() {
    String[][] cases = {
      {"--zone", "Mars/Base", "--zone: Unknown time-zone ID: Mars/Base"},
      {"--map", "user", "--map: spec: entry 'user' is not TARGET=COLUMN or TARGET=:CONSTANT"},
      {"--max-rejects", "-1", "--max-rejects: must not be negative, was -1"},
    };
    for (String[] c : cases) {
      Cli.Result r = Cli.run("score", Cli.MODEL, "--events", Cli.RES + "events.jsonl", c[0], c[1]);
      assertEquals(2, r.status(), c[0]);
      assertTrue(r.err().startsWith(c[2] + "\n"), r.err());
    }
  }

  @Test
  void score_missingEventsOption_usageError() {
    Cli.Result r = Cli.run("score", Cli.MODEL);
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("Missing required option: '--events=FILE'"), r.err());
  }

  @Test
  void score_formatInCapitals_usageErrorBeforeAnyWork() {
    Cli.Result r = score("--format", "CSV");
    assertEquals(2, r.status());
    assertEquals("", r.out());
    assertTrue(
        r.err()
            .contains("Invalid value for option '--format': expected one of [jsonl, csv] but was"),
        r.err());
  }

  @Test
  void at_eachUserAsOfItsOwnTimeAfterItsFirstEvent_cardsAsAtThatInstant_withoutItSkipped() {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            Cli.RES + "events.jsonl",
            "--traits",
            Cli.RES + "traits.jsonl",
            "--at",
            "trial_started+3d");
    assertEquals(0, r.status(), r.err());
    String[] cards = r.out().split("\n");
    assertEquals(2, cards.length, r.out());
    // a1 started its trial at 11-09T12, c1 at 11-14T12; b1 never did.
    assertTrue(cards[0].startsWith("{\"entity\":\"a1\","), cards[0]);
    assertTrue(cards[1].startsWith("{\"entity\":\"c1\","), cards[1]);
    assertEquals(card("a1", "2026-11-12T12:00:00Z"), cards[0]);
    assertEquals(card("c1", "2026-11-17T12:00:00Z"), cards[1]);
    assertTrue(
        r.err()
            .startsWith(
                "scoring users with b2b_analytics_trial_pql v1, each as of 3d after its first"
                    + " trial_started\n"),
        r.err());
    assertTrue(r.err().contains("scored 2 users: "), r.err());
    assertTrue(r.err().endsWith("skipped 1 user without trial_started\n"), r.err());
    assertFalse(r.err().contains("warning: the newest event"), r.err());
  }

  /** The card of {@code user} from a plain {@code --as-of} run. */
  private static String card(String user, String asOf) {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            Cli.RES + "events.jsonl",
            "--traits",
            Cli.RES + "traits.jsonl",
            "--as-of",
            asOf);
    for (String line : r.out().split("\n")) {
      if (line.startsWith("{\"entity\":\"" + user + "\",")) {
        return line;
      }
    }
    throw new AssertionError(user + " not scored: " + r.out());
  }

  @Test
  void at_accountModel_firstEventOfItsMembers() {
    Cli.Result r =
        Cli.run(
            "score",
            Path.of("..", "examples", "seat-expansion", "model.pls").toString(),
            "--events",
            Cli.RES + "team-events.jsonl",
            "--traits",
            Cli.RES + "team-traits.jsonl",
            "--at",
            "signed_up+18d");
    assertEquals(0, r.status(), r.err());
    // ana, a member of acme.io, signed up first, at 11-02T09.
    assertTrue(r.out().startsWith("{\"entity\":\"acme.io\",\"kind\":\"account\""), r.out());
    assertTrue(r.out().contains("\"as_of\":\"2026-11-20T09:00:00Z\""), r.out());
    assertTrue(r.err().endsWith("skipped 0 accounts without signed_up\n"), r.err());
  }

  @Test
  void at_withAsOf_orMalformed_usageError() {
    Cli.Result both = score("--at", "trial_started+14d");
    assertEquals(2, both.status());
    assertTrue(both.err().contains("--at and --as-of exclude each other"), both.err());
    Cli.Result bad =
        Cli.run("score", Cli.MODEL, "--events", Cli.RES + "events.jsonl", "--at", "14d");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("--at: expected EVENT+DURATION"), bad.err());
  }

  @Test
  void score_crmSpellings_readSelectAsMissingAndYesNoAsBooleans() {
    String model = Cli.RES + "crm-leads.pls";
    String leads = Cli.RES + "crm-leads.csv";
    Cli.Result plain = Cli.run("score", model, "--traits", leads, "--as-of", Cli.AS_OF);
    assertEquals(3, plain.status(), plain.err()); // every Yes/No is wrong_type for a bool trait
    assertTrue(plain.err().contains("--missing Select,NA --true Yes --false No"), plain.err());

    Cli.Result crm =
        Cli.run(
            "score",
            model,
            "--traits",
            leads,
            "--as-of",
            Cli.AS_OF,
            "--format",
            "csv",
            "--missing",
            "Select,NA",
            "--true",
            "Yes",
            "--false",
            "No");
    assertEquals(0, crm.status(), crm.err());
    assertTrue(crm.out().contains("\nl2,,-10,none,"), crm.out()); // Select city is missing
    assertTrue(crm.err().contains("rejected 1 (wrong_type 1)"), crm.err()); // l4's Maybe
  }

  @Test
  void score_spellingInTrueAndFalse_isAUsageError() {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--traits",
            Cli.RES + "traits.jsonl",
            "--as-of",
            Cli.AS_OF,
            "--true",
            "Yes,1",
            "--false",
            "No,1");
    assertEquals(2, r.status(), r.err());
    assertTrue(
        r.err().startsWith("--true: '1' is in both --true and --false; a spelling means one thing"),
        r.err());
  }

  @Test
  void score_dateOnlyLogins_readAsDaysInTheModelsZoneAndSaidSo() {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            Cli.RES + "login-dates.csv",
            "--map",
            "event=:login",
            "--as-of",
            Cli.AS_OF,
            "--format",
            "csv");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("read 3, accepted 3, rejected 0"), r.err());
    assertTrue(
        r.err().contains("3 timestamps were dates only: read as midnight in UTC, the model's zone"),
        r.err());
    Cli.Result local =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            Cli.RES + "login-dates.csv",
            "--map",
            "event=:login",
            "--as-of",
            Cli.AS_OF,
            "--format",
            "csv",
            "--zone",
            "Asia/Tokyo");
    assertTrue(local.err().contains("read as midnight in Asia/Tokyo (--zone)"), local.err());
  }
}
