package dev.pls.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/*
 * docs/semantics.md backs each worked example with a test named next to it as `Class.method`.
 * This test keeps those names honest: every one must be a test method that exists, so renaming
 * or deleting a test breaks the build until the doc follows.
 */
class SemanticsDocTest {
  private static final Path DOC = Path.of("..", "docs", "semantics.md");
  private static final Pattern REF =
      Pattern.compile("`(\\w+(?:Test|Contract|Properties))\\.(\\w+)`");

  /** Where the compiled tests are: a named test is found in whichever package holds it. */
  private static final Path TEST_CLASSES = Path.of("target", "test-classes");

  @Test
  void semanticsDoc_namedTests_exist() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m = REF.matcher(doc);
    List<String> missing = new ArrayList<>();
    int refs = 0;
    while (m.find()) {
      refs++;
      if (!exists(m.group(1), m.group(2))) {
        missing.add(m.group(1) + "." + m.group(2));
      }
    }
    assertTrue(refs > 50, "docs/semantics.md names only " + refs + " tests");
    assertEquals(List.of(), missing, "tests named in docs/semantics.md that do not exist");
  }

  private static boolean exists(String simpleName, String method) throws Exception {
    List<Path> found;
    try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
      found = files.filter(f -> f.getFileName().toString().equals(simpleName + ".class")).toList();
    }
    for (Path f : found) {
      String name =
          TEST_CLASSES.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
      Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()));
      Method[] methods = c.getDeclaredMethods();
      if (Arrays.stream(methods).anyMatch(x -> x.getName().equals(method))) {
        return true;
      }
    }
    return false;
  }
}
