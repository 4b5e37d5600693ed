package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged command as a user does: {@code java -jar pls-cli/target/pls.jar} and the {@code
 * ./pls} launcher, in their own processes, checking exit statuses and output. Runs after packaging
 * (the {@code jar-tests} execution in pls-cli's POM).
 */
class PlsJarIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("pls-cli/target/pls.jar");

  @TempDir Path tmp;

  private record Run(int status, String out, String err) {}

  private Run run(List<String> command) throws IOException, InterruptedException {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("PLS_NO_BUILD", "1");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Run jar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  @Test
  void jar_checkBrokenFile_status1AndDiagnosticsOnStdout() throws Exception {
    Run r = jar("check", "pls-cli/" + Cli.RES + "syntax.pls");
    assertEquals(1, r.status(), r.err());
    assertTrue(r.out().contains("syntax.pls:5:30: error PLS0101: unexpected ':'"), r.out());
  }

  @Test
  void jar_usageError_status2() throws Exception {
    Run r = jar("--bogus");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
  }

  @Test
  void jar_fmtDiff25000LineFileIn256MiB_theHunkAndNoStackTrace() throws Exception {
    // A table of the longest common subsequence of two 25,000-line texts needs 2.5 GB.
    Path f = tmp.resolve("big.pls");
    Files.writeString(f, FmtCommandTest.largeRuleFile(25_000, 12_345));
    Run r = run(List.of("java", "-Xmx256m", "-jar", JAR.toString(), "fmt", "--diff", f.toString()));
    assertEquals("", r.err());
    assertEquals(1, r.status());
    assertTrue(
        r.out().contains("\n-signal s12345=count(invite)\n+signal s12345 = count(invite)\n"));
    assertEquals(11, r.out().lines().count(), r.out());
  }

  @Test
  void readmeQuickstart_asWritten_scoresTheDemo() throws Exception {
    String readme = shBlock(Path.of("..", "README.md"));
    assertEquals(shBlock(Path.of("..", "docs", "cli.md")), readme, "README and docs/cli.md differ");
    String score =
        readme.lines().filter(l -> l.startsWith("./pls score")).findFirst().orElseThrow();
    assertTrue(readme.contains("\nmvn -B verify\n"), readme);
    List<String> command = new ArrayList<>(List.of("sh"));
    for (String word : score.split(" ")) {
      // The README writes cards.jsonl into the current directory; this run writes to a temp dir.
      command.add(word.equals("cards.jsonl") ? tmp.resolve("cards.jsonl").toString() : word);
    }
    Run r = run(command);
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains("scored 3352 users: sales_ready 204, nurture 365, none 2783 (853 excluded)"),
        r.err());
    assertEquals(3352, Files.readAllLines(tmp.resolve("cards.jsonl")).size());
  }

  private static String shBlock(Path markdown) throws IOException {
    String text = Files.readString(markdown, StandardCharsets.UTF_8);
    int start = text.indexOf("```sh\n");
    assertTrue(start >= 0, markdown + " has no sh block");
    start += "```sh\n".length();
    return text.substring(start, text.indexOf("```", start));
  }
}
