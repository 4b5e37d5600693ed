package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves behind: file outputs replaced whole or not at all, a failed run never
 * destroying the previous results, a run that accepted nothing failing, redelivered Segment calls
 * counted once.
 */
class RunOutcomesTest {
  @TempDir Path dir;

  private static final String OLD_CARDS = "{\"previous\":\"run\"}\n";

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private Cli.Result score(Path events, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("score", Cli.MODEL, "--events", events.toString(), "--as-of", Cli.AS_OF));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void score_success_cardsReplaceThePreviousFile_noTemporaryLeft() throws IOException {
    Path out = write("cards.jsonl", OLD_CARDS.strip());
    Path events = Files.copy(Path.of(Cli.RES + "events.jsonl"), dir.resolve("ev.jsonl"));

    Cli.Result r = score(events, "--out", out.toString());

    assertEquals(0, r.status(), r.err());
    String cards = Files.readString(out);
    assertTrue(cards.startsWith("{\"") && !cards.contains("previous"), cards);
    assertTrue(cards.endsWith("}\n"), "the last card is whole");
    assertEquals(List.of("cards.jsonl", "ev.jsonl"), names());
  }

  @Test
  void score_rejectLimitExceeded_previousCardsUntouched_rejectsWritten() throws IOException {
    // Before, --out was truncated when the run began, so a failed run destroyed the last results.
    Path out = write("cards.jsonl", OLD_CARDS.strip());
    Path rejects = dir.resolve("rejects.jsonl");
    Path events =
        write(
            "ev.jsonl",
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-11-20T09:00:00Z\"}",
            "not json",
            "not json either");

    Cli.Result r =
        score(
            events, "--out", out.toString(), "--rejects", rejects.toString(), "--max-rejects", "1");

    assertEquals(2, r.status(), r.err());
    assertEquals(OLD_CARDS, Files.readString(out));
    assertEquals(2, Files.readAllLines(rejects).size());
    assertEquals(List.of("cards.jsonl", "ev.jsonl", "rejects.jsonl"), names());
  }

  @Test
  void score_everyRecordRejected_status3_hintForTheCommonestReason_rejectsKept_cardsUntouched()
      throws IOException {
    // 207,917 date-only timestamps used to give "accepted 0" and exit 0.
    Path out = write("cards.jsonl", OLD_CARDS.strip());
    Path rejects = dir.resolve("rejects.jsonl");
    Path events =
        write(
            "ev.jsonl",
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-11-18 09:00\"}",
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-11-19 10:00\"}",
            "{\"user\":\"u2\",\"event\":\"login\",\"time\":\"2026-11-20 08:00\"}",
            "{\"user\":\"u2\",\"event\":\"login\"}");

    Cli.Result r = score(events, "--out", out.toString(), "--rejects", rejects.toString());

    assertEquals(NothingAccepted.STATUS, r.status(), r.err());
    assertTrue(
        r.err().contains("read 4, accepted 0, rejected 4 (bad_time 3, missing_time 1)"), r.err());
    assertTrue(
        r.err()
            .contains(
                "error: none of the 4 records read was accepted; the commonest reason is bad_time"
                    + " (3): timestamps without a UTC offset are read only with --zone ZONE"),
        r.err());
    assertEquals("", r.out());
    assertEquals(OLD_CARDS, Files.readString(out));
    assertEquals(4, Files.readAllLines(rejects).size());
  }

  @Test
  void route_rejectLimitExceeded_previousAlertsUntouched() throws IOException {
    // route --out was written in place as the alerts were decided, so a failed replay truncated
    // the previous alerts; without --state it is atomic like every other output.
    Path out = write("alerts.jsonl", OLD_CARDS.strip());
    Path events = write("ev.jsonl", "not json", "not json either");
    List<String> args =
        RouteStateTest.args(RouteStateTest.TO, "--out", out.toString(), "--max-rejects", "1");
    args.set(args.indexOf("--events") + 1, events.toString());

    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertEquals(2, r.status(), r.err());
    assertEquals(OLD_CARDS, Files.readString(out));
    assertEquals(List.of("alerts.jsonl", "ev.jsonl"), names());
  }

  @Test
  void route_success_alertsReplaceThePreviousFileWhole_noTemporaryLeft() throws IOException {
    Path out = write("alerts.jsonl", OLD_CARDS.strip());

    Cli.Result r =
        Cli.run(
            RouteStateTest.args(RouteStateTest.TO, "--out", out.toString()).toArray(String[]::new));

    assertEquals(0, r.status(), r.err());
    String alerts = Files.readString(out);
    assertTrue(alerts.startsWith("{\"") && !alerts.contains("previous"), alerts);
    assertEquals(List.of("alerts.jsonl"), names());
  }

  @Test
  void score_inputFileMissing_status1_previousCardsUntouched() throws IOException {
    // A typo in an event file's name used to replace the previous cards with an empty file.
    Path out = write("cards.jsonl", OLD_CARDS.strip());

    Cli.Result r = score(dir.resolve("typo.jsonl"), "--out", out.toString());

    assertEquals(1, r.status(), r.err());
    assertEquals(OLD_CARDS, Files.readString(out));
    assertTrue(
        r.err().contains("cards not written: an input file could not be read, so " + out), r.err());
    assertEquals(List.of("cards.jsonl"), names());
  }

  @Test
  void route_inputFileMissing_status1_previousAlertsUntouched() throws IOException {
    Path out = write("alerts.jsonl", OLD_CARDS.strip());
    List<String> args = RouteStateTest.args(RouteStateTest.TO, "--out", out.toString());
    args.set(args.indexOf("--events") + 1, dir.resolve("typo.jsonl").toString());

    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertEquals(1, r.status(), r.err());
    assertEquals(OLD_CARDS, Files.readString(out));
    assertEquals(List.of("alerts.jsonl"), names());
  }

  @Test
  void score_everyRecordRejected_fixedByTheHint_scores() throws IOException {
    Path events =
        write("ev.jsonl", "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-11-18 09:00\"}");
    assertEquals(NothingAccepted.STATUS, score(events).status());
    Cli.Result fixed = score(events, "--zone", "Europe/Berlin");
    assertEquals(0, fixed.status(), fixed.err());
  }

  @Test
  void score_emptyEventFile_notAFailure() throws IOException {
    // Nothing read is not "everything rejected".
    Cli.Result r = score(write("ev.jsonl", ""));
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void explain_everyRecordRejected_status3NotEntityMissing() throws IOException {
    Path events =
        write("ev.jsonl", "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-11-18 09:00\"}");
    Cli.Result r =
        Cli.run(
            "explain",
            Cli.MODEL,
            "--entity",
            "u1",
            "--events",
            events.toString(),
            "--as-of",
            Cli.AS_OF);
    assertEquals(NothingAccepted.STATUS, r.status(), r.err());
    assertTrue(r.err().contains("the commonest reason is bad_time"), r.err());
  }

  @Test
  void score_segmentCallRedelivered_scoredOnce_countedAsDuplicate_notAgainstMaxRejects()
      throws IOException {
    String first =
        "{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"a1\",\"event\":\"dashboard_created\","
            + "\"timestamp\":\"2026-11-19T12:00:00Z\"}";
    String second =
        "{\"type\":\"track\",\"messageId\":\"m-2\",\"userId\":\"a1\",\"event\":\"dashboard_created\","
            + "\"timestamp\":\"2026-11-19T13:00:00Z\"}";
    Path once = write("once.jsonl", first, second);
    Path twice = write("twice.jsonl", first, second, first);
    Path again = write("again.jsonl", second);
    Path rejects = dir.resolve("rejects.jsonl");

    Cli.Result expected = score(once);
    Cli.Result r =
        score(
            twice,
            "--rejects",
            rejects.toString(),
            "--max-rejects",
            "0",
            "--events",
            again.toString());

    assertEquals(0, r.status(), r.err());
    assertEquals(expected.out(), r.out());
    assertTrue(r.err().contains("read 4, accepted 2, rejected 2 (duplicate 2)"), r.err());
    List<String> lines = Files.readAllLines(rejects);
    assertEquals(2, lines.size());
    assertTrue(
        lines.get(0).contains("\"line\":3,\"reason\":\"duplicate\",\"detail\":\"messageId 'm-1'"),
        lines.get(0));
    assertTrue(lines.get(1).contains("again.jsonl"), lines.get(1));
  }

  @Test
  void fmt_write_replacesTheFileWhole_keepsItsMode_noTemporaryLeft() throws IOException {
    Path f = Files.copy(Path.of(Cli.RES + "unformatted.pls"), dir.resolve("rules.pls"));
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    }

    Cli.Result r = Cli.run("fmt", "--write", f.toString());

    assertEquals(0, r.status(), r.err());
    assertEquals(
        Files.readString(Path.of(Cli.RES + "unformatted.formatted.pls")), Files.readString(f));
    assertEquals(List.of("rules.pls"), names());
    if (posix) {
      assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
  }

  @Test
  void fmt_write_fileInReadOnlyDirectory_errorAndFileUntouched() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes anywhere");
    Path sub = Files.createDirectory(dir.resolve("ro"));
    Path f = Files.copy(Path.of(Cli.RES + "unformatted.pls"), sub.resolve("rules.pls"));
    String before = Files.readString(f);
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-x------"));
    try {
      Cli.Result r = Cli.run("fmt", "--write", f.toString());
      assertEquals(1, r.status(), r.err());
      assertTrue(r.err().startsWith("error: " + f + ": cannot write the file"), r.err());
      assertEquals(before, Files.readString(f));
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void test_junitXml_writtenWhole_noTemporaryLeft() throws IOException {
    Path report = write("report.xml", "<old/>");
    Cli.Result r = Cli.run("test", Cli.RES + "passing.pls", "--junit-xml", report.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.readString(report).startsWith("<?xml"), "report replaced");
    assertEquals(List.of("report.xml"), names());
  }
}
