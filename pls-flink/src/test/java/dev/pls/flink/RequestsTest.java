package dev.pls.flink;

import static dev.pls.flink.TestData.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.io.EntityAssembler;
import dev.pls.core.input.AccountRule;
import dev.pls.core.model.EntityKind;
import dev.pls.core.scoring.Scorer;
import dev.pls.flink.TestData.Run;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cards on demand: requests for an entity's card as of an instant, answered on the MiniCluster,
 * against {@code pls score --as-of} over the same input.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** A request: the entity (null for every entity) and the instant asked about. */
  record Ask(String entity, Instant asOf) implements Serializable {
    String line() {
      return entity == null
          ? "{\"all\":true,\"as_of\":\"" + asOf + "\"}"
          : "{\"entity\":\"" + entity + "\",\"as_of\":\"" + asOf + "\"}";
    }
  }

  /**
   * Requests at random instants of the period (most between steps), at steps, after the last step
   * and for an entity that is in no file, in no order.
   */
  private static List<Ask> asks(List<Instant> steps, int users, long seed) {
    Random r = new Random(seed);
    Instant from = steps.get(0).minus(Duration.ofDays(2));
    long span = Duration.between(from, steps.get(steps.size() - 1)).toSeconds();
    List<Ask> asks = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      String user = String.format("u%03d", 1 + r.nextInt(users));
      asks.add(new Ask(user, from.plusSeconds(r.nextLong(span))));
    }
    asks.add(new Ask("u001", steps.get(3)));
    asks.add(new Ask("u002", steps.get(3)));
    asks.add(new Ask("u003", steps.get(steps.size() - 1).plus(Duration.ofDays(2))));
    asks.add(new Ask("nobody@else.io", steps.get(5).plusSeconds(1)));
    asks.add(4, new Ask(null, steps.get(4).plus(Duration.ofHours(7))));
    asks.add(new Ask(null, steps.get(steps.size() - 1).plus(Duration.ofDays(1))));
    return asks;
  }

  /** The requests file: a line per ask, then three bad lines. */
  private static void writeRequests(Path file, List<Ask> asks) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Ask a : asks) {
      lines.add(a.line());
    }
    lines.add(3, "{\"entity\":\"u001\"");
    lines.add(5, "{\"as_of\":\"2026-10-01T00:00:00Z\"}");
    lines.add("{\"entity\":\"u001\",\"as_of\":\"yesterday\"}");
    lines.add("");
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * What answers.jsonl holds: for each ask, in the file's order (its line, the bad lines counted),
   * the card {@code pls score --as-of} gives the entity, or for an entity in no file the card of an
   * entity without events or traits.
   */
  private String expectedAnswers(
      Path model, Path events, Path traits, Path requests, List<Ask> asks) throws Exception {
    Map<Instant, Map<String, String>> byInstant = new HashMap<>();
    Scorer scorer = Scorer.reference(ModelSource.read(model).model());
    List<String> lines = Files.readAllLines(requests, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Ask a = asks.stream().filter(x -> line.equals(x.line())).findFirst().orElse(null);
      if (a == null) {
        continue;
      }
      Map<String, String> cards =
          byInstant.computeIfAbsent(
              a.asOf(),
              t -> {
                try {
                  Map<String, String> m = new HashMap<>();
                  String all =
                      TestData.plsScore(model, events, traits, List.of(t), tmp.resolve("pr.jsonl"));
                  for (String c : all.lines().toList()) {
                    m.put(JSON.readTree(c).get("entity").asText(), c);
                  }
                  return m;
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
      if (a.entity() == null) {
        // Every entity pls score scores, in its order.
        List<String> all =
            TestData.plsScore(model, events, traits, List.of(a.asOf()), tmp.resolve("pr.jsonl"))
                .lines()
                .toList();
        for (String card : all) {
          out.append(
              answer(requests, i + 1, JSON.readTree(card).get("entity").asText(), a, true, card));
        }
        continue;
      }
      String card = cards.get(a.entity());
      boolean seen = card != null;
      if (!seen) {
        // What the job scores for an entity of which nothing was read: an entity pls score's
        // reader assembles from no record but its id.
        EntityAssembler nothing = EntityAssembler.create(AccountRule.standard());
        nothing.traits(EntityKind.USER, a.entity(), Map.of());
        card = ScoreSteps.json(scorer.score(nothing.users().get(0), a.asOf()));
      }
      out.append(answer(requests, i + 1, a.entity(), a, seen, card));
    }
    return out.toString();
  }

  private static String answer(
      Path requests, long line, String entity, Ask a, boolean seen, String card) {
    return "{\"file\":\""
        + requests
        + "\",\"line\":"
        + line
        + ",\"entity\":\""
        + entity
        + "\",\"as_of\":\""
        + a.asOf()
        + "\",\"seen\":"
        + seen
        + ",\"card\":"
        + card
        + "}\n";
  }

  @Test
  void requestsInLordHowe_areAnsweredWithPlsScoresCards_andLeaveTheStepCards_atParallelism1And2()
      throws Exception {
    Path model = TestData.windowed();
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    // Lord Howe enters DST (30 minutes) on 2026-10-04; 30 days of events from 2026-09-20.
    TestData.write(
        events, traits, 31, 16, Instant.parse("2026-09-20T00:00:00Z"), 30, Duration.ofMinutes(20));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-09-21T13:30:00Z"), Duration.ofDays(3), 10);
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    String cards = TestData.plsScore(model, events, traits, steps, plsRejects);
    List<Ask> asks = asks(steps, 16, 7);
    Path requests = tmp.resolve("requests.jsonl");
    writeRequests(requests, asks);
    String expected = expectedAnswers(model, events, traits, requests, asks);
    assertTrue(expected.lines().count() > asks.size() + 30, expected);

    for (String p : List.of("1", "2")) {
      Path out = tmp.resolve("out-" + p);
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
                  steps.get(0).toString(),
                  "--to",
                  steps.get(steps.size() - 1).toString(),
                  "--step",
                  "3d",
                  "--parallelism",
                  p,
                  "--lateness",
                  "30m",
                  "--requests",
                  requests.toString(),
                  "--out",
                  out.toString()));
      if (p.equals("2")) {
        args.addAll(
            List.of(
                "--state-backend",
                "rocksdb",
                "--checkpoint-interval",
                "200ms",
                "--emit",
                "changes"));
      }
      Run r = job(args);
      assertEquals(0, r.status(), r.err());
      assertEquals(expected, read(out, PlsFlinkJob.ANSWERS), "parallelism " + p);
      assertEquals(
          p.equals("1") ? cards : TestData.changesOnly(cards),
          read(out, PlsFlinkJob.CARDS),
          "the step cards, parallelism " + p);
      String rejects = read(out, PlsFlinkJob.REJECTS);
      assertTrue(rejects.startsWith(Files.readString(plsRejects)), rejects);
      List<String> ours =
          rejects.lines().filter(l -> l.contains("\"file\":\"" + requests + "\"")).toList();
      assertEquals(3, ours.size(), rejects);
      assertTrue(ours.get(0).contains("\"line\":4,\"reason\":\"malformed\""), ours.get(0));
      assertTrue(ours.get(1).contains("\"line\":6,\"reason\":\"missing_id\""), ours.get(1));
      assertTrue(ours.get(2).contains("\"reason\":\"bad_time\""), ours.get(2));
      assertTrue(
          r.err()
              .contains(
                  expected.lines().count()
                      + " answers to the requests of "
                      + requests
                      + " (0 refused)"),
          r.err());
    }
  }

  /**
   * Requests that reach an entity after a step dropped events their card reads are refused, never
   * answered wrong; those whose events are still held are answered, also when they come after the
   * watermark passed their instant. Each request rides in the events' own stream, after a given
   * line, so at parallelism 1 it comes exactly when the reader has read that far.
   */
  @Test
  void requestsAfterTheirEventsWereDropped_areRefused_othersAnswered() throws Exception {
    Path model = TestData.windowed();
    Path events = tmp.resolve("events.jsonl");
    TestData.write(
        events,
        tmp.resolve("traits.jsonl"),
        32,
        8,
        Instant.parse("2026-09-20T00:00:00Z"),
        30,
        Duration.ZERO);
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-09-21T13:30:00Z"), Duration.ofDays(1), 30);
    // Asked when the reader is three quarters through (about 2026-10-12): the steps before then
    // have fired and dropped the events more than 14 local days before the next step. The first
    // two requests read such events; the third is of an instant the watermark has just passed,
    // the fourth of one still ahead.
    List<String> lines = Files.readAllLines(events);
    int at = lines.size() * 3 / 4;
    while (!lines.get(at - 1).contains("\"time\"")) {
      at++;
    }
    Instant now = Instant.parse(JSON.readTree(lines.get(at - 1)).get("time").asText());
    List<Ask> asks =
        List.of(
            new Ask("u001", steps.get(0)),
            new Ask("u002", steps.get(2)),
            new Ask("u003", now.minus(Duration.ofMinutes(90))),
            new Ask("u004", steps.get(27)));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    ModelSource source = ModelSource.read(model);
    DataStream<Input> in =
        PlsStream.read(env, source, List.of(events), List.of(), Duration.ofHours(1))
            .flatMap(new AskAfter(at, asks))
            .returns(Input.class);
    List<Output> answers = new ArrayList<>();
    CloseableIterator<Output> it =
        PlsStream.score(in, source, steps, PlsStream.Emit.ALL, null).executeAndCollect();
    try {
      it.forEachRemaining(
          o -> {
            if (o.kind == Output.ANSWER) {
              answers.add(o);
            }
          });
    } finally {
      it.close();
    }
    answers.sort(Comparator.comparingLong(o -> o.line));
    assertEquals(4, answers.size());
    for (int i = 0; i < 2; i++) {
      assertNull(answers.get(i).text, answers.get(i).user);
      assertTrue(
          answers.get(i).detail.contains("were dropped after an earlier step"),
          answers.get(i).detail);
    }
    // Answered or refused, never wrong; the one ahead of the watermark is answered.
    assertTrue(answers.get(3).text != null, answers.get(3).detail);
    for (int i = 2; i < 4; i++) {
      if (answers.get(i).text == null) {
        continue;
      }
      Ask a = asks.get(i);
      String pls = TestData.plsScore(model, events, null, List.of(a.asOf()), tmp.resolve("r"));
      String card =
          pls.lines()
              .filter(l -> l.contains("\"entity\":\"" + a.entity() + "\""))
              .findFirst()
              .orElseThrow();
      assertEquals(card, answers.get(i).text, a.toString());
    }
  }

  /** Passes the inputs on, and after the {@code at}-th the requests of {@code asks}. */
  static final class AskAfter implements FlatMapFunction<Input, Input> {
    private static final long serialVersionUID = 1L;
    private final long at;
    private final List<Ask> asks;
    private transient boolean asked;

    AskAfter(long at, List<Ask> asks) {
      this.at = at;
      this.asks = List.copyOf(asks);
    }

    @Override
    public void flatMap(Input in, Collector<Input> out) {
      out.collect(in);
      if (in.line >= at && !asked) {
        asked = true;
        for (int i = 0; i < asks.size(); i++) {
          out.collect(PlsStream.request(asks.get(i).entity(), asks.get(i).asOf(), i));
        }
      }
    }
  }

  /**
   * A job failed after a checkpoint and restored from it answers every request once, with the cards
   * of an uninterrupted run: pending requests are in the entities' keyed state.
   */
  @Test
  void failedAndRestoredFromACheckpoint_answersEveryRequestOnce() throws Exception {
    Path model = TestData.sketchIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 23, 30, Instant.parse("2026-10-20T00:00:00Z"), 20, Duration.ofMinutes(30));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-21T12:00:00Z"), Duration.ofDays(1), 19);
    List<Ask> asks = asks(steps, 30, 9);
    Path requests = tmp.resolve("requests.jsonl");
    writeRequests(requests, asks);
    String expected = expectedAnswers(model, events, traits, requests, asks);

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
    PlsStream.Requests asked = PlsStream.requests(env, requests, 2);
    List<Output> answers = new ArrayList<>();
    CloseableIterator<Output> it =
        PlsStream.score(in, source, steps, PlsStream.Emit.ALL, asked).executeAndCollect();
    try {
      it.forEachRemaining(
          o -> {
            if (o.kind == Output.ANSWER) {
              answers.add(o);
            }
          });
    } finally {
      it.close();
    }
    assertTrue(Files.exists(marker), "the job failed once");
    answers.sort(Comparator.<Output>comparingLong(o -> o.line).thenComparing(o -> o.user));
    StringBuilder got = new StringBuilder();
    for (Output a : answers) {
      got.append("{\"file\":\"")
          .append(requests)
          .append("\",\"line\":")
          .append(a.line)
          .append(",\"entity\":\"")
          .append(a.user)
          .append("\",\"as_of\":\"")
          .append(Instant.ofEpochMilli(a.step))
          .append("\",\"seen\":")
          .append(a.seen)
          .append(",\"card\":")
          .append(a.text)
          .append("}\n");
    }
    assertEquals(expected, got.toString());
  }

  @Test
  void requestsToAnAccountModel_areRefusedWhenWired() throws Exception {
    Path model = Path.of("src/test/resources/dev/pls/flink/accounts.pls");
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(events, "");
    Path requests = tmp.resolve("requests.jsonl");
    Files.writeString(requests, "{\"entity\":\"acme.io\",\"as_of\":\"2026-10-01T00:00:00Z\"}\n");
    Run r =
        job(
            "--local",
            "--model",
            model.toString(),
            "--events",
            events.toString(),
            "--as-of",
            "2026-10-01T00:00:00Z",
            "--requests",
            requests.toString(),
            "--out",
            tmp.resolve("out").toString());
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().contains("requests: cards on demand are answered for user models"), r.err());
  }

  @Test
  void request_namesTheWrongArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlsStream.request("u1", Instant.parse("2026-10-01T00:00:00.000001Z"), 1));
    assertTrue(e.getMessage().startsWith("asOf: "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlsStream.request("", Instant.parse("2026-10-01T00:00:00Z"), 1));
    assertTrue(e.getMessage().startsWith("entity: "), e.getMessage());
  }

  @Test
  void requestsFileAlsoAnInput_isAUsageError() {
    Run r =
        job(
            "--model",
            "m.pls",
            "--events",
            "e.jsonl",
            "--as-of",
            "2026-10-06T12:00:00Z",
            "--requests",
            "o/answers.jsonl",
            "--out",
            "o");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("name the same file"), r.err());
  }

  private static String read(Path dir, String name) throws Exception {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }
}
