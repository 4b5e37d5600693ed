package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Segment delivers at least once: a call read again is dropped, counted, and never fatal. */
class SegmentDuplicatesTest {
  private final CollectingSink sink = new CollectingSink();
  private final StringWriter rejectsOut = new StringWriter();

  private static String track(String messageId, String time) {
    return "{\"type\":\"track\",\"messageId\":\""
        + messageId
        + "\",\"userId\":\"u1\",\"event\":\"login\",\"timestamp\":\""
        + time
        + "\"}";
  }

  private FileSummary read(InputReader reader, String name, String... lines) {
    return reader.readEvents(
        name,
        new ByteArrayInputStream(
            (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)),
        InputFormat.JSON_LINES,
        CsvMapping.defaults());
  }

  @Test
  void redeliveredCall_inTheSameOrALaterFile_rejectedAsDuplicate_eventKeptOnce() {
    InputReader reader = InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE);
    FileSummary a =
        read(
            reader,
            "a.jsonl",
            track("m1", "2026-11-20T09:00:00Z"),
            track("m1", "2026-11-20T09:00:00Z"));
    FileSummary b = read(reader, "b.jsonl", track("m1", "2026-11-20T09:00:00Z"));

    assertEquals(Map.of("duplicate", 1L), a.rejectedByReason());
    assertEquals(Map.of("duplicate", 1L), b.rejectedByReason());
    assertEquals(1, sink.events.size());
    assertTrue(
        rejectsOut
            .toString()
            .contains("\"detail\":\"messageId 'm1' was already read; not counted twice\""),
        rejectsOut.toString());
  }

  @Test
  void firstCopyRejected_secondCopyJudgedOnItsOwn() {
    // Only an accepted call marks its messageId: a copy that was bad does not hide a good one.
    InputReader reader = InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE);
    FileSummary f =
        read(
            reader,
            "a.jsonl",
            track("m1", "2026-11-20 09:00:00"),
            track("m1", "2026-11-20T09:00:00Z"));
    assertEquals(Map.of("bad_time", 1L), f.rejectedByReason());
    assertEquals(1, sink.events.size());
  }

  @Test
  void callsWithoutOrWithEmptyMessageId_neverDuplicates() {
    InputReader reader = InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE);
    String none =
        "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"login\",\"timestamp\":\"2026-11-20T09:00:00Z\"}";
    FileSummary f =
        read(
            reader,
            "a.jsonl",
            none,
            none,
            track("", "2026-11-20T09:00:00Z"),
            track("", "2026-11-20T09:00:00Z"));
    assertEquals(4, f.accepted());
  }

  @Test
  void duplicates_notHeldAgainstTheRejectLimit() {
    Rejects rejects = Rejects.to(rejectsOut, 0);
    InputReader reader = InputReader.create(sink, rejects, ReadProgress.NONE);
    read(
        reader,
        "a.jsonl",
        track("m1", "2026-11-20T09:00:00Z"),
        track("m1", "2026-11-20T09:00:00Z"));
    assertFalse(rejects.limitExceeded());
    assertEquals(1, rejects.count());
    read(reader, "b.jsonl", "not json");
    assertTrue(rejects.limitExceeded());
  }
}
