package dev.pls.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code pls} in-process with captured stdout and stderr. */
final class Cli {
  /** The test fixtures, relative to the module (the tests' working directory). */
  static final String RES = "src/test/resources/dev/pls/cli/";

  /** The demo model, which the tests share with the examples. */
  static final String MODEL = Path.of("..", "examples", "b2b-trial", "model.pls").toString();

  static final String AS_OF = "2026-11-20T12:00:00Z";

  private Cli() {}

  /** What a run printed and returned. */
  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Pls.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Result(status, unix(out.toString()), unix(err.toString()));
  }

  /** Text with its timings replaced, for golden files: they differ from run to run. */
  static String stable(String text) {
    return text.replaceAll("\\d+\\.\\d s, \\d+ (records|events)/s", "T s, R $1/s")
        .replaceAll("tests?, \\d+ ms\\)", "tests, T ms)")
        .replaceAll("(\\(line \\d+), \\d+ ms\\)", "$1, T ms)");
  }

  private static String unix(String s) {
    return s.replace(System.lineSeparator(), "\n");
  }
}
