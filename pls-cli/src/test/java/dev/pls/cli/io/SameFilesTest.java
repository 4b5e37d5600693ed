package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pls.cli.io.SameFiles.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SameFilesTest {
  @TempDir Path dir;

  private Path file(String name) throws IOException {
    return Files.writeString(dir.resolve(name), name);
  }

  private static Optional<String> find(Named... files) {
    return SameFiles.find(List.of(files)).map(SameFiles.Collision::message);
  }

  @Test
  void outputEqualToInput_sameSpelling_namesBothOptionsAndTheFile() throws IOException {
    Path ev = file("ev.jsonl");
    assertEquals(
        Optional.of("--out and --events name the same file: " + ev),
        find(new Named("--events", ev), new Named("--out", ev)));
  }

  @Test
  void outputEqualToInput_throughDotAndDotDot_found() throws IOException {
    Path ev = file("ev.jsonl");
    Files.createDirectory(dir.resolve("sub"));
    Path spelled = dir.resolve("sub/.././ev.jsonl");
    assertEquals(
        Optional.of("--out (" + spelled + ") and --events (" + ev + ") name the same file"),
        find(new Named("--events", ev), new Named("--out", spelled)));
  }

  @Test
  void outputEqualToInput_throughSymbolicLink_found() throws IOException {
    Path ev = file("ev.jsonl");
    Path link = dir.resolve("link.jsonl");
    try {
      Files.createSymbolicLink(link, ev.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here");
    }
    assertEquals(
        Optional.of("--rejects (" + link + ") and --events (" + ev + ") name the same file"),
        find(new Named("--events", ev), new Named("--rejects", link)));
  }

  @Test
  void outputEqualToInput_throughHardLink_found() throws IOException {
    Path ev = file("ev.jsonl");
    Path hard = dir.resolve("hard.jsonl");
    try {
      Files.createLink(hard, ev);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no hard links here");
    }
    assertEquals(true, find(new Named("--events", ev), new Named("--out", hard)).isPresent());
  }

  @Test
  void twoOutputsNotYetCreated_sameFileByDirectoryAndName_found() {
    Path a = dir.resolve("out.jsonl");
    Path b = dir.resolve("./out.jsonl");
    assertEquals(
        Optional.of("--rejects (" + b + ") and --out (" + a + ") name the same file"),
        find(new Named("--out", a), new Named("--rejects", b)));
  }

  @Test
  void sameInputTwice_namesTheOptionOnce() throws IOException {
    Path a = file("a.jsonl");
    assertEquals(
        Optional.of("--events names the same file twice: " + a),
        find(new Named("--events", a), new Named("--events", a)));
  }

  @Test
  void outputThroughDanglingLink_sameAsTheFileItWouldCreate() throws IOException {
    Path link = dir.resolve("link.jsonl");
    try {
      Files.createSymbolicLink(link, Path.of("target.jsonl"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here");
    }
    assertEquals(
        true,
        find(new Named("--out", link), new Named("--rejects", dir.resolve("target.jsonl")))
            .isPresent());
  }

  @Test
  void differentFiles_none() throws IOException {
    assertEquals(
        Optional.empty(),
        find(
            new Named("MODEL", file("m.pls")),
            new Named("--events", file("a.jsonl")),
            new Named("--events", file("b.jsonl")),
            new Named("--out", dir.resolve("cards.jsonl")),
            new Named("--rejects", dir.resolve("rejects.jsonl"))));
  }

  @Test
  void devices_neverCollide() {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
    assertEquals(
        Optional.empty(), find(new Named("--out", devNull), new Named("--rejects", devNull)));
  }

  @Test
  void named_nullArguments_namedInTheException() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new Named("--out", null));
    assertEquals("path", e.getMessage());
  }
}
