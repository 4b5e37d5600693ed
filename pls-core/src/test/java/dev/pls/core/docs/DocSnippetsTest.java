package dev.pls.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/*
 * Every ```java block of the Java-facing docs is a complete program: this test compiles each one
 * with the JDK's javac against the test class path, runs its main method, and, where the next
 * block is a ```text block, checks that the program prints exactly that. So the README and the
 * guides cannot drift from the API. javac runs as a process because these test classes are
 * compiled into the dev.pls.core module, which does not read java.compiler.
 */
/** Compiles and runs the Java snippets of README.md and the Java-facing docs. */
class DocSnippetsTest {
  private static final List<Path> DOCS =
      List.of(
          Path.of("..", "README.md"),
          Path.of("..", "docs", "api.md"),
          Path.of("..", "docs", "accounts.md"),
          Path.of("..", "docs", "handoff.md"),
          Path.of("..", "docs", "evaluation.md"));
  private static final Pattern FENCE =
      Pattern.compile("^```(\\w*)\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern CLASS = Pattern.compile("public class (\\w+)");

  record Block(String language, String body) {}

  @TestFactory
  Stream<DynamicTest> javaBlocks_compiledAndRun_printWhatTheDocsSay() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : DOCS) {
      List<Block> blocks = blocks(Files.readString(doc, StandardCharsets.UTF_8));
      int n = 0;
      for (int i = 0; i < blocks.size(); i++) {
        if (!blocks.get(i).language().equals("java")) {
          continue;
        }
        Block java = blocks.get(i);
        Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
        String expected = next != null && next.language().equals("text") ? next.body() : null;
        tests.add(
            DynamicTest.dynamicTest(
                doc.getFileName() + " java block " + ++n, () -> check(java.body(), expected)));
      }
      assertFalse(n == 0, doc + " has no java block");
    }
    return tests.stream();
  }

  private static void check(String source, String expected) throws Exception {
    Matcher m = CLASS.matcher(source);
    assertTrue(m.find(), "a java block must declare a public class");
    Path dir = Files.createTempDirectory("pls-snippet");
    Path file = dir.resolve(m.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Process p =
        new ProcessBuilder(
                javac.toString(),
                "--release",
                "17",
                "-Xlint:all",
                "-Werror",
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                dir.toString(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String diagnostics = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> "the snippet does not compile:\n" + diagnostics);
    String out = run(dir, m.group(1));
    if (expected != null) {
      assertEquals(expected, out);
    }
  }

  private static String run(Path classes, String className) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, DocSnippetsTest.class.getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass(className).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<Block> blocks(String markdown) {
    Matcher m = FENCE.matcher(markdown);
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2)));
    }
    return blocks;
  }
}
