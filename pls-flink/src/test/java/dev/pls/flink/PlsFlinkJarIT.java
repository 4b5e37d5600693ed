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

  @TempDir Path tmp;

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
        stderr.contains("scored 27 users with b2b_trial_pql v3 at 1 step: 27 cards"), stderr);
  }
}
