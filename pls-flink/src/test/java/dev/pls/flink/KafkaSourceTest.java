package dev.pls.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka source without a broker: each record read as the same line of an events file is, and
 * the job's graph with the topic in place of the files.
 */
class KafkaSourceTest {
  @TempDir Path tmp;

  private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String text) {
    return new ConsumerRecord<>(
        "events",
        partition,
        offset,
        null,
        text == null ? null : text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Input> read(KafkaLines lines, ConsumerRecord<byte[], byte[]> record)
      throws IOException {
    List<Input> out = new ArrayList<>();
    lines.deserialize(record, new ListCollector<>(out));
    return out;
  }

  @Test
  void everyRecord_isReadAsTheSameLineOfAnEventsFile_atItsPartitionAndOffset() throws Exception {
    Path model = TestData.sketchIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    TestData.write(
        events,
        tmp.resolve("traits.jsonl"),
        7,
        12,
        Instant.parse("2026-10-10T00:00:00Z"),
        10,
        Duration.ZERO);
    List<String> text = Files.readAllLines(events);
    text.add(
        "{\"type\":\"track\",\"userId\":\"u003\",\"event\":\"login\","
            + "\"timestamp\":\"2026-10-12T10:00:00Z\",\"messageId\":\"m1\"}");
    ModelSource source = ModelSource.read(model);
    LineParser file = new LineParser(source.model(), "events.jsonl", 0, false);
    KafkaLines kafka = new KafkaLines(source);
    int rejects = 0;
    for (int i = 0; i < text.size(); i++) {
      List<Input> expected = file.next(text.get(i));
      List<Input> got = read(kafka, record(3, 100 + i, text.get(i)));
      assertEquals(expected.size(), got.size(), text.get(i));
      for (int k = 0; k < got.size(); k++) {
        Input e = expected.get(k);
        Input g = got.get(k);
        assertEquals(e.kind, g.kind, text.get(i));
        assertEquals(e.user, g.user);
        assertEquals(e.time, g.time);
        assertArrayEquals(e.data, g.data);
        assertEquals(e.reason, g.reason);
        assertEquals(e.detail, g.detail);
        assertEquals(e.text, g.text);
        assertEquals(3, g.file, "the partition stands for the file");
        assertEquals(101 + i, g.line, "the offset + 1 for the line");
        rejects += g.kind == Input.REJECT ? 1 : 0;
      }
    }
    // The generator's two bad lines (its blank line is skipped, as in a file).
    assertEquals(2, rejects);
    assertEquals(List.of(), read(kafka, record(0, 5, null)), "a tombstone holds no record");
  }

  /**
   * A topic of one partition holding an events file's lines, one a record, scored on the
   * MiniCluster beside the trait file (at parallelism 2): the cards of {@code pls score} on the
   * file, step for step, and its rejects at the same lines (the offset + 1 of a record). The
   * records stand for what the source reads (no broker here): each line through {@link KafkaLines}
   * at offset line - 1.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aTopicOfOnePartition_givesTheCardsAndRejectsOfPlsScoreOnTheFile() throws Exception {
    Path model = TestData.sketchIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 21, 20, Instant.parse("2026-10-20T00:00:00Z"), 20, Duration.ofMinutes(30));
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-10-25T04:00:00Z"), Duration.ofDays(4), 4);
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    String expected = TestData.plsScore(model, events, traits, steps, plsRejects);

    ModelSource source = ModelSource.read(model);
    KafkaLines kafka = new KafkaLines(source);
    List<String> lines = Files.readAllLines(events);
    List<Input> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      records.addAll(read(kafka, record(0, i, lines.get(i))));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    Duration lateness = Duration.ofHours(1);
    DataStream<Input> topic =
        env.fromData(records, TypeInformation.of(Input.class))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Input>forGenerator(c -> new PlsStream.EveryEvent(lateness))
                    .withTimestampAssigner((in, previous) -> in.time));
    DataStream<Input> inputs =
        PlsStream.read(env, source, List.of(), List.of(traits), lateness).union(topic);
    List<Output> cards = new ArrayList<>();
    List<Long> rejectLines = new ArrayList<>();
    CloseableIterator<Output> it =
        PlsStream.score(inputs, source, steps).executeAndCollect("kafka records");
    try {
      while (it.hasNext()) {
        Output o = it.next();
        assertTrue(o.kind != Output.LATE, "no event is late");
        if (o.kind == Output.CARD) {
          cards.add(o);
        } else {
          rejectLines.add(o.line); // the topic's and the trait file's: both are numbered 0 here
        }
      }
    } finally {
      it.close();
    }
    cards.sort(Comparator.<Output>comparingLong(x -> x.step).thenComparing(x -> x.user));
    StringBuilder got = new StringBuilder();
    cards.forEach(c -> got.append(c.text).append('\n'));
    assertEquals(expected, got.toString());

    List<Long> expectedLines = new ArrayList<>();
    for (String r : Files.readAllLines(plsRejects)) {
      expectedLines.add(new ObjectMapper().readTree(r).get("line").asLong());
    }
    rejectLines.sort(Comparator.naturalOrder());
    expectedLines.sort(Comparator.naturalOrder());
    assertEquals(3, expectedLines.size(), "the generator's two bad event lines and a trait line");
    assertEquals(expectedLines, rejectLines);
  }

  @Test
  void segmentMessageIds_areNotRemembered_acrossRecords() throws Exception {
    KafkaLines kafka = new KafkaLines(ModelSource.read(TestData.sketchIn(tmp, "UTC")));
    String call =
        "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"login\","
            + "\"timestamp\":\"2026-10-12T10:00:00Z\",\"messageId\":\"same\"}";
    assertEquals(Input.EVENT, read(kafka, record(0, 0, call)).get(0).kind);
    assertEquals(Input.EVENT, read(kafka, record(0, 1, call)).get(0).kind);
  }

  @Test
  void theJob_readsTheTopicToItsLatestOffsets_underAFixedId_withTheTraitFilesBesideIt()
      throws Exception {
    Path model = TestData.sketchIn(tmp, "UTC");
    Path traits = tmp.resolve("traits.jsonl");
    Files.writeString(traits, "{\"user\":\"u1\",\"employees\":5}\n");
    PlsFlinkJob.Options o =
        PlsFlinkJob.parse(
            new String[] {
              "--model", model.toString(),
              "--kafka-bootstrap", "localhost:9092",
              "--kafka-topic", "events",
              "--traits", traits.toString(),
              "--as-of", "2026-10-20T00:00:00Z",
              "--parallelism", "2",
              "--out", tmp.resolve("out").toString()
            });
    assertEquals(new PlsFlinkJob.Kafka("localhost:9092", "events", "pls-flink"), o.kafka());
    ModelSource source = ModelSource.read(model);
    KafkaSource<Input> kafka = o.kafka().source(source);
    assertEquals(Boundedness.BOUNDED, kafka.getBoundedness());

    DataStream<Output> job = PlsFlinkJob.wire(o, source);
    StreamGraph graph = job.getExecutionEnvironment().getStreamGraph();
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (StreamNode n : graph.getStreamNodes()) {
      ids.add(n.getTransformationUID());
      names.add(n.getOperatorName());
    }
    assertTrue(ids.containsAll(List.of("pls-kafka", "pls-traits", "pls-score-steps")), "" + ids);
    assertTrue(names.stream().anyMatch(n -> n.contains("pls kafka events")), "" + names);
    assertTrue(!ids.contains("pls-events"), "no file source for events");
  }

  /**
   * The command of {@code docs/scale-out.md} (the {@code console} block after {@code <!--
   * flink-kafka-command -->}) is one the job takes, and wires a bounded Kafka source of the topic
   * it names, beside the trait file, into the scoring.
   */
  @Test
  void theDocsKafkaCommand_wiresTheTopicIntoTheJob() throws Exception {
    Path doc = TestData.ROOT.resolve("docs/scale-out.md");
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    int at = lines.indexOf("<!-- flink-kafka-command -->");
    assertTrue(at >= 0 && lines.get(at + 1).equals("```console"), "no command block in " + doc);
    assertEquals("```", lines.get(at + 3), "one command");
    String prefix = "$ java -jar pls-flink/target/pls-flink.jar ";
    assertTrue(lines.get(at + 2).startsWith(prefix), lines.get(at + 2));
    String[] args = lines.get(at + 2).substring(prefix.length()).split(" ");
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("examples/") || args[i].startsWith("target/")) {
        args[i] = TestData.ROOT.resolve(args[i]).toString();
      }
    }
    PlsFlinkJob.Options o = PlsFlinkJob.parse(args);
    assertEquals(new PlsFlinkJob.Kafka("localhost:9092", "pls-events", "pls-trial"), o.kafka());
    assertTrue(o.local());
    assertEquals(List.of(TestData.ROOT.resolve("examples/b2b-trial/traits.jsonl")), o.traits());
    ModelSource source = ModelSource.read(o.model());
    assertEquals(Boundedness.BOUNDED, o.kafka().source(source).getBoundedness());
    StreamGraph graph = PlsFlinkJob.wire(o, source).getExecutionEnvironment().getStreamGraph();
    List<String> ids = new ArrayList<>();
    graph.getStreamNodes().forEach(n -> ids.add(n.getTransformationUID()));
    assertTrue(ids.containsAll(List.of("pls-kafka", "pls-traits", "pls-score-steps")), "" + ids);
  }

  @Test
  void kafkaOptions_usageErrors_nameTheOption() {
    String[] base = {"--model", "m.pls", "--as-of", "2026-10-20T00:00:00Z", "--out", "o"};
    assertUsage("--kafka-bootstrap: give the brokers", base, "--kafka-topic", "events");
    assertUsage("--kafka-topic: give the topic", base, "--kafka-bootstrap", "h:9092");
    assertUsage(
        "--events: read events from files or from --kafka-topic events, not both",
        base,
        "--kafka-bootstrap",
        "h:9092",
        "--kafka-topic",
        "events",
        "--events",
        "e.jsonl");
    assertThrows(
        IllegalArgumentException.class,
        () -> PlsStream.kafka(new ModelSource("m.pls", "", null), " "));
  }

  private static void assertUsage(String message, String[] base, String... more) {
    List<String> args = new ArrayList<>(List.of(base));
    args.addAll(List.of(more));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        PlsFlinkJob.run(
            args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("error: " + message), text);
  }
}
