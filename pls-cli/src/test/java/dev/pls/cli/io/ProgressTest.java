package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now = 0;

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static ReadSummary summary() {
    TreeMap<String, Long> reasons = new TreeMap<>();
    reasons.put("malformed", 2L);
    reasons.put("bad_time", 1L);
    return new ReadSummary(
        List.of(
            new FileSummary("a.jsonl", 20_000, 19_997, 3, reasons, Optional.empty()),
            new FileSummary(
                "b.jsonl.gz",
                0,
                0,
                0,
                new TreeMap<>(),
                Optional.of("truncated or corrupt gzip data after line 0"))),
        false);
  }

  @Test
  void summaryLine_readAcceptedRejectedByReasonElapsedAndRate() {
    assertEquals(
        "read 20000, accepted 19997, rejected 3 (bad_time 1, malformed 2), 2.5 s, 8000"
            + " records/s",
        Progress.summaryLine(summary(), 2_500_000_000L));
  }

  @Test
  void notInteractive_drawsNothingButPrintsSummaryAndErrors() {
    Progress p = Progress.create(err, false, () -> now);
    for (int i = 0; i < 100_000; i++) {
      now += 1_000_000;
      p.recordRead();
    }
    p.finish(summary());
    assertEquals(
        "read 20000, accepted 19997, rejected 3 (bad_time 1, malformed 2), 100.0 s, 200"
            + " records/s\n"
            + "  a.jsonl: read 20000, accepted 19997, rejected 3 (bad_time 1, malformed 2)\n"
            + "  b.jsonl.gz: read 0, accepted 0, rejected 0\n"
            + "error: b.jsonl.gz: truncated or corrupt gzip data after line 0\n",
        text().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void interactive_redrawsAtMostFiveTimesASecondAndClearsTheLine() {
    Progress p = Progress.create(err, true, () -> now);
    for (int i = 0; i < 100_000; i++) {
      now += 10_000; // 100,000 records a second
      p.recordRead();
    }
    p.finish(new ReadSummary(List.of(), true));
    String out = text();
    long draws = out.chars().filter(c -> c == '\r').count() - 1;
    assertEquals(4, draws, out);
    assertTrue(out.contains("\rreading: 81920 records, 0 rejected, 0.8 s "), out);
    assertTrue(out.contains("\r\033[Kread 0, accepted 0, rejected 0"), out);
    assertTrue(
        out.endsWith(
            "error: stopped: more records rejected than --max-rejects allows"
                + System.lineSeparator()),
        out);
  }

  @Test
  void steps_shownOnTheLiveLine_atMostFiveTimesASecond_andNotWhenNotInteractive() {
    Progress p = Progress.create(err, true, () -> now);
    now += 300_000_000L;
    p.stepped(3, 737);
    p.stepped(4, 737); // within 0.2 s of the last draw: not drawn
    now += 300_000_000L;
    p.stepped(5, -1);
    assertEquals(
        "\rreading: 0 records, 0 rejected, step 3 of 737, 0.3 s "
            + "\rreading: 0 records, 0 rejected, 5 scored, 0.6 s ",
        text());
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Progress q =
        Progress.create(new PrintStream(quiet, true, StandardCharsets.UTF_8), false, () -> now);
    now += 300_000_000L;
    q.stepped(1, 2);
    assertEquals(0, quiet.size());
  }
}
