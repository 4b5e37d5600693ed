package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.handoff.Router;
import dev.pls.core.model.Model;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The state file and the alert log of a resumable replay, on their own: what the route command's
 * tests cannot reach (a failing rename, what is left in the directory, a log resumed at its
 * counted length).
 */
class StateFileTest {
  private static final Model MODEL =
      RulesLanguage.compile(
              "m.pls",
              """
              model m version 1
              category usage {
                signup within 30d : +50 "Signed up" [signed_up]
              }
              tier hot when score >= 50
              queue ae "Named AE" sla 24h
              route hot to ae
              """)
          .model()
          .orElseThrow();

  @TempDir Path dir;

  private static Router routed() {
    Router router = Router.create(MODEL);
    router.step(Instant.parse("2026-11-20T09:00:00Z"), List.of());
    return router;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void read_ofNoFile_isEmpty() throws IOException {
    assertEquals(Optional.empty(), StateFile.read(dir.resolve("none.state"), MODEL));
  }

  @Test
  void save_thenRead_givesTheRouterAndTheAlertsCounted_andLeavesNoTemporaryFile()
      throws IOException {
    Path state = dir.resolve("route.state");
    StateFile.save(state, Router.create(MODEL), 0, 0);
    StateFile.save(state, routed(), 1234, 0x5eed);
    StateFile.Saved saved = StateFile.read(state, MODEL).orElseThrow();
    assertEquals(1234, saved.alertsLength());
    assertEquals(0x5eed, saved.alertsCrc());
    assertEquals(Optional.of(Instant.parse("2026-11-20T09:00:00Z")), saved.router().lastStep());
    assertEquals(List.of(state), files());
  }

  @Test
  void save_whoseRenameFails_keepsTheOldState_andRemovesTheTemporaryFile() throws IOException {
    // A non-empty directory where the state should go: the temporary file is written, the rename
    // over it fails.
    Path state = dir.resolve("route.state");
    Files.createDirectory(state);
    Files.writeString(state.resolve("keep"), "keep");
    assertThrows(IOException.class, () -> StateFile.save(state, routed(), 0, 0));
    assertEquals(List.of(state), files());
    assertEquals("keep", Files.readString(state.resolve("keep")));
  }

  @Test
  void alertLog_fullDisk_failureNamesTheFile() throws IOException {
    // A route --state replay on a full disk said only "No space left on device".
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "Linux's /dev/full");
    try (AlertLog log = AlertLog.create(full)) {
      log.writer().write("{\"a\":1}\n");
      IOException e = assertThrows(IOException.class, log::sync);
      assertTrue(e.getMessage().startsWith("/dev/full: "), e.getMessage());
    } catch (IOException e) {
      assertTrue(e.getMessage().startsWith("/dev/full: "), e.getMessage());
    }
  }

  @Test
  void alertLog_resumedAtItsCountedLength_cutsOffTheRest_andKeepsCounting() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    long length;
    int crc;
    try (AlertLog log = AlertLog.create(out)) {
      Writer w = log.writer();
      w.write("{\"a\":1}\n");
      log.sync();
      length = log.length();
      crc = log.crc();
      w.write("{\"cut\":true}\n");
      log.sync();
    }
    assertEquals(8, length);
    try (AlertLog log = AlertLog.resume(out, length, crc)) {
      assertEquals(13, log.dropped());
      log.writer().write("{\"b\":2}\n");
      log.sync();
      assertEquals(16, log.length());
    }
    assertArrayEquals(
        "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out));
  }

  @Test
  void alertLog_resumedOverAnotherFile_isRefused_andLeavesItAsItWas() throws IOException {
    Path out = dir.resolve("alerts.jsonl");
    Files.writeString(out, "{\"other\":1}\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertLog.resume(out, 8, 12345));
    assertTrue(e.getMessage().startsWith("does not start with the alerts written"), e.getMessage());
    assertEquals("{\"other\":1}\n", Files.readString(out));
  }
}
