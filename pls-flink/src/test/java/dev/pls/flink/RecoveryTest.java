package dev.pls.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
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
 * A job that fails mid-stream, after a checkpoint, and is restored from it (RocksDB, incremental
 * checkpoints, file readers resumed at their line) gives the cards and the hand-off's alerts of an
 * uninterrupted run, each once: the alerts both through the collecting sink and through the
 * exactly-once file sink ({@link PlsStream#alertSink}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecoveryTest {
  @TempDir Path tmp;

  /**
   * Passes records through slowly until a checkpoint has completed and 100 records passed, then
   * fails the task once; the marker file says it has failed, so the restored task does not.
   */
  static final class FailOnce extends RichMapFunction<Input, Input> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final String marker;
    private transient boolean checkpointed;
    private transient int seen;

    FailOnce(Path marker) {
      this.marker = marker.toString();
    }

    @Override
    public Input map(Input in) throws Exception {
      if (Files.exists(Path.of(marker))) {
        return in;
      }
      seen++;
      if (checkpointed && seen > 300) {
        Files.createFile(Path.of(marker));
        throw new IllegalStateException("failing on purpose, once");
      }
      Thread.sleep(2);
      return in;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = true;
    }
  }

  @Test
  void failedAndRestoredFromACheckpoint_givesTheCardsAndAlertsOfAnUninterruptedRun_eachOnce()
      throws Exception {
    Path model = TestData.sketchWithHandoffIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 21, 30, Instant.parse("2026-10-20T00:00:00Z"), 20, Duration.ofMinutes(30));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-21T12:00:00Z"), Duration.ofDays(1), 19);
    String expected =
        TestData.plsScore(model, events, traits, steps, tmp.resolve("pls-rejects.jsonl"));
    String expectedAlerts =
        TestData.plsRoute(
            model,
            events,
            traits,
            steps.get(0),
            steps.get(steps.size() - 1),
            "1d",
            tmp.resolve("pls-alerts.jsonl"),
            new StringBuilder());
    assertTrue(expectedAlerts.lines().count() > 10, expectedAlerts);

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, failing());
    env.enableCheckpointing(100);
    ModelSource source = ModelSource.read(model);
    Path marker = tmp.resolve("failed");
    // The failing map is chained to the event source, so it slows the reader itself and a
    // checkpoint falls between two lines of the file: the reader is restored at its line.
    DataStream<Input> in =
        PlsStream.read(env, source, List.of(events), List.of(), Duration.ofHours(1))
            .map(new FailOnce(marker))
            .returns(Input.class)
            .union(PlsStream.read(env, source, List.of(), List.of(traits), Duration.ofHours(1)));
    DataStream<Output> outputs = PlsStream.score(in, source, steps);
    Path alertFiles = tmp.resolve("alerts");
    PlsStream.alerts(outputs).sinkTo(PlsStream.alertSink(alertFiles)).uid("pls-alert-files");
    List<Output> cards = new ArrayList<>();
    List<Output> alerts = new ArrayList<>();
    CloseableIterator<Output> it = outputs.executeAndCollect();
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

    // The committed part files (in-progress ones are hidden, named from a dot) hold every alert
    // once: pls route's lines, in some order, and no id twice.
    List<String> committed = new ArrayList<>();
    try (Stream<Path> files = Files.list(alertFiles)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        committed.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    assertEquals(sorted(expectedAlerts.lines().toList()), sorted(committed), "the alert files");
    Set<String> ids = new HashSet<>();
    for (String line : committed) {
      String id = line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\",\"at\""));
      assertTrue(ids.add(id), "alert " + id + " twice");
    }
  }

  /**
   * With {@link PlsStream.Emit#CHANGES}, a job failed after a checkpoint and restored from it emits
   * the cards of an uninterrupted run, each once: the last emitted card of each entity is restored
   * with the checkpoint, so a step replayed after the restore does not emit an unchanged card
   * again.
   */
  @Test
  void emitChanges_failedAndRestored_givesTheChangedCardsOfAnUninterruptedRun_eachOnce()
      throws Exception {
    Path model = TestData.sketchIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 22, 30, Instant.parse("2026-10-20T00:00:00Z"), 20, Duration.ofMinutes(30));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-21T12:00:00Z"), Duration.ofDays(1), 19);
    String expected =
        TestData.changesOnly(
            TestData.plsScore(model, events, traits, steps, tmp.resolve("pls-rejects.jsonl")));

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, failing());
    env.enableCheckpointing(100);
    ModelSource source = ModelSource.read(model);
    Path marker = tmp.resolve("failed");
    DataStream<Input> in =
        PlsStream.read(env, source, List.of(events), List.of(), Duration.ofHours(1))
            .map(new FailOnce(marker))
            .returns(Input.class)
            .union(PlsStream.read(env, source, List.of(), List.of(traits), Duration.ofHours(1)));
    List<Output> cards = new ArrayList<>();
    CloseableIterator<Output> it =
        PlsStream.score(in, source, steps, PlsStream.Emit.CHANGES).executeAndCollect();
    try {
      it.forEachRemaining(
          o -> {
            if (o.kind == Output.CARD) {
              cards.add(o);
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
  }

  /** RocksDB, incremental checkpoints to {@code tmp}, and restarts after a failure. */
  private Configuration failing() {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("checkpoints").toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
    return conf;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    Collections.sort(copy);
    return copy;
  }
}
