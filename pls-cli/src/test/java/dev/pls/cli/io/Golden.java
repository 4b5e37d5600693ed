package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}: the expected output a reviewer reads. Run the
 * tests with {@code -Dpls.golden.update=true} to rewrite them from the actual output, then review
 * the diff.
 */
public final class Golden {
  private Golden() {}

  private static final Path ROOT = Path.of("src", "test", "resources");

  /** Asserts that {@code actual} equals the golden file at {@code resource}. */
  public static void assertMatches(String resource, String actual) {
    Path file = ROOT.resolve(resource);
    try {
      if (Boolean.getBoolean("pls.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a test resource file. */
  public static String read(String resource) {
    try {
      return Files.readString(ROOT.resolve(resource), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of a test resource file, relative to the module. */
  public static Path path(String resource) {
    return ROOT.resolve(resource);
  }
}
