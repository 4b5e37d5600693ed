package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The results of running a rule file's {@code test} blocks, with rule coverage.
 *
 * @param results one per test block, in file order
 * @param coverage which rules the tests exercised
 */
public record TestReport(List<TestResult> results, RuleCoverage coverage) {
  public TestReport {
    results = List.copyOf(requireNonNull(results, "results"));
    requireNonNull(coverage, "coverage");
  }

  /** Whether every test passed. */
  public boolean passed() {
    return results.stream().allMatch(TestResult::passed);
  }

  /** A plain-text report: one line per test, failures indented under it, then coverage. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (TestResult r : results) {
      sb.append(r.passed() ? "PASS " : "FAIL ").append(r.name()).append('\n');
      for (String f : r.failures()) {
        for (String line : f.split("\n", -1)) {
          sb.append("    ").append(line).append('\n');
        }
      }
    }
    long passed = results.stream().filter(TestResult::passed).count();
    sb.append(passed).append(" of ").append(results.size()).append(" tests passed\n");
    if (!coverage.neverFired().isEmpty()) {
      sb.append("rules never fired: ")
          .append(String.join(", ", coverage.neverFired()))
          .append('\n');
    }
    if (!coverage.alwaysFired().isEmpty()) {
      sb.append("rules that always fired: ")
          .append(String.join(", ", coverage.alwaysFired()))
          .append('\n');
    }
    return sb.toString();
  }
}
