package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * `pls route --state`: a replay stopped anywhere and resumed gives the alerts of one uninterrupted
 * replay, byte for byte. The stops are made deterministic by running to an earlier --to (a stop
 * between steps), and by putting back an older state file after a longer run (a stop after a step's
 * alerts were written but before the state counting them was saved: the resume must cut those
 * alerts off and make them again, not repeat them). KillAndResumeIT does the same with kill -9.
 */
class RouteStateTest {
  private static final Path SEATS = Path.of("..", "examples", "seat-expansion");
  static final String FROM = "2026-11-06T12:00:00Z";
  static final String TO = "2026-11-20T12:00:00Z";

  @TempDir Path dir;

  static List<String> args(String to, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "route",
                SEATS.resolve("model.pls").toString(),
                "--events",
                SEATS.resolve("events.jsonl.gz").toString(),
                "--traits",
                SEATS.resolve("traits.jsonl").toString(),
                "--from",
                FROM,
                "--to",
                to));
    args.addAll(List.of(more));
    return args;
  }

  private static Cli.Result route(String to, String... more) {
    return Cli.run(args(to, more).toArray(String[]::new));
  }

  /** The alerts of one uninterrupted replay without --state. */
  private byte[] uninterrupted() throws IOException {
    Path whole = dir.resolve("whole.jsonl");
    Cli.Result r = route(TO, "--out", whole.toString());
    assertEquals(0, r.status(), r.err());
    byte[] bytes = Files.readAllBytes(whole);
    assertTrue(bytes.length > 0, "the period makes alerts");
    return bytes;
  }

  @Test
  void replayStoppedBetweenSteps_andResumed_writesTheAlertsOfAnUninterruptedOne()
      throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    for (String to : List.of("2026-11-08T12:00:00Z", "2026-11-15T12:00:00Z")) {
      Cli.Result part = route(to, resumable);
      assertEquals(0, part.status(), part.err());
    }
    Cli.Result last = route(TO, resumable);
    assertEquals(0, last.status(), last.err());
    assertTrue(
        last.err()
            .contains(
                "resuming from --state "
                    + state
                    + " after 2026-11-15T12:00:00Z: 5 of 15 steps left"),
        last.err());
    assertTrue(last.err().contains("state saved to " + state), last.err());
    assertArrayEquals(uninterrupted(), Files.readAllBytes(out));
  }

  @Test
  void replayKilledAfterWritingAlertsButBeforeSavingState_resumes_withoutRepeatingThem()
      throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    assertEquals(0, route("2026-11-10T12:00:00Z", resumable).status());
    Path older = dir.resolve("older.state");
    Files.copy(state, older);
    assertEquals(0, route("2026-11-13T12:00:00Z", resumable).status());
    long written = Files.size(out);
    // The alerts of three more steps are in --out, but the state counts only up to 11-10.
    Files.copy(older, state, StandardCopyOption.REPLACE_EXISTING);

    Cli.Result r = route(TO, resumable);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("bytes of alerts the state did not count yet"), r.err());
    assertTrue(r.err().contains("after 2026-11-10T12:00:00Z: 10 of 15 steps left"), r.err());
    byte[] whole = uninterrupted();
    assertTrue(written < whole.length, "the stop fell inside the period");
    assertArrayEquals(whole, Files.readAllBytes(out));
  }

  @Test
  void resume_withEveryStepDone_routesNothing_andLeavesTheAlertsAsTheyAre() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    assertEquals(0, route(TO, resumable).status());
    byte[] before = Files.readAllBytes(out);
    Cli.Result again = route(TO, resumable);
    assertEquals(0, again.status(), again.err());
    assertTrue(again.err().contains("nothing left to route"), again.err());
    assertArrayEquals(before, Files.readAllBytes(out));
  }

  @Test
  void resume_withAnAlertsFileChangedSinceTheState_isRefused_andTouchesNothing()
      throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    assertEquals(0, route("2026-11-10T12:00:00Z", resumable).status());
    String text = Files.readString(out);
    Files.writeString(out, text.replaceFirst("\"sent\"", "\"SENT\""));
    byte[] changed = Files.readAllBytes(out);
    byte[] savedState = Files.readAllBytes(state);

    Cli.Result r = route(TO, resumable);
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "--out "
                    + out
                    + ": does not start with the alerts written; it was changed, or is another file"
                    + " by the replay of --state "
                    + state),
        r.err());
    assertArrayEquals(changed, Files.readAllBytes(out), "a file it did not write is never cut");
    assertArrayEquals(savedState, Files.readAllBytes(state));
  }

  @Test
  void resume_onAnotherGrid_isRefused_andTouchesNothing() throws IOException {
    // Resumed with another --from, the alerts file mixed the steps of two grids.
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    assertEquals(0, route("2026-11-10T12:00:00Z", resumable).status());
    byte[] alerts = Files.readAllBytes(out);
    byte[] savedState = Files.readAllBytes(state);
    List<String> shifted = args(TO, resumable);
    shifted.set(shifted.indexOf("--from") + 1, "2026-11-07T05:00:00Z");

    Cli.Result r = Cli.run(shifted.toArray(String[]::new));

    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "--state "
                    + state
                    + ": its last step, 2026-11-10T12:00:00Z, is not a step of this replay (--from"
                    + " 2026-11-07T05:00:00Z, --step 1d); resume with the --from and --step the"
                    + " state was written with"),
        r.err());
    assertArrayEquals(alerts, Files.readAllBytes(out));
    assertArrayEquals(savedState, Files.readAllBytes(state));
  }

  @Test
  void resume_withAnAlertsFileShorterThanTheState_isRefused() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    assertEquals(0, route("2026-11-10T12:00:00Z", resumable).status());
    Files.write(out, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
    Cli.Result r = route(TO, resumable);
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().contains("--out " + out + ": holds 0 bytes, fewer than the "), r.err());
  }

  @Test
  void corruptStateFile_isRefused_namingIt() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    String[] resumable = {"--out", out.toString(), "--state", state.toString()};
    assertEquals(0, route("2026-11-10T12:00:00Z", resumable).status());
    byte[] bytes = Files.readAllBytes(state);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(state, bytes);
    Cli.Result r = route(TO, resumable);
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "--state "
                    + state
                    + ": corrupted or truncated: its checksum does not match its contents; delete"
                    + " it to start the replay over"),
        r.err());

    Files.writeString(state, "{\"not\": \"a state\"}\n");
    Cli.Result json = route(TO, resumable);
    assertEquals(1, json.status(), json.err());
    assertTrue(
        json.err()
            .contains(
                "--state "
                    + state
                    + ": not a pls route state file (it does not start with \"PLST\")"),
        json.err());
  }

  @Test
  void stateOfAnotherModel_isRefused_sayingWhatChanged() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    assertEquals(
        0,
        route("2026-11-10T12:00:00Z", "--out", out.toString(), "--state", state.toString())
            .status());
    Path edited = dir.resolve("model.pls");
    String model = Files.readString(SEATS.resolve("model.pls"), StandardCharsets.UTF_8);
    String renamed = model.replaceFirst("(?m)^model seat_pqa", "model seat_pqa_2");
    assertFalse(model.equals(renamed), "the example model is named seat_pqa");
    Files.writeString(edited, renamed);
    List<String> args = args(TO, "--out", out.toString(), "--state", state.toString());
    args.set(1, edited.toString());
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "--state "
                    + state
                    + ": snapshot: cannot restore under model 'seat_pqa_2': the snapshot was"
                    + " written for model 'seat_pqa'"),
        r.err());
  }

  @Test
  void stateWithoutOut_isAUsageError() {
    Cli.Result r = route(TO, "--state", dir.resolve("s").toString());
    assertEquals(2, r.status());
    assertTrue(
        r.err()
            .contains(
                "--state: needs --out FILE: a resumed replay appends its alerts to those already"
                    + " written"),
        r.err());
  }

  @Test
  void stateThatIsAnotherFileOfTheRun_isAUsageError_andDestroysNothing() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Files.writeString(out, "keep\n");
    Cli.Result same = route(TO, "--out", out.toString(), "--state", out.toString());
    assertEquals(2, same.status());
    assertTrue(same.err().contains("--state and --out name the same file: " + out), same.err());
    assertEquals("keep\n", Files.readString(out));

    Path traits = SEATS.resolve("traits.jsonl");
    Path viaDot = SEATS.resolve(".").resolve("traits.jsonl");
    Cli.Result input =
        route(TO, "--out", dir.resolve("a.jsonl").toString(), "--state", viaDot.toString());
    assertEquals(2, input.status());
    assertTrue(
        input
            .err()
            .contains("--state (" + viaDot + ") and --traits (" + traits + ") name the same file"),
        input.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList(), "nothing written when refused");
    }
  }
}
