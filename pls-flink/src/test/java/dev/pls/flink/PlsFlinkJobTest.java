package dev.pls.flink;

import static dev.pls.flink.TestData.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Model;
import dev.pls.flink.TestData.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on Flink's embedded MiniCluster against {@code pls score} and the reference evaluator, on
 * generated users whose events come out of order within the allowed lateness, in zones with a DST
 * change inside the period, at parallelism 1 and 2 (the heap and the RocksDB state backends).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlsFlinkJobTest {
  @TempDir Path tmp;

  private String read(Path dir, String name) throws Exception {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void sketchModelInNewYork_cardsOfEveryStep_areThoseOfPlsScoreAndTheReference_atParallelism1And2()
      throws Exception {
    Path model = TestData.sketchIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    // New York leaves DST on 2026-11-01; events from 2026-10-10 for 40 days, up to 45 min late.
    TestData.write(
        events, traits, 15, 40, Instant.parse("2026-10-10T00:00:00Z"), 40, Duration.ofMinutes(45));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-20T04:00:00Z"), Duration.ofDays(3), 9);
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    String expected = TestData.plsScore(model, events, traits, steps, plsRejects);
    Model m = ModelSource.read(model).model();
    assertEquals(expected, TestData.reference(m, events, traits, steps));
    assertTrue(expected.lines().count() > 40L * 9, "every user at every step");

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
                  "2026-10-20T04:00:00Z",
                  "--to",
                  "2026-11-13T04:00:00Z",
                  "--step",
                  "3d",
                  "--parallelism",
                  p,
                  "--lateness",
                  "1h",
                  "--out",
                  out.toString()));
      if (p.equals("2")) {
        args.addAll(List.of("--state-backend", "rocksdb", "--checkpoint-interval", "200ms"));
      }
      Run r = job(args.toArray(String[]::new));
      assertEquals(0, r.status(), r.err());
      assertEquals(expected, read(out, PlsFlinkJob.CARDS), "parallelism " + p);
      assertEquals(Files.readString(plsRejects), read(out, PlsFlinkJob.REJECTS));
      assertEquals("", read(out, PlsFlinkJob.LATE));
      assertTrue(r.err().contains("; 3 rejected; 0 late"), r.err());
    }
  }

  @Test
  void emitChanges_givesTheCardsOfEmitAllFilteredByTheRule_atParallelism1And2() throws Exception {
    Path model = TestData.sketchIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 15, 30, Instant.parse("2026-10-20T00:00:00Z"), 20, Duration.ofMinutes(45));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-21T04:00:00Z"), Duration.ofDays(1), 24);
    String all = TestData.plsScore(model, events, traits, steps, tmp.resolve("pls-rejects.jsonl"));
    String expected = TestData.changesOnly(all);
    long kept = expected.lines().count();
    assertTrue(kept > 30 && kept < all.lines().count(), kept + " of " + all.lines().count());

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
                  "2026-10-21T04:00:00Z",
                  "--to",
                  "2026-11-13T04:00:00Z",
                  "--parallelism",
                  p,
                  "--emit",
                  "changes",
                  "--out",
                  out.toString()));
      if (p.equals("2")) {
        args.addAll(List.of("--state-backend", "rocksdb", "--checkpoint-interval", "200ms"));
      }
      Run r = job(args.toArray(String[]::new));
      assertEquals(0, r.status(), r.err());
      assertEquals(expected, read(out, PlsFlinkJob.CARDS), "parallelism " + p);
    }
  }

  @Test
  void emitOtherThanAllOrChanges_isAUsageErrorNamingTheOption() {
    Run r =
        job(
            "--model",
            "m.pls",
            "--events",
            "e.jsonl",
            "--as-of",
            "2026-10-21T04:00:00Z",
            "--emit",
            "some",
            "--out",
            tmp.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("--emit: expected all or changes, was 'some'"), r.err());
  }

  @Test
  void windowedModelInLordHowe_keepsOnlyTheWindowsEvents_andStillGivesPlsScoresCards()
      throws Exception {
    Path model = TestData.windowed();
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    // Lord Howe enters DST (30 minutes) on 2026-10-04; 30 days of events from 2026-09-20.
    TestData.write(
        events, traits, 16, 30, Instant.parse("2026-09-20T00:00:00Z"), 30, Duration.ofMinutes(20));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-09-21T13:30:00Z"), Duration.ofDays(1), 30);
    String expected =
        TestData.plsScore(model, events, traits, steps, tmp.resolve("pls-rejects.jsonl"));
    Path out = tmp.resolve("out");
    Run r =
        job(
            "--local",
            "--model",
            model.toString(),
            "--events",
            events.toString(),
            "--traits",
            traits.toString(),
            "--from",
            "2026-09-21T13:30:00Z",
            "--to",
            "2026-10-20T13:30:00Z",
            "--parallelism",
            "2",
            "--lateness",
            "30m",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(expected, read(out, PlsFlinkJob.CARDS));
  }

  @Test
  void eventsLaterThanTheLateness_areWrittenToLateAndCounted_notScored() throws Exception {
    Path model = TestData.windowed();
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-01T10:00:00Z\"}",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-05T10:00:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-05T11:00:00Z\"}",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-05T10:30:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"invite_sent\",\"time\":\"2026-10-05T09:00:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-06T11:00:00Z\"}",
            ""));
    Path onTime = tmp.resolve("on-time.jsonl");
    List<String> kept = new ArrayList<>(Files.readAllLines(events));
    kept.remove(4); // u2's invite, 2 h before the newest event read: beyond 1 h of lateness
    Files.write(onTime, kept);
    List<Instant> steps = List.of(Instant.parse("2026-10-06T12:00:00Z"));
    String expected =
        TestData.plsScore(model, onTime, null, steps, tmp.resolve("pls-rejects.jsonl"));
    Path out = tmp.resolve("out");
    Run r =
        job(
            "--local",
            "--model",
            model.toString(),
            "--events",
            events.toString(),
            "--as-of",
            "2026-10-06T12:00:00Z",
            "--lateness",
            "1h",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(expected, read(out, PlsFlinkJob.CARDS));
    assertEquals(
        "{\"file\":\""
            + events
            + "\",\"line\":5,\"user\":\"u2\",\"time\":\"2026-10-05T09:00:00Z\","
            + "\"watermark\":\"2026-10-05T09:59:59.999Z\"}\n",
        read(out, PlsFlinkJob.LATE));
    assertTrue(r.err().contains("; 0 rejected; 1 late (beyond PT1H of lateness"), r.err());
  }

  @Test
  void severalLateEvents_areALineEach_withNothingBeforeIt() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-10-05T10:00:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-05T12:00:00Z\"}",
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-10-05T09:00:00Z\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-05T08:00:00Z\"}",
            ""));
    Path out = tmp.resolve("out");
    Run r =
        job(
            "--local",
            "--model",
            TestData.windowed().toString(),
            "--events",
            events.toString(),
            "--as-of",
            "2026-10-06T12:00:00Z",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    List<String> late = Files.readAllLines(out.resolve(PlsFlinkJob.LATE));
    assertEquals(2, late.size(), late.toString());
    assertTrue(late.get(1).startsWith("{\"file\":"), late.get(1));
  }

  @Test
  void anEventOfAnAccountAlone_inAUserModelsInput_countsForNoUser_asInPlsScore() throws Exception {
    Path model = TestData.windowed();
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-05T10:00:00Z\"}",
            "{\"account\":\"acme.io\",\"event\":\"invite_sent\",\"time\":\"2026-10-05T11:00:00Z\"}",
            "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-06T10:00:00Z\"}",
            ""));
    List<Instant> steps = List.of(Instant.parse("2026-10-06T12:00:00Z"));
    String expected =
        TestData.plsScore(model, events, null, steps, tmp.resolve("pls-rejects.jsonl"));
    Path out = tmp.resolve("out");
    Run r =
        job(
            "--local",
            "--model",
            model.toString(),
            "--events",
            events.toString(),
            "--as-of",
            "2026-10-06T12:00:00Z",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(expected, read(out, PlsFlinkJob.CARDS));
    assertTrue(r.err().contains("scored 1 users"), r.err());
  }

  /**
   * A user without traits whose every event falls out of the windows has nothing left in state; it
   * still gets pls score's card at the later steps (an entity without events in its windows).
   */
  @Test
  void aUserWhoseEventsWereAllDropped_stillGetsPlsScoresCards() throws Exception {
    Path model = TestData.windowed();
    Path events = tmp.resolve("events.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add("{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-01T10:00:00Z\"}");
    for (int d = 1; d <= 25; d++) {
      lines.add(
          String.format(
              "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-10-%02dT11:00:00Z\"}", d));
    }
    Files.write(events, lines);
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-02T12:00:00Z"), Duration.ofDays(2), 12);
    String expected =
        TestData.plsScore(model, events, null, steps, tmp.resolve("pls-rejects.jsonl"));
    Path out = tmp.resolve("out");
    Run r =
        job(
            "--local",
            "--model",
            model.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-10-02T12:00:00Z",
            "--to",
            "2026-10-24T12:00:00Z",
            "--step",
            "2d",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(expected, read(out, PlsFlinkJob.CARDS));
  }

  @Test
  void usageErrors_nameTheOption_status2() {
    assertTrue(
        job("--model", "m.pls", "--events", "e.jsonl", "--out", "o")
            .err()
            .contains("give --as-of T, or the steps --from T1 --to T2 [--step D]"));
    Run r =
        job(
            "--model",
            "m.pls",
            "--events",
            "e.jsonl",
            "--as-of",
            "2026-10-06T12:00:00Z",
            "--parallelism",
            "0",
            "--out",
            "o");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--parallelism: expected a whole number from 1, was '0'"), r.err());
    Run same =
        job(
            "--model",
            "m.pls",
            "--events",
            "o/cards.jsonl",
            "--as-of",
            "2026-10-06T12:00:00Z",
            "--out",
            "o");
    assertEquals(2, same.status());
    assertTrue(same.err().contains("--out and --events name the same file"), same.err());
  }
}
