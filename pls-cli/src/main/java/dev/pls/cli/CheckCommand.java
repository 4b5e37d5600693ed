package dev.pls.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.core.model.Model;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.Diagnostic;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  /** What {@code --format} takes. */
  enum Format {
    TEXT,
    JSON;

    @Override
    public String toString() {
      return Choice.word(this);
    }

    static final class Converter extends Choice.Converter<Format> {
      Converter() {
        super(Format.class);
      }
    }
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Format.Converter.class,
      description =
          "One of ${COMPLETION-CANDIDATES}. text (default): as a compiler prints them; json: one array of"
              + " all files' diagnostics.")
  Format format = Format.TEXT;

  @Mixin InputOptions input;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    boolean errors = false;
    // One array of every file's diagnostics, written as each file is checked.
    JsonGenerator json = format == Format.JSON ? DiagnosticJson.generator(out) : null;
    if (json != null) {
      json.writeStartArray();
    }
    boolean withEvents = input.events != null && !input.events.isEmpty();
    if (withEvents) {
      input.validate();
    }
    List<Model> compiled = new ArrayList<>();
    for (Path f : files) {
      Compilation c = RulesLanguage.compile(f);
      errors |= !c.succeeded();
      c.model().ifPresent(compiled::add);
      if (json != null) {
        for (Diagnostic d : c.diagnostics()) {
          DiagnosticJson.write(json, d);
        }
      } else {
        out.print(c.render());
      }
    }
    // With --events, each model that compiled is checked against the data: what it reads that
    // never occurs, and the rules that never fire (warnings, as pls readiness lists them).
    PrintWriter warnings = json != null ? spec.commandLine().getErr() : out;
    for (int i = 0; withEvents && i < compiled.size(); i++) {
      Model m = compiled.get(i);
      ReadinessCommand.Measured measured =
          ReadinessCommand.measure(
              m,
              input,
              input.asOf == null ? Optional.empty() : Optional.of(input.asOf()),
              Optional.empty(),
              spec.commandLine().getErr());
      if (measured.report().isEmpty()) {
        return measured.status() == 0 ? 1 : measured.status();
      }
      for (String w : ReadinessCommand.instrumentation(measured.report().get())) {
        warnings.println(m.id() + ": warning: " + w.substring(5));
      }
    }
    if (json != null) {
      json.writeEndArray();
      json.close();
      out.println();
    }
    out.flush();
    return errors ? 1 : 0;
  }
}
