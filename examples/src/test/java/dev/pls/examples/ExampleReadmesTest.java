package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.Pls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the commands of every example's README as {@code docs/cli.md}'s are run: a {@code console}
 * block after {@code <!-- command -->} holds {@code $ pls ARGS} lines (run at the repository root),
 * each followed by what it prints (stdout, then stderr; timings aside) and {@code $ echo $?} with
 * its exit status. Files written with {@code --out} go to a temporary directory.
 */
class ExampleReadmesTest {
  private static final Path ROOT = Path.of("..");

  @TempDir Path tmp;

  private record Command(int line, List<String> args, String output, int status) {}

  static List<Command> commands(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("<!-- command -->")) {
        continue;
      }
      assertEquals("```console", lines.get(i + 1), readme + ": fence after line " + (i + 1));
      int j = i + 2;
      while (!lines.get(j).equals("```")) {
        String command = lines.get(j);
        assertTrue(command.startsWith("$ pls "), readme + ":" + (j + 1) + ": " + command);
        int start = j;
        StringBuilder output = new StringBuilder();
        for (j++; !lines.get(j).equals("$ echo $?"); j++) {
          output.append(lines.get(j)).append('\n');
        }
        List<String> args = List.of(command.substring("$ pls ".length()).split(" +"));
        commands.add(
            new Command(start + 1, args, output.toString(), Integer.parseInt(lines.get(j + 1))));
        j += 2;
      }
      i = j;
    }
    return commands;
  }

  @TestFactory
  Stream<DynamicTest> everyExampleReadme_commandsPrintAndExitAsShown() throws IOException {
    List<Path> readmes;
    try (Stream<Path> dirs = Files.list(Path.of("."))) {
      readmes =
          dirs.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
    }
    assertFalse(readmes.isEmpty(), "no example has a README");
    return readmes.stream()
        .map(
            readme ->
                DynamicTest.dynamicTest(
                    readme.toString(),
                    () -> {
                      RealData.assumeAvailableFor(readme);
                      List<Command> commands = commands(readme);
                      assertFalse(commands.isEmpty(), readme + " shows no command");
                      for (Command c : commands) {
                        run(readme, c);
                      }
                    }));
  }

  private void run(Path readme, Command c) {
    List<String> args = new ArrayList<>();
    List<String[]> paths = new ArrayList<>();
    for (int i = 0; i < c.args.size(); i++) {
      String a = c.args.get(i);
      String path =
          i > 0 && c.args.get(i - 1).equals("--out")
              ? tmp.resolve(a).toString()
              : a.contains("/") && Files.exists(ROOT.resolve(a)) ? ROOT.resolve(a).toString() : a;
      args.add(path);
      paths.add(new String[] {path, a});
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Pls.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args.toArray(String[]::new));
    String actual = (out.toString() + err.toString()).replace(System.lineSeparator(), "\n");
    for (String[] p : paths) {
      actual = actual.replace(p[0], p[1]);
    }
    String where = readme + ":" + c.line;
    assertEquals(stable(c.output), stable(actual), where);
    assertEquals(c.status, status, where);
  }

  /** Text with its timings replaced: they differ from run to run. */
  private static String stable(String text) {
    return text.replaceAll("\\d+\\.\\d s, \\d+ (records|events)/s", "T s, R $1/s");
  }
}
