package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one {@code test} block of a rule file.
 *
 * @param name the test's name as written
 * @param line the line its block starts on
 * @param failures one readable message per failed expectation (expected vs actual, then the actual
 *     card); empty when the test passed
 * @param elapsed how long scoring the test's entities and checking its expectations took
 */
public record TestResult(String name, int line, List<String> failures, Duration elapsed) {
  public TestResult {
    requireNonNull(name, "name");
    failures = List.copyOf(requireNonNull(failures, "failures"));
    requireNonNull(elapsed, "elapsed");
  }

  /** Whether every expectation held. */
  public boolean passed() {
    return failures.isEmpty();
  }
}
