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
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account model that rolls up members on the MiniCluster against {@code pls score}: members
 * scored with the member model and rolled up (sum with a floor, average, top k with a cap, max with
 * a negative floor), member signals (active, new, departments, at tier, count), excluded members,
 * events of accounts alone, users' events that name another account, account traits, in Berlin
 * across the end of DST, events up to 30 minutes out of order, at parallelism 1 and 2; the
 * hand-off's alerts equal to {@code pls route}'s, also after a failure and a restore from a
 * checkpoint; the seat-expansion example; and a user that {@code pls score} would count as a member
 * before the stream can know of it is refused, not scored differently.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MemberRollupTest {
  @TempDir Path tmp;

  private static final Path MODEL = Path.of("src/test/resources/dev/pls/flink/members.pls");
  private static final String[] DOMAINS = {"acme.io", "gmail.com", "nexly.ai", "corp.example"};
  private static final String[] DEPARTMENTS = {"engineering", "sales", "support"};
  private static final String[] NAMES = {
    "invite_sent", "feature_used", "login", "contract_viewed", "page_viewed"
  };
  private static final String[] FEATURES = {"sso", "audit", "export", "api", "sheets"};

  private static final Instant FROM = Instant.parse("2026-10-15T00:00:00Z");
  private static final List<Instant> STEPS =
      TestData.steps(Instant.parse("2026-10-16T10:00:00Z"), Duration.ofDays(2), 10);

  private record Line(long order, String text) {}

  private static String event(String user, String account, String name, Instant t, Random r) {
    String props =
        name.equals("feature_used")
            ? ",\"props\":{\"feature\":\"" + FEATURES[r.nextInt(FEATURES.length)] + "\"}"
            : "";
    return "{\"user\":\""
        + user
        + "\""
        + (account == null ? "" : ",\"account\":\"" + account + "\"")
        + ",\"event\":\""
        + name
        + "\",\"time\":\""
        + t
        + "\""
        + props
        + "}";
  }

  /**
   * 45 users over 20 days from {@link #FROM}, up to 30 minutes out of order: most with an e-mail
   * domain (free-mail ones belong to no account, unless they name one) and a department; every
   * fifth without traits, naming its team on every event from before the first step, but for one
   * that names another account; a user with traits and no events; events of accounts alone; account
   * traits, one for an account with no events or members, one rejected.
   */
  private static void write(Path events, Path traits) throws Exception {
    Random r = new Random(11);
    List<Line> lines = new ArrayList<>();
    long span = Duration.ofDays(20).toSeconds();
    for (int u = 1; u <= 45; u++) {
      String user = String.format("u%03d", u);
      String team = u % 5 == 0 ? "team-" + (u % 3) : null;
      if (team != null) {
        // Named before the first step, so the team is the user's account from then on; the event
        // that names side.example counts as that account's own, not as a member's (and is all
        // side.example has).
        Instant t = FROM.plusSeconds(600L * u);
        lines.add(new Line(t.getEpochSecond(), event(user, team, "login", t, r)));
        Instant t1 = t.plusSeconds(60);
        Instant t2 = t.plusSeconds(120);
        lines.add(
            new Line(t1.getEpochSecond(), event(user, "side.example", "contract_viewed", t1, r)));
        lines.add(new Line(t2.getEpochSecond(), event(user, team, "login", t2, r)));
      }
      for (int i = 0, n = 5 + r.nextInt(40); i < n; i++) {
        Instant t = FROM.plusSeconds(10 * 3600 + r.nextLong(span));
        Instant shown = t.minusSeconds(r.nextLong(1800));
        lines.add(
            new Line(
                t.getEpochSecond(), event(user, team, NAMES[r.nextInt(NAMES.length)], shown, r)));
      }
    }
    for (int i = 0; i < 30; i++) {
      Instant t = FROM.plusSeconds(r.nextLong(span));
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
    for (int u = 1; u <= 45; u++) {
      if (u % 5 != 0) {
        t.add(
            String.format(
                "{\"user\":\"u%03d\",\"email_domain\":\"%s\",\"department\":\"%s\"}",
                u, DOMAINS[r.nextInt(4)], DEPARTMENTS[r.nextInt(3)]));
      }
    }
    t.add("{\"user\":\"u099\",\"email_domain\":\"nexly.ai\",\"department\":\"sales\"}");
    t.add("{\"account\":\"acme.io\",\"plan\":\"team\",\"seats\":12}");
    t.add("{\"account\":\"quiet.example\",\"plan\":\"free\",\"seats\":2}");
    t.add("{\"account\":\"team-1\",\"seats\":\"many\"}");
    t.add("{\"account\":\"acme.io\",\"seats\":14}");
    Files.write(traits, t, StandardCharsets.UTF_8);
  }

  /** The test model with a hand-off whose capacity binds on the generated data. */
  private Path withHandoff() throws Exception {
    Path model = tmp.resolve("members-handoff.pls");
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
                "hold hot while score >= 50",
                "cooldown 2d",
                ""));
    return model;
  }

  /** The test model with {@code rollup} for its rollup line. */
  private Path withRollup(String rollup) throws Exception {
    String text = Files.readString(MODEL);
    assertTrue(text.contains("rollup sum member_floor 0\n"));
    Path model = tmp.resolve("members-" + rollup.replace(' ', '_') + ".pls");
    Files.writeString(model, text.replace("rollup sum member_floor 0\n", rollup + "\n"));
    return model;
  }

  /**
   * Runs the job on the generated files over {@link #STEPS} and checks its cards are pls score's.
   */
  private void cardsArePlsScores(Path model, Path events, Path traits, String parallelism)
      throws Exception {
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    String expected = TestData.plsScore(model, events, traits, STEPS, plsRejects);
    assertTrue(expected.contains("\"entity\":\"quiet.example\""), "an account with no events");
    assertTrue(expected.contains("\"entity\":\"team-1\""), "an account its users name");
    assertTrue(
        expected.contains(
            "\"entity\":\"side.example\",\"kind\":\"account\",\"model\":\"team_pqa\",\"version\":1,\"as_of\":\"2026-10-16T10:00:00Z\",\"score\":10"),
        "an account with another's user's event alone");
    assertTrue(
        Pattern.compile("\"name\":\"members\",\"positive\":[1-9]").matcher(expected).find(),
        "the rollup contributes");
    assertTrue(
        Pattern.compile("\"name\":\"adoption\",\"positive\":[1-9]").matcher(expected).find(),
        "member signals fire");
    Path out = tmp.resolve("out-" + model.getFileName() + "-" + parallelism);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--local",
                "--model",
                model.toString(),
                "--events",
                events.toString(),
                "--traits",
                traits.toString(),
                "--from",
                STEPS.get(0).toString(),
                "--to",
                STEPS.get(STEPS.size() - 1).toString(),
                "--step",
                "2d",
                "--parallelism",
                parallelism,
                "--out",
                out.toString()));
    if (parallelism.equals("2")) {
      args.addAll(List.of("--state-backend", "rocksdb", "--checkpoint-interval", "200ms"));
    }
    Run r = job(args);
    assertEquals(0, r.status(), r.err());
    assertEquals(
        expected,
        Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8),
        model.getFileName() + " at parallelism " + parallelism);
    assertEquals(Files.readString(plsRejects), Files.readString(out.resolve(PlsFlinkJob.REJECTS)));
    assertTrue(r.err().startsWith("scored 9 accounts with team_pqa v1 at 10 steps"), r.err());
  }

  @Test
  void sumWithAFloor_cardsOfEveryStep_areThoseOfPlsScore_atParallelism1And2() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits);
    cardsArePlsScores(MODEL, events, traits, "1");
    cardsArePlsScores(MODEL, events, traits, "2");
  }

  @Test
  void averageTopKAndMax_cardsOfEveryStep_areThoseOfPlsScore_atParallelism2() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits);
    for (String rollup : List.of("rollup avg", "rollup top 3 member_cap 30", "rollup max")) {
      cardsArePlsScores(withRollup(rollup), events, traits, "2");
    }
  }

  @Test
  void aMemberModelInAnotherZone_cardsOfEveryStep_areThoseOfPlsScore_atParallelism1()
      throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits);
    String text = Files.readString(MODEL);
    Path model = tmp.resolve("members-new-york.pls");
    // The member model's (the first) zone only: its days begin six hours after the account's.
    Files.writeString(
        model, text.replaceFirst("timezone \"Europe/Berlin\"", "timezone \"America/New_York\""));
    cardsArePlsScores(model, events, traits, "1");
  }

  @Test
  void aHandoffOnAMemberModel_alertsAreThoseOfPlsRoute_atParallelism2() throws Exception {
    Path model = withHandoff();
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits);
    Instant from = STEPS.get(0);
    Instant to = STEPS.get(STEPS.size() - 1);
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

  /**
   * Failed mid-stream after a checkpoint (RocksDB, incremental) and restored from it, the job gives
   * the cards and alerts of an uninterrupted run, each once: the members' records sent on by the
   * user stage and held by the account stage are restored with the rest.
   */
  @Test
  void failedAndRestoredFromACheckpoint_givesTheCardsAndAlertsOfAnUninterruptedRun()
      throws Exception {
    Path model = withHandoff();
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    write(events, traits);
    Instant from = STEPS.get(0);
    Instant to = STEPS.get(STEPS.size() - 1);
    List<Instant> steps = TestData.steps(from, Duration.ofDays(1), 19);
    String expected =
        TestData.plsScore(model, events, traits, steps, tmp.resolve("pls-rejects.jsonl"));
    String expectedAlerts =
        TestData.plsRoute(
            model,
            events,
            traits,
            from,
            to,
            "1d",
            tmp.resolve("pls-alerts.jsonl"),
            new StringBuilder());
    assertFalse(expectedAlerts.isEmpty(), "the hand-off alerts");

    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("checkpoints").toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    env.enableCheckpointing(100);
    ModelSource source = ModelSource.read(model);
    Path marker = tmp.resolve("failed");
    DataStream<Input> in =
        PlsStream.read(env, source, List.of(events), List.of(), Duration.ofHours(1))
            .map(new RecoveryTest.FailOnce(marker))
            .returns(Input.class)
            .union(PlsStream.read(env, source, List.of(), List.of(traits), Duration.ofHours(1)));
    List<Output> cards = new ArrayList<>();
    List<Output> alerts = new ArrayList<>();
    CloseableIterator<Output> it = PlsStream.score(in, source, steps).executeAndCollect();
    try {
      it.forEachRemaining(
          o -> {
            if (o.kind == Output.CARD) {
              cards.add(o);
            } else if (o.kind == Output.ALERT) {
              alerts.add(o);
            }
          });
    } finally {
      it.close();
    }
    assertTrue(Files.exists(marker), "the job failed once");
    cards.sort(Comparator.<Output>comparingLong(o -> o.step).thenComparing(o -> o.user));
    StringBuilder got = new StringBuilder();
    cards.forEach(c -> got.append(c.text).append('\n'));
    assertEquals(expected, got.toString());
    alerts.sort(Comparator.<Output>comparingLong(o -> o.step).thenComparing(Capacity.PRIORITY));
    StringBuilder collected = new StringBuilder();
    alerts.forEach(a -> collected.append(a.text).append('\n'));
    assertEquals(expectedAlerts, collected.toString(), "the collected alerts");
  }

  @Test
  void theSeatExpansionExample_cardsAndAlertsAreThoseOfPlsScoreAndPlsRoute() throws Exception {
    Path dir = TestData.ROOT.resolve("examples/seat-expansion");
    Path model = dir.resolve("model.pls");
    Path events = dir.resolve("events.jsonl.gz");
    Path traits = dir.resolve("traits.jsonl");
    Instant from = Instant.parse("2026-11-16T12:00:00Z");
    Instant to = Instant.parse("2026-11-20T12:00:00Z");
    List<Instant> steps = TestData.steps(from, Duration.ofDays(1), 5);
    String cards = TestData.plsScore(model, events, traits, steps, tmp.resolve("rejects.jsonl"));
    String alerts =
        TestData.plsRoute(
            model,
            events,
            traits,
            from,
            to,
            "1d",
            tmp.resolve("pls-alerts.jsonl"),
            new StringBuilder());
    assertFalse(alerts.isEmpty(), "the example alerts");
    Path out = tmp.resolve("out");
    Run r = localJob(model, events, traits, out, "--from", from.toString(), "--to", to.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(cards, Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8));
    assertEquals(alerts, Files.readString(out.resolve(PlsFlinkJob.ALERTS), StandardCharsets.UTF_8));
    assertTrue(r.err().startsWith("scored "), r.err());
  }

  /**
   * The command of {@code docs/scale-out.md} after {@code <!-- flink-members-command -->}, run in
   * this JVM: it prints the closing line the page shows, and writes the cards of {@code pls score}
   * and the alerts of {@code pls route} with the same arguments.
   */
  @Test
  void theDocsMembersCommand_printsWhatTheDocShows_andWritesWhatPlsScoreAndPlsRouteWrite()
      throws Exception {
    List<String> doc =
        Files.readAllLines(TestData.ROOT.resolve("docs/scale-out.md"), StandardCharsets.UTF_8);
    int at = doc.indexOf("<!-- flink-members-command -->");
    assertTrue(at >= 0 && doc.get(at + 1).equals("```console"), "no command block");
    assertEquals("```", doc.get(at + 4), "one command and the line it prints");
    String jar = "$ java -jar pls-flink/target/pls-flink.jar ";
    assertTrue(doc.get(at + 2).startsWith(jar), doc.get(at + 2));
    List<String> args =
        new ArrayList<>(List.of(doc.get(at + 2).substring(jar.length()).split(" ")));
    for (String option : List.of("--model", "--events", "--traits")) {
      int i = args.indexOf(option) + 1;
      args.set(i, TestData.ROOT.resolve(args.get(i)).toString());
    }
    int o = args.indexOf("--out") + 1;
    String shownOut = args.get(o);
    Path out = tmp.resolve("flink-members-out");
    args.set(o, out.toString());
    Run r = job(args);
    assertEquals(0, r.status(), r.err());
    String closing =
        r.err().lines().filter(l -> l.startsWith("scored ")).reduce((a, b) -> b).orElse("");
    assertEquals(
        doc.get(at + 3),
        closing.replace(out.toString(), shownOut).replaceAll("\\d+\\.\\d s$", "T s"));
    Path model = Path.of(args.get(args.indexOf("--model") + 1));
    Path events = Path.of(args.get(args.indexOf("--events") + 1));
    Path traits = Path.of(args.get(args.indexOf("--traits") + 1));
    Instant asOf = Instant.parse(args.get(args.indexOf("--as-of") + 1));
    assertEquals(
        TestData.plsScore(model, events, traits, List.of(asOf), tmp.resolve("rejects.jsonl")),
        Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8));
    assertEquals(
        TestData.plsRoute(
            model, events, traits, asOf, asOf, "1d", tmp.resolve("a.jsonl"), new StringBuilder()),
        Files.readString(out.resolve(PlsFlinkJob.ALERTS), StandardCharsets.UTF_8));
  }

  @Test
  void aUserWithNothingAtAStep_thatLaterNamesItsAccount_isRefused_noCardsWritten()
      throws Exception {
    // pls score makes u2 a member of acme.io at the first step too, with no events: an included
    // member (the member model excludes free-mail users only), which the stream cannot know of.
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-01T10:00:00Z\"}",
            "{\"user\":\"u2\",\"account\":\"acme.io\",\"event\":\"login\","
                + "\"time\":\"2026-10-04T10:00:00Z\"}",
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-10-06T10:00:00Z\"}",
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
                "user 'u2' belongs to account 'acme.io' by what it stated at"
                    + " 2026-10-04T10:00:00Z, after its first step gave it none"),
        r.err());
    assertFalse(Files.exists(out.resolve(PlsFlinkJob.CARDS)), "no cards written");
  }

  @Test
  void aUserFirstReadAfterAStepItCountsIn_isRefused_noCardsWritten() throws Exception {
    // u3's group call (before the first step) is read after an event has taken the watermark past
    // that step, and u3 itself after it: pls score makes u3 a member of acme.io at the first step,
    // which acme.io has scored without it. No trait file, so nothing else holds the watermark.
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"user\":\"u1\",\"account\":\"acme.io\",\"event\":\"invite_sent\","
                + "\"time\":\"2026-10-01T10:00:00Z\"}",
            "{\"user\":\"u1\",\"account\":\"acme.io\",\"event\":\"login\","
                + "\"time\":\"2026-10-03T14:00:00Z\"}",
            "{\"type\":\"group\",\"userId\":\"u3\",\"groupId\":\"acme.io\","
                + "\"timestamp\":\"2026-10-01T12:00:00Z\"}",
            "{\"user\":\"u3\",\"event\":\"login\",\"time\":\"2026-10-03T15:00:00Z\"}",
            ""));
    Path out = tmp.resolve("out");
    Run r =
        job(
            List.of(
                "--local",
                "--model",
                MODEL.toString(),
                "--events",
                events.toString(),
                "--from",
                "2026-10-02T12:00:00Z",
                "--to",
                "2026-10-04T12:00:00Z",
                "--out",
                out.toString()));
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "user 'u3' belongs to account 'acme.io' by what it stated at"
                    + " 2026-10-01T12:00:00Z, after its first step gave it none"),
        r.err());
    assertFalse(Files.exists(out.resolve(PlsFlinkJob.CARDS)), "no cards written");
  }
}
