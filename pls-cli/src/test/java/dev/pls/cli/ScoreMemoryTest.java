package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Memory bounded by the users, not the events: `pls score` runs in a JVM of 64 MB heap over a gzip
 * JSON Lines stream of 600,000 events of 2,000 users (most of them by a few hundred). Held as events (about 0.9 KB each as the
 * whole-entity path keeps them) they would take some 540 MB, eight times that heap. (That path,
 * forced with --at, does run out of memory there, after a minute of collecting garbage: too slow
 * a test to keep.)
 *
 * The cards are checked against counts the test keeps itself while it writes the stream (views in
 * the last 7 days, pricing views in the last 30, active days in the last 30, per user), so the
 * check does not lean on the store it checks.
 */
class ScoreMemoryTest {
  static final int USERS = 2_000;
  static final int EVENTS = 600_000;
  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
  static final long DAY = 86_400;

  static final String MODEL =
      """
      model memory version 1

      signal views = count(page_viewed)
      signal pricing = count(page_viewed where path == "/pricing")
      signal days = active_days(any)

      category usage {
        views >= 40 within 7d : +10 "Busy week"
        pricing >= 30 within 30d : +20 "Pricing"
        days >= 29 within 30d : +5 "Every day"
      }

      tier hot when score >= 30
      tier warm when score >= 10
      """;

  @TempDir Path dir;

  /** What a user's events add up to, by the model's windows, counted as they are written. */
  static final class Expected {
    final int[] views7 = new int[USERS];
    final int[] pricing30 = new int[USERS];
    final long[] days30 = new long[USERS];
    final boolean[] seen = new boolean[USERS];

    int score(int u) {
      return (views7[u] >= 40 ? 10 : 0)
          + (pricing30[u] >= 30 ? 20 : 0)
          + (Long.bitCount(days30[u]) >= 29 ? 5 : 0);
    }
  }

  /**
   * Writes the stream: event i is user i % USERS's (spread by a multiplicative hash), dated up to
   * 60 days before the as-of instant (a few after it, which do not count), a pricing view one time
   * in four.
   */
  private Expected write(Path events) throws IOException {
    Expected x = new Expected();
    long asOfDay = Math.floorDiv(AS_OF.getEpochSecond(), DAY);
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(events), 1 << 16),
                StandardCharsets.UTF_8),
            1 << 16)) {
      for (int i = 0; i < EVENTS; i++) {
        long h = (i * 0x9E3779B97F4A7C15L) >>> 17;
        // The lesser of two draws: low user numbers are busy, high ones nearly idle.
        int u = (int) Math.min(h % USERS, (h >>> 20) % USERS);
        // Up to 60 days back; one event in 500 up to a day after the as-of instant.
        long g = ((i + 1L) * 0xC2B2AE3D27D4EB4FL) >>> 20;
        long back = g % (60 * DAY);
        long t = AS_OF.getEpochSecond() - (i % 500 == 0 ? -(back % DAY) - 1 : back);
        boolean pricing = ((g >>> 30) & 3) == 0;
        w.write("{\"user\":\"user-");
        w.write(Integer.toString(u));
        w.write("\",\"event\":\"page_viewed\",\"time\":\"");
        w.write(Instant.ofEpochSecond(t).toString());
        w.write(pricing ? "\",\"props\":{\"path\":\"/pricing\"}}\n" : "\",\"props\":{}}\n");
        x.seen[u] = true;
        if (t > AS_OF.getEpochSecond()) {
          continue;
        }
        long age = asOfDay - Math.floorDiv(t, DAY);
        if (age < 7) {
          x.views7[u]++;
        }
        if (age < 30) {
          x.days30[u] |= 1L << age;
          if (pricing) {
            x.pricing30[u]++;
          }
        }
      }
    }
    return x;
  }

  record Run(int exit, String err) {}

  private Run score(Path model, Path events, Path cards, String... when)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Pls.class.getName(),
                "score",
                model.toString(),
                "--events",
                events.toString(),
                "--out",
                cards.toString()));
    command.addAll(List.of(when));
    Path err = dir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("pls score did not finish in 120 s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(err));
  }

  @Test
  void score_of600kEventsInA64MbHeap_streamsAndGivesTheCountedCards() throws Exception {
    Path model = Files.writeString(dir.resolve("memory.pls"), MODEL);
    Path events = dir.resolve("events.jsonl.gz");
    Expected x = write(events);
    Path cards = dir.resolve("cards.jsonl");

    Run run = score(model, events, cards, "--as-of", AS_OF.toString());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().contains("read 600000, accepted 600000, rejected 0"), run.err());
    List<String> lines = Files.readAllLines(cards);
    int users = 0;
    for (boolean seen : x.seen) {
      users += seen ? 1 : 0;
    }
    assertEquals(users, lines.size());
    ObjectMapper json = new ObjectMapper();
    int hot = 0;
    int warm = 0;
    for (String line : lines) {
      JsonNode card = json.readTree(line);
      int u = Integer.parseInt(card.get("entity").asText().substring("user-".length()));
      int expected = x.score(u);
      assertEquals(expected, card.get("score").asInt(), line);
      hot += expected >= 30 ? 1 : 0;
      warm += expected >= 10 && expected < 30 ? 1 : 0;
    }
    // The stream must exercise every band, or the check above says little.
    assertTrue(hot > 0 && warm > 0 && hot + warm < USERS, "hot " + hot + ", warm " + warm);
    assertTrue(
        run.err().contains("scored " + users + " users: hot " + hot + ", warm " + warm + ", none "),
        run.err());
  }
}
