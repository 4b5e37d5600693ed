package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real datasets beside the project ({@code ../shared/data}): read where they are, never copied.
 * Tests that read them are skipped when they are absent, except in CI, where they must be.
 */
final class RealData {
  /** {@code ../shared/data}, from the examples module's directory. */
  static final Path DIR = Path.of("..", "..", "shared", "data");

  private RealData() {}

  /** Skips (or in CI fails) the calling test when the datasets are absent. */
  static void assumeAvailable() {
    if (System.getenv("CI") != null) {
      assertTrue(Files.isDirectory(DIR), "CI runs with ../shared/data beside the project");
    }
    Assumptions.assumeTrue(
        Files.isDirectory(DIR), "the real datasets are not at " + DIR.toAbsolutePath());
  }

  /** As {@link #assumeAvailable()}, for a README that names {@code ../shared/data}. */
  static void assumeAvailableFor(Path readme) throws IOException {
    if (Files.readString(readme, StandardCharsets.UTF_8).contains("../shared/data/")) {
      assumeAvailable();
    }
  }
}
