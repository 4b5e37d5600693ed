package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every command example of {@code docs/cli.md}: a {@code console} block after a {@code <!--
 * command -->} comment holds {@code $ pls ARGS} lines, each followed by what it prints (stdout,
 * then stderr) and {@code $ echo $?} with its exit status. Paths are relative to the repository
 * root; timings are compared as {@link Cli#stable}. A file an example writes with {@code --out
 * FILE} (or keeps with {@code --state FILE}) goes to a temporary directory; a JSON block after
 * {@code <!-- out FILE N -->} shows line N of it (compared as JSON, so it may be laid out over
 * several lines), one after {@code <!-- out FILE -->} the whole file; FILE may be {@code DIR/NAME}
 * for a directory an example wrote with {@code --out DIR}. Every subcommand that {@code pls --help}
 * lists must have an example.
 */
class DocCommandsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DOC = ROOT.resolve("docs/cli.md");
  private static final Pattern OUT = Pattern.compile("<!-- out (\\S+)(?: (\\d+))? -->");

  @TempDir Path tmp;

  private sealed interface Step permits Example, OutBlock {}

  private record Example(int line, List<String> args, String output, int status) implements Step {}

  private record OutBlock(int line, String file, int fileLine, String json) implements Step {}

  private static List<Step> steps() throws Exception {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher out = OUT.matcher(lines.get(i));
      if (out.matches()) {
        assertEquals("```json", lines.get(i + 1), "fence after line " + (i + 1));
        int j = i + 2;
        StringBuilder json = new StringBuilder();
        while (!lines.get(j).equals("```")) {
          json.append(lines.get(j++)).append('\n');
        }
        steps.add(
            new OutBlock(
                i + 1,
                out.group(1),
                out.group(2) == null ? 0 : Integer.parseInt(out.group(2)),
                json.toString()));
        i = j;
        continue;
      }
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
        List<String> args = words(command.substring("$ pls ".length()));
        steps.add(new Example(start + 1, args, output.toString(), status));
        j += 2;
      }
      i = j;
    }
    return steps;
  }

  @Test
  void docs_everyCommandExample_printsAndExitsAsShown() throws Exception {
    Set<String> covered = new LinkedHashSet<>();
    Map<String, Path> written = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (Step step : steps()) {
      if (step instanceof OutBlock o) {
        String where = "docs/cli.md:" + o.line;
        Path file = written.get(o.file);
        int slash = o.file.indexOf('/');
        if (file == null && slash > 0 && written.containsKey(o.file.substring(0, slash))) {
          // A file in a directory an example wrote (backtest --out DIR).
          file = written.get(o.file.substring(0, slash)).resolve(o.file.substring(slash + 1));
        }
        assertTrue(file != null, where + ": no example before it writes " + o.file);
        if (o.fileLine == 0) {
          assertEquals(
              json.readTree(o.json),
              json.readTree(Files.readString(file, StandardCharsets.UTF_8)),
              where + ": " + o.file);
          continue;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(o.fileLine <= lines.size(), where + ": " + o.file + " has " + lines.size());
        assertEquals(
            json.readTree(o.json), json.readTree(lines.get(o.fileLine - 1)), where + ": " + o.file);
        continue;
      }
      Example e = (Example) step;
      List<String> args = new ArrayList<>();
      Map<String, String> paths = new HashMap<>();
      for (int i = 0; i < e.args.size(); i++) {
        String a = e.args.get(i);
        if (i > 0 && List.of("--out", "--state", "--breaches").contains(e.args.get(i - 1))) {
          // What an example writes goes to a temporary directory, not the working tree.
          Path file = tmp.resolve(a);
          written.put(a, file);
          args.add(file.toString());
          paths.put(file.toString(), a);
        } else if (a.contains("/") && Files.exists(ROOT.resolve(a))) {
          // The examples run at the repository root; the tests run in pls-cli.
          args.add(ROOT.resolve(a).toString());
          paths.put(ROOT.resolve(a).toString(), a);
        } else {
          args.add(a);
        }
      }
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      String actual = r.out() + r.err();
      for (Map.Entry<String, String> p : paths.entrySet()) {
        actual = actual.replace(p.getKey(), p.getValue());
      }
      String where = "docs/cli.md:" + e.line;
      assertEquals(Cli.stable(e.output), Cli.stable(actual), where);
      assertEquals(e.status, r.status(), where);
      covered.add(e.args.get(0));
    }
    Set<String> listed = new TreeSet<>();
    for (Map.Entry<String, CommandLine> sub : Pls.commandLine().getSubcommands().entrySet()) {
      if (!sub.getValue().getCommandSpec().usageMessage().hidden()) {
        listed.add(sub.getKey());
      }
    }
    assertTrue(listed.contains("route"), listed.toString());
    assertEquals(listed, new TreeSet<>(covered.stream().filter(c -> !c.startsWith("-")).toList()));
  }

  /** A command line's words as a shell splits them: on spaces, except inside double quotes. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }
}
