package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pls route --state} killed with {@code kill -9} in the middle of a replay, then resumed:
 * the alerts file must equal that of one uninterrupted replay, byte for byte. The packaged command
 * runs in its own process and is killed as soon as its first state file appears, so that the kill
 * falls somewhere in the replay's steps; where exactly does not matter, as the equality must hold
 * wherever it falls (between steps, between a step's alerts and its state, or inside the state's
 * write). Runs after packaging, like {@link PlsJarIT}.
 */
class RouteKillAndResumeIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("pls-cli/target/pls.jar");

  /** A week of hourly steps: long enough a replay that the kill lands inside it. */
  private static final String TO = "2026-11-13T12:00:00Z";

  @TempDir Path dir;

  @Test
  void replayKilledMidway_andResumedFromItsState_writesTheAlertsOfAnUninterruptedOne()
      throws Exception {
    Path out = dir.resolve("alerts.jsonl");
    Path state = dir.resolve("route.state");
    List<String> args =
        RouteStateTest.args(
            TO, "--step", "1h", "--out", out.toString(), "--state", state.toString());

    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .directory(ROOT.resolve("pls-cli").toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(state) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(
        p.isAlive(),
        "the replay ended before it could be killed: "
            + Files.readString(dir.resolve("stderr.txt")));
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(p.exitValue() != 0, "killed, not finished");

    Cli.Result resumed = Cli.run(args.toArray(String[]::new));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.err().contains("resuming from --state"), resumed.err());

    Path whole = dir.resolve("whole.jsonl");
    List<String> uninterrupted = RouteStateTest.args(TO, "--step", "1h", "--out", whole.toString());
    Cli.Result r = Cli.run(uninterrupted.toArray(String[]::new));
    assertEquals(0, r.status(), r.err());
    assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(out));
  }
}
