package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import dev.pls.dsl.Diagnostic;
import dev.pls.dsl.Formatting;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pls fmt}: the canonical layout of rule files. */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Format rule files in the canonical layout.",
      "Comments are kept. Without an option, prints the formatted text of each file to stdout."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success (with --check or --diff: every file is formatted)",
      "1:a file has syntax errors, cannot be read or written, or (--check, --diff) is not formatted",
      "2:a usage error"
    })
final class FmtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Mode mode;

  static final class Mode {
    @Option(names = "--check", description = "List files that are not formatted; change nothing.")
    boolean check;

    @Option(
        names = "--diff",
        description = "Print a unified diff for each file that is not formatted.")
    boolean diff;

    @Option(
        names = "--write",
        description =
            "Rewrite files that are not formatted, in place (atomically: each file is replaced"
                + " whole or not at all).")
    boolean write;
  }

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule files (.pls).")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = false;
    for (Path f : files) {
      String source;
      try {
        source = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        err.println(
            "error: " + f + ": cannot read the file (missing, unreadable, or not UTF-8 text)");
        failed = true;
        continue;
      }
      Formatting formatting = RulesLanguage.format(f.toString(), source);
      if (formatting.text().isEmpty()) {
        for (Diagnostic d : formatting.diagnostics()) {
          err.print(d.render(source));
        }
        failed = true;
        continue;
      }
      String formatted = formatting.text().get();
      boolean changed = !formatted.equals(source);
      if (mode == null) {
        out.print(formatted);
      } else if (mode.check) {
        if (changed) {
          out.println(f + ": not formatted");
          failed = true;
        }
      } else if (mode.diff) {
        out.print(UnifiedDiff.of(f.toString(), source, formatted));
        failed |= changed;
      } else if (changed) {
        // Atomic: a full disk or a kill mid-write leaves the rule file as it was, never cut short.
        try (AtomicOutput file = AtomicOutput.create(f)) {
          Writer w = file.writer();
          w.write(formatted);
          file.commit();
          err.println("formatted " + f);
        } catch (IOException e) {
          // AtomicOutput names the file in its message already; its cause says what went wrong.
          Throwable why = e.getCause() != null ? e.getCause() : e;
          err.println("error: " + f + ": cannot write the file: " + why.getMessage());
          failed = true;
        }
      }
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }
}
