package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.Golden;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event files mixing good records with every kind of bad one, through {@code pls score}. */
class BadInputTest {
  @TempDir Path tmp;

  private Path events;
  private Path csv;
  private Path long_;
  private Path truncated;
  private Path binary;

  @BeforeEach
  void files() throws IOException {
    events = tmp.resolve("events.jsonl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(bytes, "{\"user\":\"a1\",\"event\":\"Invite Sent\",\"time\":\"2026-11-19T12:00:00Z\"}\n");
    write(bytes, "{\"user\":\"a1\",\"event\":\"Invite Sent\"\n"); // malformed
    write(bytes, "[\"a1\",\"Invite Sent\"]\n"); // not_an_object
    write(bytes, "{\"event\":\"Invite Sent\",\"time\":\"2026-11-19T12:00:00Z\"}\n"); // missing_user
    write(bytes, "{\"user\":\"a1\",\"time\":\"2026-11-19T12:00:00Z\"}\n"); // missing_event
    write(bytes, "{\"user\":\"a1\",\"event\":\"Invite Sent\"}\n"); // missing_time
    write(bytes, "{\"user\":\"a1\",\"event\":\"Invite Sent\",\"time\":\"2026-11-19 12:00\"}\n");
    write(
        bytes,
        "{\"user\":\"a1\",\"event\":\"page_viewed\",\"time\":\"2026-11-19T12:00:00Z\","
            + "\"props\":{\"path\":{\"p\":\"/pricing\"}}}\n"); // nested_value
    write(bytes, "{\"user\":7.5,\"event\":\"Invite Sent\",\"time\":\"2026-11-19T12:00:00Z\"}\n");
    write(bytes, "{\"type\":\"batch\",\"batch\":[]}\n");
    write(
        bytes,
        "{\"user\":\"a1\",\"event\":\"page_viewed\",\"time\":\"2026-11-19T12:00:00Z\","
            + "\"props\":{\"path\":5}}\n"); // wrong_type: the model compares path with a string
    bytes.write(
        "{\"user\":\"a1\",\"event\":\"q\u00e9\",\"time\":1".getBytes(StandardCharsets.ISO_8859_1));
    write(bytes, "}\n"); // not_utf8
    write(
        bytes,
        "{\"type\":\"track\",\"userId\":\"a1\",\"event\":\"page_viewed\","
            + "\"timestamp\":\"2026-11-20T10:00:00Z\",\"properties\":{\"path\":\"/pricing\"}}\n");
    write(
        bytes,
        "{\"user\":\"a1\",\"event\":\"page_viewed\",\"time\":1795089600,"
            + "\"props\":{\"path\":\"/pricing\"}}\n");
    Files.write(events, bytes.toByteArray());

    csv = tmp.resolve("more.csv");
    Files.writeString(
        csv,
        "user,event,time\n"
            + "a2,Invite Sent,2026-11-19T12:00:00Z\n"
            + "a2,Invite Sent\n"
            + "a2,trial_started,2026-11-10T12:00:00Z\n");

    long_ = tmp.resolve("long.jsonl");
    Files.writeString(
        long_,
        "{\"user\":\"a3\",\"event\":\"x\",\"time\":1,\"props\":{\"s\":\""
            + "y".repeat(1 << 20)
            + "\"}}\n{\"user\":\"a3\",\"event\":\"trial_started\",\"time\":\"2026-11-19T00:00:00Z\"}\n");

    truncated = tmp.resolve("cut.jsonl.gz");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      // Varied lines, so that the stream has many blocks and the cut leaves most of them whole.
      for (int i = 0; i < 5000; i++) {
        write(
            out,
            "{\"user\":\"a4\",\"event\":\"query_run\",\"time\":" + (1795000000 + i * 7) + "}\n");
      }
    }
    byte[] whole = gz.toByteArray();
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 20));

    binary = tmp.resolve("image.jsonl");
    Files.write(
        binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private Cli.Result score(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "score",
                Cli.MODEL,
                "--as-of",
                Cli.AS_OF,
                "--rejects",
                tmp.resolve("rejects.jsonl").toString(),
                "--events"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private String rejects() throws IOException {
    return Files.readString(tmp.resolve("rejects.jsonl")).replace(tmp + "/", "TMP/");
  }

  @Test
  void score_mixedFile_everyBadRecordRejectedWithLineAndReason_goodOnesScored() throws Exception {
    Cli.Result r = score(events.toString(), csv.toString());
    assertEquals(0, r.status(), r.err());
    Golden.assertMatches("dev/pls/cli/bad-input.rejects.jsonl", rejects());
    assertEquals(
        "read 17, accepted 5, rejected 12 (bad_time 1, bad_value 1, malformed 1, missing_event 1,"
            + " missing_time 1, missing_user 1, nested_value 1, not_an_object 1, not_utf8 1,"
            + " unsupported_call 1, wrong_column_count 1, wrong_type 1), T s, R records/s",
        Cli.stable(r.err().lines().toList().get(1)));
    assertTrue(
        r.err().contains("more.csv: read 3, accepted 2, rejected 1 (wrong_column_count 1)\n"),
        r.err());
    List<String> cards = r.out().lines().toList();
    assertEquals(2, cards.size(), r.out());
    // a1 kept its two good pricing views (JSON and Segment) and its invite.
    assertTrue(cards.get(0).startsWith("{\"entity\":\"a1\""), cards.get(0));
    assertTrue(cards.get(0).contains("{\"name\":\"intent\",\"positive\":20,"), cards.get(0));
    assertTrue(cards.get(1).startsWith("{\"entity\":\"a2\""), cards.get(1));
  }

  @Test
  void score_tooLongLine_rejectedAndTheNextLineRead() throws Exception {
    Cli.Result r = score(long_.toString());
    assertEquals(0, r.status(), r.err());
    String rejects = rejects();
    assertTrue(
        rejects.startsWith("{\"file\":\"TMP/long.jsonl\",\"line\":1,\"reason\":\"too_long\""));
    assertEquals(1, rejects.lines().count());
    assertTrue(r.out().startsWith("{\"entity\":\"a3\""), r.out());
  }

  @Test
  void score_truncatedGzipAndBinaryFile_reportedOnceStatus1OthersStillScored() throws Exception {
    Cli.Result r = score(truncated.toString(), binary.toString(), csv.toString());
    assertEquals(1, r.status(), r.err());
    List<String> errors =
        r.err().lines().filter(l -> l.startsWith("error: ")).collect(Collectors.toList());
    assertEquals(2, errors.size(), r.err());
    assertTrue(errors.get(0).startsWith("error: " + truncated + ": truncated or corrupt gzip"));
    assertTrue(errors.get(1).startsWith("error: " + binary + ": binary data (a PNG image)"));
    assertTrue(!r.err().contains("Exception"), r.err());
    assertTrue(r.out().contains("{\"entity\":\"a2\""), r.out());
    assertTrue(r.out().contains("{\"entity\":\"a4\""), r.out());
  }

  @Test
  void score_maxRejectsExceeded_status2AndNoCards() throws Exception {
    Cli.Result r = score(events.toString(), "--max-rejects", "3");
    assertEquals(2, r.status(), r.err());
    assertEquals("", r.out());
    assertTrue(
        r.err().contains("error: stopped: more records rejected than --max-rejects allows"),
        r.err());
    assertEquals(4, rejects().lines().count());
  }

  @Test
  void score_maxRejectsNotExceeded_status0() throws Exception {
    Cli.Result r = score(events.toString(), "--max-rejects", "11");
    assertEquals(0, r.status(), r.err());
  }
}
