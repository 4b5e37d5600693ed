package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import dev.pls.cli.io.SameFiles;
import dev.pls.core.model.Model;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.RuleCoverage;
import dev.pls.dsl.RulesLanguage;
import dev.pls.dsl.TestReport;
import dev.pls.dsl.TestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
      description = "Also write a JUnit XML report (atomically: whole or not at all).")
  Path junitXml;

  @Option(
      names = "--coverage",
      description = "List rules the tests never fired and rules they never saw not fire.")
  boolean coverage;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description =
          "Run only the tests of this model (those after its header); files without it are"
              + " skipped and named.")
  String model;

  private record FileRun(Path file, Compilation compilation, TestReport report, long nanos) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = RuleFiles.expand(paths);
    if (junitXml != null) {
      // The report must not replace a rule file it reports on.
      // (A rule file named twice is only tested twice, so the files are not compared with each
      // other.)
      for (Path f : files) {
        Outputs.refuseSameFiles(
            spec,
            List.of(new SameFiles.Named("PATH", f), new SameFiles.Named("--junit-xml", junitXml)));
      }
    }
    List<FileRun> runs = new ArrayList<>();
    int tests = 0;
    int passed = 0;
    boolean broken = false;
    int withModel = 0;
    for (Path f : files) {
      long start = System.nanoTime();
      Compilation c = RulesLanguage.compile(f);
      if (model != null
          && c.succeeded()
          && c.models().stream().noneMatch(m -> m.id().equals(model))) {
        out.println(
            f
                + ": skipped, no model '"
                + model
                + "' (its models: "
                + String.join(", ", c.models().stream().map(Model::id).toList())
                + ")");
        continue;
      }
      withModel += c.succeeded() ? 1 : 0;
      TestReport report = !c.succeeded() ? null : model == null ? c.runTests() : c.runTests(model);
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
            + runs.size()
            + (runs.size() == 1 ? " file" : " files")
            + (broken ? "; some files do not compile" : ""));
    out.flush();
    if (model != null && withModel == 0 && !broken) {
      throw new ParameterException(
          spec.commandLine(), "--model: no file given has a model '" + model + "'");
    }
    if (junitXml != null) {
      junit(junitXml, runs);
    }
    return broken || passed < tests ? 1 : 0;
  }

  private static String list(List<String> ids) {
    return ids.isEmpty() ? "(none)" : String.join(", ", ids);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000L;
  }

  /**
   * Writes the JUnit XML report: a {@code testsuite} per file, a {@code testcase} per test, laid
   * out one element a line as the report has always been.
   */
  private static void junit(Path file, List<FileRun> runs) throws IOException {
    try (AtomicOutput report = AtomicOutput.create(file)) {
      Writer out = report.writer();
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      for (FileRun run : runs) {
        String name = legal(run.file.toString());
        String time = String.format(Locale.ROOT, "%.3f", run.nanos / 1e9);
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        if (run.report == null) {
          xml.writeAttribute("tests", "1");
          xml.writeAttribute("failures", "0");
          xml.writeAttribute("errors", "1");
          xml.writeAttribute("time", time);
          xml.writeCharacters("\n    ");
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", name);
          xml.writeAttribute("name", "compile");
          xml.writeCharacters("\n      ");
          xml.writeStartElement("error");
          xml.writeAttribute("message", "the file does not compile");
          text(xml, legal(run.compilation.render()));
          xml.writeEndElement();
          xml.writeCharacters("\n    ");
          xml.writeEndElement();
          xml.writeCharacters("\n  ");
          xml.writeEndElement();
          continue;
        }
        List<TestResult> results = run.report.results();
        long failures = results.stream().filter(r -> !r.passed()).count();
        xml.writeAttribute("tests", String.valueOf(results.size()));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("time", time);
        for (TestResult r : results) {
          xml.writeCharacters("\n    ");
          if (r.passed()) {
            xml.writeEmptyElement("testcase");
          } else {
            xml.writeStartElement("testcase");
          }
          xml.writeAttribute("classname", name);
          xml.writeAttribute("name", legal(r.name()));
          double seconds = r.elapsed().toNanos() / 1e9;
          xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
          if (r.passed()) {
            continue;
          }
          xml.writeCharacters("\n      ");
          xml.writeStartElement("failure");
          xml.writeAttribute("message", legal(r.failures().get(0).lines().findFirst().orElse("")));
          text(xml, legal(String.join("\n", r.failures())));
          xml.writeEndElement();
          xml.writeCharacters("\n    ");
          xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
      report.commit();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit XML report " + file, e);
    }
  }

  /**
   * Writes element text as the report always has: besides what the writer escapes ({@code <},
   * {@code >}, {@code &}), a double quote as {@code &quot;}, so reports stay byte-identical.
   */
  private static void text(XMLStreamWriter xml, String text) throws XMLStreamException {
    int from = 0;
    for (int q = text.indexOf('"'); q >= 0; q = text.indexOf('"', from)) {
      xml.writeCharacters(text.substring(from, q));
      xml.writeEntityRef("quot");
      from = q + 1;
    }
    xml.writeCharacters(text.substring(from));
  }

  /**
   * The text with the control characters XML 1.0 cannot hold (all but tab, LF and CR) replaced by
   * '?'; the XML writer escapes the rest.
   */
  private static String legal(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c);
    }
    return sb.toString();
  }
}
