package dev.pls.flink;

import static dev.pls.flink.TestData.job;
import static dev.pls.flink.TestData.localJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.flink.TestData.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account model without member rollups on the MiniCluster against {@code pls score}: users'
 * events counted for the account they name or the account of their e-mail domain, events of an
 * account alone, account traits, accounts with no events, in Berlin across the end of DST, at
 * parallelism 1 and 2; and an input whose user names another account after its first step is
 * refused, not scored differently.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AccountModelTest {
  @TempDir Path tmp;

  private static final Path MODEL = Path.of("src/test/resources/dev/pls/flink/accounts.pls");
  private static final String[] DOMAINS = {"acme.io", "gmail.com", "nexly.ai", "corp.example"};
  private static final String[] NAMES = {
    "invite_sent", "feature_used", "login", "contract_viewed", "page_viewed"
  };
  private static final String[] FEATURES = {"sso", "audit", "export", "api", "sheets"};

  /**
   * 40 users over {@code days} days from {@code from}, up to 30 minutes out of order: most keyed to
   * an account by their e-mail domain (free-mail ones to none), every fifth naming its team on
   * every event and having no traits; events of accounts alone; account traits, one for an account
   * with no events.
   */
  private static void write(Path events, Path traits, Instant from, int days) throws Exception {
    Random r = new Random(7);
    record Line(long order, String text) {}
    List<Line> lines = new ArrayList<>();
    long span = Duration.ofDays(days).toSeconds();
    for (int u = 1; u <= 40; u++) {
      String user = String.format("u%03d", u);
      String account = u % 5 == 0 ? ",\"account\":\"team-" + (u % 3) + "\"" : "";
      for (int i = 0, n = 5 + r.nextInt(40); i < n; i++) {
        Instant t = from.plusSeconds(r.nextLong(span));
        Instant shown = t.minusSeconds(r.nextLong(1800));
        String name = NAMES[r.nextInt(NAMES.length)];
        String props =
            name.equals("feature_used")
                ? ",\"props\":{\"feature\":\"" + FEATURES[r.nextInt(FEATURES.length)] + "\"}"
                : "";
        lines.add(
            new Line(
                t.getEpochSecond(),
                "{\"user\":\""
                    + user
                    + "\""
                    + account
                    + ",\"event\":\""
                    + name
                    + "\",\"time\":\""
                    + shown
                    + "\""
                    + props
                    + "}"));
      }
    }
    for (int i = 0; i < 30; i++) {
      Instant t = from.plusSeconds(r.nextLong(span));
      lines.add(
          new Line(
              t.getEpochSecond(),
              "{\"account\":\""
                  + DOMAINS[r.nextInt(DOMAINS.length)]
                  + "\",\"event\":\"contract_viewed\",\"time\":\""
                  + t
                  + "\"}"));
    }
    lines.sort(Comparator.comparingLong(Line::order));
    List<String> text = new ArrayList<>(lines.stream().map(Line::text).toList());
    text.add(text.size() / 2, "{\"user\":\"u003\",\"event\":\"login\"}");
    Files.write(events, text, StandardCharsets.UTF_8);
    List<String> t = new ArrayList<>();
    for (int u = 1; u <= 40; u++) {
      if (u % 5 != 0) {
        t.add(
            String.format(
                "{\"user\":\"u%03d\",\"email_domain\":\"%s\"}", u, DOMAINS[r.nextInt(4)]));
      }
    }
    t.add("{\"account\":\"acme.io\",\"plan\":\"team\",\"seats\":12}");
    t.add("{\"account\":\"quiet.example\",\"plan\":\"free\",\"seats\":2}");
    t.add("{\"account\":\"team-1\",\"seats\":\"many\"}");
    t.add("{\"account\":\"acme.io\",\"seats\":14}");
    Files.write(traits, t, StandardCharsets.UTF_8);
  }

  @Test
  void accountModelWithoutRollups_cardsOfEveryStep_areThoseOfPlsScore_atParallelism1And2()
      throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits, Instant.parse("2026-10-15T00:00:00Z"), 20);
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-16T10:00:00Z"), Duration.ofDays(2), 10);
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    String expected = TestData.plsScore(MODEL, events, traits, steps, plsRejects);
    assertTrue(expected.contains("\"entity\":\"quiet.example\""), "an account with no events");
    assertTrue(expected.contains("\"entity\":\"team-1\""), "an account its users name");
    assertTrue(expected.contains("\"tier\":\"hot\""), expected);
    for (String p : List.of("1", "2")) {
      Path out = tmp.resolve("out-" + p);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--local",
                  "--model",
                  MODEL.toString(),
                  "--events",
                  events.toString(),
                  "--traits",
                  traits.toString(),
                  "--from",
                  steps.get(0).toString(),
                  "--to",
                  steps.get(steps.size() - 1).toString(),
                  "--step",
                  "2d",
                  "--parallelism",
                  p,
                  "--out",
                  out.toString()));
      if (p.equals("2")) {
        args.addAll(List.of("--state-backend", "rocksdb", "--checkpoint-interval", "200ms"));
      }
      Run r = job(args);
      assertEquals(0, r.status(), r.err());
      assertEquals(
          expected,
          Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8),
          "parallelism " + p);
      assertEquals(
          Files.readString(plsRejects), Files.readString(out.resolve(PlsFlinkJob.REJECTS)));
      assertTrue(r.err().startsWith("scored 8 accounts with account_pqa v1 at 10 steps"), r.err());
    }
  }

  @Test
  void accountModel_emitChanges_givesTheCardsOfEveryStepFilteredByTheRule_atParallelism2()
      throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits, Instant.parse("2026-10-15T00:00:00Z"), 20);
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-16T10:00:00Z"), Duration.ofDays(1), 20);
    String all = TestData.plsScore(MODEL, events, traits, steps, tmp.resolve("pls-rejects.jsonl"));
    String expected = TestData.changesOnly(all);
    long kept = expected.lines().count();
    assertTrue(kept > 8 && kept < all.lines().count(), kept + " of " + all.lines().count());
    Path out = tmp.resolve("out");
    Run r =
        job(
            List.of(
                "--local",
                "--model",
                MODEL.toString(),
                "--events",
                events.toString(),
                "--traits",
                traits.toString(),
                "--from",
                steps.get(0).toString(),
                "--to",
                steps.get(steps.size() - 1).toString(),
                "--parallelism",
                "2",
                "--emit",
                "changes",
                "--out",
                out.toString()));
    assertEquals(0, r.status(), r.err());
    assertEquals(
        expected, Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8));
  }

  @Test
  void accountModelWithAHandoff_alertsAreThoseOfPlsRoute_atParallelism2() throws Exception {
    Path model = tmp.resolve("accounts-handoff.pls");
    Files.writeString(
        model,
        Files.readString(MODEL)
            + String.join(
                "\n",
                "",
                "queue ae \"Account executive\" sla 24h capacity 1",
                "queue nurture \"Nurture\" sla 72h",
                "route hot to ae",
                "route warm to nurture level low",
                "hold hot while score >= 40",
                "cooldown 2d",
                ""));
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits, Instant.parse("2026-10-15T00:00:00Z"), 20);
    Instant from = Instant.parse("2026-10-16T10:00:00Z");
    Instant to = Instant.parse("2026-11-03T10:00:00Z");
    String expected =
        TestData.plsRoute(
            model,
            events,
            traits,
            from,
            to,
            "1d",
            tmp.resolve("pls-alerts.jsonl"),
            new StringBuilder());
    assertTrue(expected.contains("\"status\":\"triage\""), "the capacity binds: " + expected);
    Path out = tmp.resolve("out");
    Run r =
        localJob(
            model,
            events,
            traits,
            out,
            "--from",
            from.toString(),
            "--to",
            to.toString(),
            "--parallelism",
            "2");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        expected, Files.readString(out.resolve(PlsFlinkJob.ALERTS), StandardCharsets.UTF_8));
  }

  @Test
  void aUserNamingAnotherAccountAfterItsFirstStep_isRefused_noCardsWritten() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-01T10:00:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-03T10:00:00Z\"}",
            "{\"user\":\"u1\",\"account\":\"other.io\",\"event\":\"login\","
                + "\"time\":\"2026-10-04T10:00:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-06T10:00:00Z\"}",
            ""));
    Files.writeString(traits, "{\"user\":\"u1\",\"email_domain\":\"acme.io\"}\n");
    Path out = tmp.resolve("out");
    Run r =
        localJob(
            MODEL,
            events,
            traits,
            out,
            "--from",
            "2026-10-02T12:00:00Z",
            "--to",
            "2026-10-05T12:00:00Z");
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "user 'u1' belongs to account 'other.io' by what it stated at"
                    + " 2026-10-04T10:00:00Z, after its first step gave it 'acme.io'"),
        r.err());
    assertFalse(Files.exists(out.resolve(PlsFlinkJob.CARDS)), "no cards written");
  }
}
