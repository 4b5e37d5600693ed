package dev.pls.flink;

import static dev.pls.flink.TestData.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment calls whose messageId was already accepted, in another file or earlier on a topic, are
 * duplicates, as in {@code pls score}: the cards and the rejects of {@code pls score} on the same
 * files, at parallelism 1 and 2.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DedupeTest {
  @TempDir Path tmp;

  private static String call(String id, String user, String event, Instant at) {
    return "{\"type\":\"track\",\"userId\":\""
        + user
        + "\",\"event\":\""
        + event
        + "\",\"timestamp\":\""
        + at
        + "\",\"messageId\":\""
        + id
        + "\"}";
  }

  /**
   * Two files of Segment calls in time order, split by time as an export is (the first the first
   * ten days, the second the next ten): the second begins with copies of calls from the first's
   * last two hours (Segment's retries, the same lines, delivered to the next file) and a call that
   * reuses one of their messageIds with other content; each file holds a copy of its own.
   */
  private void write(Path a, Path b) throws Exception {
    Random r = new Random(5);
    Instant from = Instant.parse("2026-09-20T00:00:00Z");
    Instant split = from.plus(Duration.ofDays(10));
    String[] names = {"invite_sent", "login", "invite_sent", "login", "page"};
    record Line(long at, String text) {}
    List<Line> first = new ArrayList<>();
    List<Line> second = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Instant at = from.plusSeconds(r.nextLong(Duration.ofDays(20).toSeconds()));
      if (i < 40) {
        at = split.minusSeconds(1 + r.nextLong(Duration.ofMinutes(100).toSeconds()));
      }
      String user = String.format("u%02d", 1 + r.nextInt(12));
      String name = names[r.nextInt(names.length)];
      boolean inFirst = at.isBefore(split);
      Line line = new Line(at.getEpochSecond(), call("m" + i, user, name, at));
      (inFirst ? first : second).add(line);
      if (i < 40 && i % 2 == 0) {
        second.add(new Line(split.getEpochSecond(), line.text())); // a retry, in the next file
      }
    }
    first.sort(Comparator.comparingLong(Line::at));
    second.sort(Comparator.comparingLong(Line::at));
    List<String> firstText = new ArrayList<>(first.stream().map(Line::text).toList());
    List<String> secondText = new ArrayList<>(second.stream().map(Line::text).toList());
    firstText.add(firstText.size() / 2 + 3, firstText.get(firstText.size() / 2));
    secondText.add(secondText.size() / 2 + 2, secondText.get(secondText.size() / 2));
    // Another call under a messageId the first file accepted: pls score keeps the first.
    String taken = firstText.get(firstText.size() - 2);
    String id = taken.substring(taken.indexOf("\"messageId\":\"") + 13, taken.length() - 2);
    Instant at =
        Instant.parse(
            taken.substring(
                taken.indexOf("\"timestamp\":\"") + 13, taken.indexOf("\",\"messageId")));
    secondText.add(3, call(id, "u99", "invite_sent", at));
    Files.write(a, firstText, StandardCharsets.UTF_8);
    Files.write(b, secondText, StandardCharsets.UTF_8);
  }

  @Test
  void copiesAcrossTwoFiles_areDuplicates_cardsAndRejectsOfPlsScore_atParallelism1And2()
      throws Exception {
    Path model = TestData.windowed();
    Path a = tmp.resolve("a.jsonl");
    Path b = tmp.resolve("b.jsonl");
    write(a, b);
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-09-25T13:30:00Z"), Duration.ofDays(3), 6);
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    StringBuilder expected = new StringBuilder();
    for (Instant t : steps) {
      List<String> args =
          List.of(
              "score",
              model.toString(),
              "--events",
              a.toString(),
              b.toString(),
              "--as-of",
              t.toString(),
              "--out",
              tmp.resolve("pls-out.jsonl").toString(),
              "--rejects",
              plsRejects.toString());
      picocli.CommandLine cl = dev.pls.cli.Pls.commandLine();
      java.io.StringWriter err = new java.io.StringWriter();
      cl.setErr(new java.io.PrintWriter(err, true));
      assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
      expected.append(Files.readString(tmp.resolve("pls-out.jsonl")));
    }
    String rejects = Files.readString(plsRejects);
    long duplicates = rejects.lines().filter(l -> l.contains("\"reason\":\"duplicate\"")).count();
    assertTrue(duplicates > 20, rejects);
    assertTrue(rejects.contains("u99"), rejects);
    assertEquals(duplicates, rejects.lines().count(), rejects);

    for (String p : List.of("1", "2")) {
      Path out = tmp.resolve("out-" + p);
      Run run =
          job(
              "--local",
              "--model",
              model.toString(),
              "--events",
              a.toString(),
              b.toString(),
              "--from",
              steps.get(0).toString(),
              "--to",
              steps.get(steps.size() - 1).toString(),
              "--step",
              "3d",
              "--parallelism",
              p,
              // One reader reads the two files in no fixed order: a lateness over the whole
              // period keeps the second file's events from being late after the first.
              "--lateness",
              "21d",
              "--out",
              out.toString());
      assertEquals(0, run.status(), run.err());
      assertEquals(
          expected.toString(), Files.readString(out.resolve(PlsFlinkJob.CARDS)), run.err());
      assertEquals(rejects, Files.readString(out.resolve(PlsFlinkJob.REJECTS)), p);
      assertTrue(run.err().contains("; " + duplicates + " rejected; 0 late"), run.err());
    }
  }

  /**
   * A topic of one partition holding the two files' lines, one after the other: the second file's
   * copies are duplicates there too, at the records' offsets + 1.
   */
  @Test
  void copiesOnATopic_areDuplicates_asInPlsScoreOnTheFile() throws Exception {
    Path model = TestData.windowed();
    Path a = tmp.resolve("a.jsonl");
    Path b = tmp.resolve("b.jsonl");
    write(a, b);
    Path both = tmp.resolve("both.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(a));
    lines.addAll(Files.readAllLines(b));
    Files.write(both, lines, StandardCharsets.UTF_8);
    List<Instant> steps =
        TestData.steps(Instant.parse("2026-09-25T13:30:00Z"), Duration.ofDays(3), 6);
    Path plsRejects = tmp.resolve("pls-rejects.jsonl");
    String expected = TestData.plsScore(model, both, null, steps, plsRejects);

    ModelSource source = ModelSource.read(model);
    KafkaLines kafka = new KafkaLines(source);
    List<Input> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ConsumerRecord<byte[], byte[]> record =
          new ConsumerRecord<>(
              "pls-events", 0, i, null, lines.get(i).getBytes(StandardCharsets.UTF_8));
      List<Input> read = new ArrayList<>();
      kafka.deserialize(record, new ListCollector<>(read));
      records.addAll(read);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    Duration lateness = Duration.ofHours(2);
    // What PlsStream.read does after a Kafka source.
    DataStream<Input> topic =
        Dedupe.apply(
            env.fromData(records, TypeInformation.of(Input.class))
                .assignTimestampsAndWatermarks(
                    WatermarkStrategy.<Input>forGenerator(c -> new PlsStream.EveryEvent(lateness))
                        .withTimestampAssigner((in, previous) -> in.time)));
    List<Output> cards = new ArrayList<>();
    List<Long> duplicateLines = new ArrayList<>();
    CloseableIterator<Output> it = PlsStream.score(topic, source, steps).executeAndCollect();
    try {
      while (it.hasNext()) {
        Output o = it.next();
        if (o.kind == Output.CARD) {
          cards.add(o);
        } else if (o.kind == Output.REJECT) {
          assertEquals("duplicate", o.reason);
          duplicateLines.add(o.line);
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
      expectedLines.add(Long.parseLong(r.replaceAll(".*\"line\":([0-9]+),.*", "$1")));
    }
    duplicateLines.sort(Comparator.naturalOrder());
    assertTrue(expectedLines.size() > 20, expectedLines.toString());
    assertEquals(expectedLines, duplicateLines);
  }
}
