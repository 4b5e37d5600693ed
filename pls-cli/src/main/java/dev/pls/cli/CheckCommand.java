package dev.pls.cli;

import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pls check}: compiles rule files and reports every diagnostic. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Check rule files for errors.",
      "Prints every error and warning of every file, with its line and a caret."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:no errors (there may be warnings)",
      "1:a file has errors",
      "2:a usage error"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule files (.pls).")
  List<Path> files;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description =
          "text (default): as a compiler prints them; json: one array of all files' diagnostics.")
  String format = "text";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!format.equals("text") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--format: expected text or json, was '" + format + "'");
    }
    boolean errors = false;
    StringBuilder json = new StringBuilder("[");
    for (Path f : files) {
      Compilation c = RulesLanguage.compile(f);
      errors |= !c.succeeded();
      if (format.equals("json")) {
        String array = c.toJson();
        String items = array.substring(1, array.length() - 1);
        if (!items.isEmpty()) {
          json.append(json.length() == 1 ? "" : ",").append(items);
        }
      } else {
        out.print(c.render());
      }
    }
    if (format.equals("json")) {
      out.println(json.append(']'));
    }
    out.flush();
    return errors ? 1 : 0;
  }
}
