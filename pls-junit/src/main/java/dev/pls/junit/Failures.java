package dev.pls.junit;

import dev.pls.dsl.TestResult;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/** Turns a failed test block into the assertion error JUnit reports. */
final class Failures {
  private Failures() {}

  /**
   * The failure as {@code pls test} prints it (each failed expectation, expected vs actual, then
   * the actual card) under a line naming the test and where it is. When the expectations' expected
   * and actual values can be read off the text, they are also the error's expected and actual
   * values, one expectation a line, so an IDE shows them as a diff.
   */
  static AssertionFailedError of(Path file, TestResult result) {
    StringBuilder message = new StringBuilder();
    message
        .append("test \"")
        .append(result.name())
        .append("\" failed (")
        .append(file)
        .append(':')
        .append(result.line())
        .append(")\n");
    StringBuilder expected = new StringBuilder();
    StringBuilder actual = new StringBuilder();
    for (String failure : result.failures()) {
      String[] lines = failure.split("\n", -1);
      for (String line : lines) {
        message.append("    ").append(line).append('\n');
      }
      String exp = value(lines, "expected:");
      String act = value(lines, "actual:");
      if (exp != null && act != null) {
        expected.append(lines[0].strip()).append(" -> ").append(exp).append('\n');
        actual.append(lines[0].strip()).append(" -> ").append(act).append('\n');
      }
    }
    String text = message.toString().stripTrailing();
    return expected.length() == 0
        ? new AssertionFailedError(text)
        : new AssertionFailedError(text, expected.toString(), actual.toString());
  }

  /** The value after {@code label} on the first line (after the first) that starts with it. */
  private static String value(String[] lines, String label) {
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith(label)) {
        return line.substring(label.length()).strip();
      }
    }
    return null;
  }
}
