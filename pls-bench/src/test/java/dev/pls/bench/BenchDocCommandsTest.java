package dev.pls.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The benchmark commands that {@code docs/performance.md} and this module's README give name what
 * exists: a JMH class (and method) of this package, its {@code Variant} values, a {@code main}
 * class, the end-to-end script. They cannot be run in a build (they are the measurements), so this
 * keeps them from going stale.
 */
class BenchDocCommandsTest {
  private static final List<Path> DOCS =
      List.of(Path.of("../docs/performance.md"), Path.of("README.md"));
  private static final Pattern JMH =
      Pattern.compile("java -jar pls-bench/target/benchmarks\\.jar '?([A-Za-z]\\w*)(\\.\\w+)?");
  private static final Pattern VARIANTS = Pattern.compile("-p variant=([A-Z_,]+)");
  private static final Pattern MAIN =
      Pattern.compile("-cp pls-bench/target/benchmarks\\.jar dev\\.pls\\.bench\\.(\\w+)");
  private static final Pattern SCRIPT = Pattern.compile("(pls-bench/scripts/[\\w.-]+\\.sh)");

  private static List<String> lines() throws Exception {
    List<String> lines = new ArrayList<>();
    for (Path doc : DOCS) {
      lines.addAll(Files.readAllLines(doc, StandardCharsets.UTF_8));
    }
    return lines;
  }

  @Test
  void jmhCommands_nameExistingBenchmarksAndVariants() throws Exception {
    int checked = 0;
    for (String line : lines()) {
      Matcher m = JMH.matcher(line);
      if (!m.find() || m.group(1).equals("-l")) {
        continue;
      }
      Class<?> type = Class.forName("dev.pls.bench." + m.group(1));
      if (m.group(2) != null) {
        String method = m.group(2).substring(1);
        assertTrue(
            Arrays.stream(type.getMethods())
                .anyMatch(
                    x -> x.getName().equals(method) && x.isAnnotationPresent(Benchmark.class)),
            line + ": no @Benchmark " + method);
      }
      Matcher v = VARIANTS.matcher(line);
      if (v.find()) {
        Class<?> variant = Class.forName(type.getName() + "$Variant");
        List<String> names =
            Arrays.stream(variant.getEnumConstants()).map(Object::toString).toList();
        for (String name : v.group(1).split(",")) {
          assertTrue(names.contains(name), line + ": no variant " + name);
        }
      }
      checked++;
    }
    assertTrue(checked >= 10, "JMH commands found: " + checked);
  }

  @Test
  void mainCommands_nameClassesWithAMain() throws Exception {
    int checked = 0;
    for (String line : lines()) {
      Matcher m = MAIN.matcher(line);
      if (m.find()) {
        Method main =
            Class.forName("dev.pls.bench." + m.group(1)).getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()), line);
        checked++;
      }
    }
    assertTrue(checked >= 1, "main commands found: " + checked);
  }

  @Test
  void scriptCommands_nameExecutableScripts() throws Exception {
    int checked = 0;
    for (String line : lines()) {
      Matcher m = SCRIPT.matcher(line);
      while (m.find()) {
        Path script = Path.of("..").resolve(m.group(1));
        if (!Files.isExecutable(script)) {
          fail(line + ": " + script + " is not an executable file");
        }
        checked++;
      }
    }
    assertTrue(checked >= 2, "script commands found: " + checked);
  }
}
