package dev.pls.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's Java quickstart, and checks that it prints what it says. */
class ReadmeQuickstartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeQuickstart_compiledAndRun_printsTheDocumentedOutput(@TempDir Path dir)
      throws Exception {
    List<String[]> blocks = fencedBlocks(Files.readString(README, StandardCharsets.UTF_8));
    int java = indexOf(blocks, "java");
    assertTrue(java >= 0, "README has no java block");
    String source = blocks.get(java)[1];
    String expected = blocks.get(java + 1)[1];

    Path file = dir.resolve("Quickstart.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    // javac as a process: the test classes are compiled as part of the dev.pls.core module,
    // which does not read java.compiler.
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Process p =
        new ProcessBuilder(
                javac.toString(),
                "--release",
                "17",
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                dir.toString(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String diagnostics = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> "README quickstart does not compile:\n" + diagnostics);

    assertEquals(expected, run(dir));
  }

  private static String run(Path classes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeQuickstartTest.class.getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("Quickstart").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String[]> fencedBlocks(String markdown) throws IOException {
    Matcher m = FENCE.matcher(markdown);
    java.util.ArrayList<String[]> blocks = new java.util.ArrayList<>();
    while (m.find()) {
      blocks.add(new String[] {m.group(1), m.group(2)});
    }
    return blocks;
  }

  private static int indexOf(List<String[]> blocks, String language) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i)[0].equals(language)) {
        return i;
      }
    }
    return -1;
  }
}
