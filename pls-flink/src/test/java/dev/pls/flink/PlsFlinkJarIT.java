package dev.pls.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar as a newcomer does, {@code java -jar pls-flink/target/pls-flink.jar --local
 * …}, in its own process, on the DESIGN.md sketch model and a generated event log: its cards are
 * the bytes {@code pls score --format jsonl} writes. Runs after packaging (the {@code jar-tests}
 * execution in pls-flink's POM).
 */
class PlsFlinkJarIT {
  private static final Path JAR = TestData.ROOT.resolve("pls-flink/target/pls-flink.jar");

  private static final Path DOC = TestData.ROOT.resolve("docs/scale-out.md");

  @TempDir Path tmp;

  private record Run(int status, String err) {}

  /** Runs {@code java ARGS} in the repository's root. */
  private Run java(List<String> args) throws Exception {
    Path err = tmp.resolve("err.txt");
    List<String> command = new java.util.ArrayList<>(List.of("java"));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .directory(TestData.ROOT.toFile())
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + command);
    return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * The command of {@code docs/scale-out.md} (the {@code console} block after {@code <!--
   * flink-command -->}) prints the closing line the page shows and writes the cards and rejects of
   * {@code pls score} with the same arguments.
   */
  @Test
  void theDocsCommand_printsWhatTheDocShows_andWritesWhatPlsScoreWrites() throws Exception {
    List<String> block = new java.util.ArrayList<>();
    List<String> doc = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int at = doc.indexOf("<!-- flink-command -->");
    assertTrue(at >= 0 && doc.get(at + 1).equals("```console"), "no command block in " + DOC);
    for (int i = at + 2; !doc.get(i).equals("```"); i++) {
      block.add(doc.get(i));
    }
    assertEquals(2, block.size(), "one command and the line it prints: " + block);
    List<String> args =
        new java.util.ArrayList<>(List.of(block.get(0).substring("$ java ".length()).split(" ")));
    int out = args.indexOf("--out");
    String shownOut = args.get(out + 1);
    Path outDir = tmp.resolve("flink-out");
    args.set(out + 1, outDir.toString());
    Run r = java(args);
    assertEquals(0, r.status(), r.err());
    String closing =
        r.err().lines().filter(l -> l.startsWith("scored ")).reduce((a, b) -> b).orElse("");
    assertEquals(
        block.get(1),
        closing.replace(outDir.toString(), shownOut).replaceAll("\\d+\\.\\d s$", "T s"));

    // The same arguments for pls score, run in-process (in pls-flink/): the model is its
    // parameter, and files are resolved against the repository's root.
    List<String> score = new java.util.ArrayList<>(List.of("score"));
    String option = null;
    for (String a : args.subList(args.indexOf("--model"), out)) {
      if (a.startsWith("--")) {
        option = a;
        if (!a.equals("--model") && !a.equals("--local")) {
          score.add(a);
        }
      } else {
        boolean file = List.of("--model", "--events", "--traits").contains(option);
        score.add(file ? TestData.ROOT.resolve(a).toString() : a);
      }
    }
    Path cards = tmp.resolve("pls-cards.jsonl");
    Path rejects = tmp.resolve("pls-rejects.jsonl");
    score.addAll(List.of("--out", cards.toString(), "--rejects", rejects.toString()));
    assertEquals(0, dev.pls.cli.Pls.commandLine().execute(score.toArray(String[]::new)));
    assertEquals(Files.readString(cards), Files.readString(outDir.resolve(PlsFlinkJob.CARDS)));
    assertEquals(
        Files.readString(rejects).replace(TestData.ROOT.resolve("examples").toString(), "examples"),
        Files.readString(outDir.resolve(PlsFlinkJob.REJECTS)));
  }

  /** The jar carries the Kafka connector and its client, so {@code --kafka-topic} runs from it. */
  @Test
  void theJar_holdsTheKafkaConnectorAndClient() throws Exception {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
      for (String c :
          List.of(
              "org/apache/flink/connector/kafka/source/KafkaSource.class",
              "org/apache/kafka/clients/consumer/KafkaConsumer.class",
              "dev/pls/flink/KafkaLines.class")) {
        assertTrue(jar.getEntry(c) != null, "not in the jar: " + c);
      }
    }
  }

  @Test
  void localRun_onTheSketchModel_writesTheBytesOfPlsScore() throws Exception {
    Path model = TestData.sketchIn(tmp, "Europe/Berlin");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    TestData.write(
        events, traits, 7, 25, Instant.parse("2026-10-01T00:00:00Z"), 45, Duration.ofMinutes(10));
    String asOf = "2026-11-10T09:00:00Z";
    Path rejects = tmp.resolve("pls-rejects.jsonl");
    String expected =
        TestData.plsScore(model, events, traits, List.of(Instant.parse(asOf)), rejects);
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                "java",
                "-jar",
                JAR.toString(),
                "--local",
                "--model",
                model.toString(),
                "--events",
                events.toString(),
                "--traits",
                traits.toString(),
                "--as-of",
                asOf,
                "--parallelism",
                "2",
                "--out",
                out.toString())
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stderr);
    assertEquals(expected, Files.readString(out.resolve(PlsFlinkJob.CARDS)));
    assertEquals(Files.readString(rejects), Files.readString(out.resolve(PlsFlinkJob.REJECTS)));
    assertTrue(
        stderr.contains("scored 26 users with b2b_trial_pql v3 at 1 step: 26 cards"), stderr);
  }
}
