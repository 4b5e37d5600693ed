package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every command example of {@code docs/cli.md}: a {@code console} block after a {@code <!--
 * command -->} comment holds {@code $ pls ARGS} lines, each followed by what it prints (stdout,
 * then stderr) and {@code $ echo $?} with its exit status. Paths are relative to the repository
 * root; timings are compared as {@link Cli#stable}. Every subcommand must have an example.
 */
class DocCommandsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DOC = ROOT.resolve("docs/cli.md");

  private record Example(int line, List<String> args, String output, int status) {}

  private static List<Example> examples() throws Exception {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("<!-- command -->")) {
        continue;
      }
      assertEquals("```console", lines.get(i + 1), "fence after line " + (i + 1));
      int j = i + 2;
      while (!lines.get(j).equals("```")) {
        String command = lines.get(j);
        assertTrue(command.startsWith("$ pls "), "line " + (j + 1) + ": " + command);
        int start = j;
        StringBuilder output = new StringBuilder();
        j++;
        while (!lines.get(j).equals("$ echo $?")) {
          output.append(lines.get(j)).append('\n');
          j++;
        }
        int status = Integer.parseInt(lines.get(j + 1));
        List<String> args = List.of(command.substring("$ pls ".length()).split(" +"));
        examples.add(new Example(start + 1, args, output.toString(), status));
        j += 2;
      }
      i = j;
    }
    return examples;
  }

  @Test
  void docs_everyCommandExample_printsAndExitsAsShown() throws Exception {
    Set<String> covered = new LinkedHashSet<>();
    for (Example e : examples()) {
      List<String> args = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      for (String a : e.args) {
        // The examples run at the repository root; the tests run in pls-cli.
        boolean path = a.contains("/") && Files.exists(ROOT.resolve(a));
        args.add(path ? ROOT.resolve(a).toString() : a);
        if (path) {
          paths.add(a);
        }
      }
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      String actual = r.out() + r.err();
      for (String p : paths) {
        actual = actual.replace(ROOT.resolve(p).toString(), p);
      }
      String where = "docs/cli.md:" + e.line;
      assertEquals(Cli.stable(e.output), Cli.stable(actual), where);
      assertEquals(e.status, r.status(), where);
      covered.add(e.args.get(0));
    }
    assertEquals(
        Set.of("check", "fmt", "test", "score", "explain"),
        Set.copyOf(covered.stream().filter(c -> !c.startsWith("-")).toList()));
  }
}
