package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An output that is an input (or an input given twice) is refused before anything is opened: exit
 * status 2, a message naming both options, every file byte-identical afterwards.
 */
class OutputCollisionsTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.copy(Path.of(Cli.MODEL), dir.resolve("m.pls"));
    Files.copy(Path.of(Cli.RES + "events.jsonl"), dir.resolve("ev.jsonl"));
    Files.copy(Path.of(Cli.RES + "traits.jsonl"), dir.resolve("tr.jsonl"));
    Files.copy(Path.of(Cli.RES + "passing.pls"), dir.resolve("passing.pls"));
    try {
      Files.createSymbolicLink(dir.resolve("ev-link.jsonl"), Path.of("ev.jsonl"));
    } catch (UnsupportedOperationException | IOException e) {
      // The symbolic-link case is skipped below.
    }
  }

  /** Every file in the directory and its bytes, to compare before and after. */
  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> all = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (!Files.isSymbolicLink(p)) {
          all.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    }
    return all;
  }

  private static final String[] SCORE = {
    "score", "m.pls", "--events", "ev.jsonl", "--traits", "tr.jsonl", "--as-of", Cli.AS_OF
  };

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  static Stream<Arguments> collisions() {
    String[] route = {
      "route", "m.pls", "--events", "ev.jsonl", "--from", Cli.AS_OF, "--to", Cli.AS_OF
    };
    String[] explain = {
      "explain", "m.pls", "--entity", "a1", "--events", "ev.jsonl", "--as-of", Cli.AS_OF
    };
    return Stream.of(
        Arguments.of(
            "out is the events",
            with(SCORE, "--out", "ev.jsonl"),
            "--out and --events name the same file: {d}/ev.jsonl"),
        Arguments.of(
            "out is the model",
            with(SCORE, "--out", "m.pls"),
            "--out and MODEL name the same file: {d}/m.pls"),
        Arguments.of(
            "out is the traits",
            with(SCORE, "--out", "tr.jsonl"),
            "--out and --traits name the same file: {d}/tr.jsonl"),
        Arguments.of(
            "rejects is the events",
            with(SCORE, "--rejects", "ev.jsonl"),
            "--rejects and --events name the same file: {d}/ev.jsonl"),
        Arguments.of(
            "rejects is the out",
            with(SCORE, "--out", "cards.jsonl", "--rejects", "cards.jsonl"),
            "--rejects and --out name the same file: {d}/cards.jsonl"),
        Arguments.of(
            "out is ./events",
            with(SCORE, "--out", "./ev.jsonl"),
            "--out ({d}/./ev.jsonl) and --events ({d}/ev.jsonl) name the same file"),
        Arguments.of(
            "out is a link to the events",
            with(SCORE, "--out", "ev-link.jsonl"),
            "--out ({d}/ev-link.jsonl) and --events ({d}/ev.jsonl) name the same file"),
        Arguments.of(
            "events given twice",
            new String[] {"score", "m.pls", "--events", "ev.jsonl", "./ev.jsonl"},
            "--events names the same file twice: {d}/ev.jsonl and {d}/./ev.jsonl"),
        Arguments.of(
            "events are the traits",
            new String[] {"score", "m.pls", "--events", "ev.jsonl", "--traits", "ev.jsonl"},
            "--traits and --events name the same file: {d}/ev.jsonl"),
        Arguments.of(
            "explain rejects is the model",
            with(explain, "--rejects", "m.pls"),
            "--rejects and MODEL name the same file: {d}/m.pls"),
        Arguments.of(
            "route out is the events",
            with(route, "--out", "ev.jsonl"),
            "--out and --events name the same file: {d}/ev.jsonl"),
        Arguments.of(
            "test junit report is the rule file",
            new String[] {"test", "passing.pls", "--junit-xml", "passing.pls"},
            "--junit-xml and PATH name the same file: {d}/passing.pls"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("collisions")
  void outputCollidesWithInput_refusedWithStatus2_everyFileUntouched(
      String name, String[] args, String message) throws IOException {
    if (name.contains("link")) {
      assumeTrue(Files.isSymbolicLink(dir.resolve("ev-link.jsonl")), "no symbolic links here");
    }
    Map<String, byte[]> before = snapshot();

    Cli.Result r = Cli.run(inDir(args));

    assertEquals(2, r.status(), r.err());
    assertEquals(message.replace("{d}", dir.toString()), r.err().lines().findFirst().orElse(""));
    assertEquals("", r.out());
    Map<String, byte[]> after = snapshot();
    assertEquals(before.keySet(), after.keySet(), "files created or removed");
    before.forEach((f, bytes) -> assertArrayEquals(bytes, after.get(f), f + " changed"));
  }

  /** The arguments with every file name (.pls, .jsonl) resolved in the test's directory. */
  private String[] inDir(String[] args) {
    String[] inDir = args.clone();
    for (int i = 1; i < inDir.length; i++) {
      if (inDir[i].endsWith(".pls") || inDir[i].endsWith(".jsonl")) {
        inDir[i] = dir + "/" + inDir[i];
      }
    }
    return inDir;
  }

  @Test
  void score_everyFileDifferent_notRefused() throws IOException {
    Cli.Result r =
        Cli.run(inDir(with(SCORE, "--out", "cards.jsonl", "--rejects", "rejects.jsonl")));
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.size(dir.resolve("cards.jsonl")) > 0);
  }
}
