package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir Path dir;

  private static final byte[] OLD =
      "old results, line 1\nold results, line 2\n".getBytes(StandardCharsets.UTF_8);

  private Path oldFile() throws IOException {
    Path target = dir.resolve("cards.jsonl");
    Files.write(target, OLD);
    return target;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void commit_replacesTheTargetWhole_noTemporaryLeft() throws IOException {
    Path target = oldFile();
    try (AtomicOutput out = AtomicOutput.create(target)) {
      out.writer().write("new\n");
      out.commit();
    }
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void create_newFile_appearsOnlyAtCommit() throws IOException {
    Path target = dir.resolve("new.jsonl");
    try (AtomicOutput out = AtomicOutput.create(target)) {
      out.writer().write("x\n");
      out.writer().flush();
      assertFalse(Files.exists(target), "visible before commit");
      out.commit();
    }
    assertEquals("x\n", Files.readString(target));
  }

  @Test
  void writerFailsMidway_oldFileByteIdentical_andTemporaryDeleted() throws IOException {
    Path target = oldFile();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (AtomicOutput out = AtomicOutput.create(target)) {
                Writer w = out.writer();
                for (int i = 0; i < 100_000; i++) {
                  w.write("{\"card\":" + i + "}\n");
                }
                w.flush();
                throw new IllegalStateException("the disk is full");
              }
            });
    assertEquals("the disk is full", thrown.getMessage());
    assertArrayEquals(OLD, Files.readAllBytes(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void processKilledBeforeCommit_oldFileByteIdentical_leftoverRecognisable() throws IOException {
    // A kill -9 runs no close() and no commit(): the state on disk is what is left here.
    Path target = oldFile();
    AtomicOutput out = AtomicOutput.create(target);
    out.writer().write("{\"card\":1}\n{\"card\":2,\"cut");
    out.writer().flush();

    assertArrayEquals(OLD, Files.readAllBytes(target));
    List<Path> leftovers = files().stream().filter(p -> !p.equals(target)).toList();
    assertEquals(1, leftovers.size());
    String name = leftovers.get(0).getFileName().toString();
    assertTrue(name.startsWith(".cards.jsonl.") && name.endsWith(AtomicOutput.TEMP_SUFFIX), name);
    out.close();
    assertEquals(List.of(target), files());
  }

  @Test
  void closeWithoutCommit_oldFileUntouched_noTemporaryLeft() throws IOException {
    Path target = oldFile();
    try (AtomicOutput out = AtomicOutput.create(target)) {
      out.writer().write("half");
    }
    assertArrayEquals(OLD, Files.readAllBytes(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void writerClosedByItsUser_commitStillWritesEverything() throws IOException {
    Path target = dir.resolve("a");
    try (AtomicOutput out = AtomicOutput.create(target)) {
      try (Writer w = out.writer()) {
        w.write("all of it\n");
      }
      out.commit();
    }
    assertEquals("all of it\n", Files.readString(target));
  }

  @Test
  void commitTwice_illegalState() throws IOException {
    try (AtomicOutput out = AtomicOutput.create(dir.resolve("a"))) {
      out.commit();
      assertThrows(IllegalStateException.class, out::commit);
      assertThrows(IllegalStateException.class, out::writer);
    }
  }

  @Test
  void create_missingDirectory_noSuchFileNamingTheTarget() {
    Path target = dir.resolve("no/such/dir/cards.jsonl");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> AtomicOutput.create(target));
    assertEquals(target.toString(), e.getMessage());
  }

  @Test
  void create_directory_refusedNamingIt() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    IOException e = assertThrows(IOException.class, () -> AtomicOutput.create(sub));
    assertEquals(sub + ": is a directory", e.getMessage());
  }

  @Test
  void commit_overExistingFile_keepsItsPermissions() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path target = oldFile();
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-x---"));
    try (AtomicOutput out = AtomicOutput.create(target)) {
      out.writer().write("new\n");
      out.commit();
    }
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void commit_throughSymbolicLink_replacesTheFileAndKeepsTheLink() throws IOException {
    Path target = oldFile();
    Path link = dir.resolve("link.jsonl");
    try {
      Files.createSymbolicLink(link, target.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here");
    }
    try (AtomicOutput out = AtomicOutput.create(link)) {
      out.writer().write("new\n");
      out.commit();
    }
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(target));
  }

  @Test
  void create_linkToAPipeWithoutARealPath_writtenInPlace() throws Exception {
    // --out /dev/stdout on a pipe failed with "no such file or directory": /dev/stdout links to
    // /proc/self/fd/1, a link to "pipe:[N]", which has no real path. A child's stdin pipe is one.
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "no /proc here");
    Process cat = new ProcessBuilder("cat").start();
    try {
      Path pipe = null;
      try (Stream<Path> links = Files.list(fds)) {
        for (Path fd : links.toList()) {
          try {
            if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
              pipe = fd;
              break;
            }
          } catch (IOException e) {
            // The directory's own descriptor, closed by now.
          }
        }
      }
      assumeTrue(pipe != null, "no pipe among this process's descriptors");
      try (AtomicOutput out = AtomicOutput.create(pipe)) {
        out.writer().write("into the pipe\n");
        out.commit();
      }
    } finally {
      cat.destroy();
    }
  }

  @Test
  void create_namedPipeTarget_writtenInPlaceNotRenamedOver() throws Exception {
    // A pipe stands for /dev/null and /dev/stdout, which a rename would replace (as root).
    Path pipe = dir.resolve("pipe");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "no mkfifo here");
    java.util.concurrent.CompletableFuture<String> read =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(pipe);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try (AtomicOutput out = AtomicOutput.create(pipe)) {
      out.writer().write("through the pipe\n");
      out.commit();
    }
    assertEquals("through the pipe\n", read.get(30, java.util.concurrent.TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(pipe), "the pipe was replaced by a regular file");
    assertEquals(List.of(pipe), files());
  }
}
