package dev.pls.cli;

import dev.pls.dsl.Compilation;
import dev.pls.dsl.RuleCoverage;
import dev.pls.dsl.RulesLanguage;
import dev.pls.dsl.TestReport;
import dev.pls.dsl.TestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/*
 * `pls test` prints each file's results as the language reports them, with each test's own time.
 * A file that does not compile counts as a failure, shown with its diagnostics, and as an <error>
 * in the JUnit report, so CI never passes over a broken rule file.
 */
/** {@code pls test}: runs the {@code test} blocks of rule files. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Run the test blocks of rule files.",
      "Prints a line per test with its time, and under a failure expected vs actual. A"
          + " directory means every *.pls file under it."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every test passed",
      "1:a test failed, or a file does not compile or cannot be read",
      "2:a usage error"
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files or directories.")
  List<Path> paths;

  @Option(
      names = "--junit-xml",
      paramLabel = "FILE",
      description = "Also write a JUnit XML report.")
  Path junitXml;

  @Option(
      names = "--coverage",
      description = "List rules the tests never fired and rules they never saw not fire.")
  boolean coverage;

  private record FileRun(Path file, Compilation compilation, TestReport report, long nanos) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = RuleFiles.expand(paths);
    List<FileRun> runs = new ArrayList<>();
    int tests = 0;
    int passed = 0;
    boolean broken = false;
    for (Path f : files) {
      long start = System.nanoTime();
      Compilation c = RulesLanguage.compile(f);
      TestReport report = c.succeeded() ? c.runTests() : null;
      long nanos = System.nanoTime() - start;
      runs.add(new FileRun(f, c, report, nanos));
      if (report == null) {
        out.println(f + ": does not compile");
        out.print(c.render());
        broken = true;
        continue;
      }
      out.println(f + " (" + report.results().size() + " tests, " + millis(nanos) + " ms)");
      for (int i = 0; i < report.results().size(); i++) {
        TestResult r = report.results().get(i);
        tests++;
        passed += r.passed() ? 1 : 0;
        String time = ", " + r.elapsed().toMillis() + " ms";
        out.println(
            "  "
                + (r.passed() ? "PASS" : "FAIL")
                + " "
                + r.name()
                + " (line "
                + r.line()
                + time
                + ")");
        for (String failure : r.failures()) {
          for (String line : failure.split("\n", -1)) {
            out.println("      " + line);
          }
        }
      }
      if (coverage) {
        RuleCoverage cov = report.coverage();
        out.println("  rules never fired: " + list(cov.neverFired()));
        out.println("  rules never not fired: " + list(cov.alwaysFired()));
      }
    }
    out.println(
        passed
            + " of "
            + tests
            + " tests passed in "
            + files.size()
            + (files.size() == 1 ? " file" : " files")
            + (broken ? "; some files do not compile" : ""));
    out.flush();
    if (junitXml != null) {
      Files.writeString(junitXml, junit(runs), StandardCharsets.UTF_8);
    }
    return broken || passed < tests ? 1 : 0;
  }

  private static String list(List<String> ids) {
    return ids.isEmpty() ? "(none)" : String.join(", ", ids);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000L;
  }

  private static String junit(List<FileRun> runs) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites>\n");
    for (FileRun run : runs) {
      String name = xml(run.file.toString());
      String time = String.format(Locale.ROOT, "%.3f", run.nanos / 1e9);
      if (run.report == null) {
        sb.append("  <testsuite name=\"").append(name).append("\" tests=\"1\" failures=\"0\"");
        sb.append(" errors=\"1\" time=\"").append(time).append("\">\n");
        sb.append("    <testcase classname=\"").append(name).append("\" name=\"compile\">\n");
        sb.append("      <error message=\"the file does not compile\">");
        sb.append(xml(run.compilation.render())).append("</error>\n");
        sb.append("    </testcase>\n  </testsuite>\n");
        continue;
      }
      List<TestResult> results = run.report.results();
      long failures = results.stream().filter(r -> !r.passed()).count();
      sb.append("  <testsuite name=\"").append(name).append("\" tests=\"").append(results.size());
      sb.append("\" failures=\"").append(failures).append("\" errors=\"0\" time=\"");
      sb.append(time).append("\">\n");
      for (int i = 0; i < results.size(); i++) {
        TestResult r = results.get(i);
        sb.append("    <testcase classname=\"").append(name).append("\" name=\"");
        sb.append(xml(r.name())).append('"');
        double seconds = r.elapsed().toNanos() / 1e9;
        sb.append(" time=\"").append(String.format(Locale.ROOT, "%.3f", seconds)).append('"');
        if (r.passed()) {
          sb.append("/>\n");
          continue;
        }
        sb.append(">\n      <failure message=\"");
        sb.append(xml(r.failures().get(0).lines().findFirst().orElse(""))).append("\">");
        sb.append(xml(String.join("\n", r.failures()))).append("</failure>\n");
        sb.append("    </testcase>\n");
      }
      sb.append("  </testsuite>\n");
    }
    return sb.append("</testsuites>\n").toString();
  }

  private static String xml(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c);
      }
    }
    return sb.toString();
  }
}
