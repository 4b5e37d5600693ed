package dev.pls.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.cli.io.BacktestJson;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.ScoringRun;
import dev.pls.core.backtest.Readiness;
import dev.pls.core.backtest.ReadinessReport;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/*
 * The readiness gate from files: the input is read and assembled as pls score does (so users map
 * to accounts by the same rule), nothing is scored by this class, and the core's Readiness
 * measures everything. The verdict goes to stdout, in text or JSON, and its exit status says it,
 * so a pipeline can gate on it.
 */
/** {@code pls readiness}: whether the data can carry product-led sales scoring with a model. */
@Command(
    name = "readiness",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Check that the data is ready for product-led sales scoring with a model.",
      "Measures the prerequisites (active accounts, activation rate, identity coverage, event"
          + " volume) over the 30 UTC days up to --as-of, and lists the events and properties the"
          + " model reads that never occur and the rules that never fire: Ready or Needs"
          + " prerequisites."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:Ready",
      "1:the model does not compile, or an input file could not be read",
      "2:a usage error, or more rejected records than --max-rejects allows",
      "3:records were read but every one was rejected",
      "4:Needs prerequisites: an item failed (the report names it)"
    })
final class ReadinessCommand implements Callable<Integer> {
  /** The exit status of a verdict of Needs prerequisites. */
  static final int NOT_READY = 4;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  @Option(
      names = "--activation",
      paramLabel = "NAME",
      description =
          "What activation is: a rule id of the model (activated when it fired in the window) or an event name (activated when the entity had it). Overrides the model's 'activation' line; without either the activation rate is unknown and fails.")
  String activation;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = CheckCommand.Format.Converter.class,
      description = "One of ${COMPLETION-CANDIDATES}. text (default) or json: one object.")
  CheckCommand.Format format = CheckCommand.Format.TEXT;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    input.validate();
    if (input.events == null || input.events.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--events: required; readiness is measured on the events");
    }
    if (activation != null
        && (activation.isBlank()
            || !activation.strip().equals(activation)
            || activation.chars().anyMatch(Character::isISOControl))) {
      throw new ParameterException(
          spec.commandLine(),
          "--activation: '"
              + activation
              + "' is not a name: a rule id or an event name, not blank, without surrounding"
              + " spaces or control characters");
    }
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(input.outputFiles());
    Outputs.refuseSameFiles(spec, files);
    Optional<Instant> asOf = input.asOf == null ? Optional.empty() : Optional.of(input.asOf());
    Optional<Model> compiled = modelChoice.load(model, spec, err);
    if (compiled.isEmpty()) {
      return 1;
    }
    Model m = compiled.get();
    Measured measured = measure(m, input, asOf, Optional.ofNullable(activation), err);
    if (measured.report().isEmpty()) {
      return measured.status();
    }
    ReadinessReport report = measured.report().get();
    if (format == CheckCommand.Format.JSON) {
      json(report, out);
    } else {
      text(report, asOf.isEmpty(), out);
    }
    out.flush();
    err.flush();
    return report.ready() ? 0 : NOT_READY;
  }

  /** A report, or the exit status of a run that read no usable input. */
  record Measured(Optional<ReadinessReport> report, int status) {}

  /**
   * Reads the input the options name, assembled as {@code pls score} does, and assesses it as of
   * {@code asOf} (default: the newest event); shared with {@code pls check --events}.
   */
  static Measured measure(
      Model m,
      InputOptions input,
      Optional<Instant> asOf,
      Optional<String> activation,
      PrintWriter err)
      throws IOException {
    Progress progress = input.progress();
    long start = System.nanoTime();
    ScoringRun.Assembled data;
    try (Outputs.Output rejects = input.rejectsOutput()) {
      data =
          input
              .run(Scorers.forModel(m), asOf.orElse(Instant.EPOCH), rejects.writer())
              .progress(progress)
              .build()
              .assemble();
      rejects.commit();
    }
    progress.finish(data.read(), System.nanoTime() - start);
    if (data.read().limitExceeded()) {
      return new Measured(Optional.empty(), 2);
    }
    if (data.read().nothingAccepted()) {
      err.println(NothingAccepted.message(data.read()));
      err.flush();
      return new Measured(Optional.empty(), NothingAccepted.STATUS);
    }
    if (!data.read().errors().isEmpty()) {
      err.println("readiness not assessed: an input file could not be read");
      err.flush();
      return new Measured(Optional.empty(), 1);
    }
    Instant at = asOf.orElseGet(() -> newest(data.users()).orElse(Instant.EPOCH));
    return new Measured(
        Optional.of(
            Readiness.assess(
                m, data.users(), data.entities(), at, activation, input.accountRule())),
        0);
  }

  private static Optional<Instant> newest(List<Entity> users) {
    return users.stream()
        .flatMap(u -> u.events().stream())
        .map(Event::time)
        .max(Instant::compareTo);
  }

  static void text(ReadinessReport r, boolean asOfNewest, PrintWriter out) {
    out.println(
        "readiness of "
            + r.model()
            + " as of "
            + r.asOf().toString()
            + (asOfNewest ? " (the newest event)" : "")
            + ": "
            + (r.ready()
                ? "Ready"
                : "Needs prerequisites (" + String.join(", ", r.failing()) + ")"));
    for (ReadinessReport.Item i : r.items()) {
      out.println("  " + (i.passed() ? "ok   " : "FAIL ") + i.name() + ": " + i.detail());
    }
    for (String line : instrumentation(r)) {
      out.println("  " + line);
    }
  }

  /**
   * The instrumentation findings, one line each, as {@code pls check --events} also prints them.
   */
  static List<String> instrumentation(ReadinessReport r) {
    List<String> lines = new ArrayList<>();
    for (String e : r.missingEvents()) {
      lines.add("FAIL event '" + e + "' is read by the model but never occurs in the events");
    }
    for (String p : r.missingProperties()) {
      lines.add("FAIL property '" + p + "' is read by the model but no event has it");
    }
    for (String rule : r.silentRules()) {
      lines.add(
          "note rule '"
              + rule
              + "' never fires in the "
              + Readiness.WINDOW_DAYS
              + " days up to the as-of instant");
    }
    return lines;
  }

  private static void json(ReadinessReport r, PrintWriter out) throws IOException {
    JsonGenerator json = BacktestJson.indented(out);
    json.writeStartObject();
    json.writeStringField("model", r.model());
    json.writeStringField("as_of", r.asOf().toString());
    json.writeStringField("verdict", r.ready() ? "ready" : "needs_prerequisites");
    json.writeArrayFieldStart("failing");
    for (String f : r.failing()) {
      json.writeString(f);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("items");
    for (ReadinessReport.Item i : r.items()) {
      json.writeObjectFieldStart(i.name());
      json.writeFieldName("value");
      Optional<String> v = BacktestJson.ratio(OptionalDouble.of(i.value()));
      if (v.isPresent()) {
        json.writeNumber(v.get());
      } else {
        json.writeNull();
      }
      json.writeBooleanField("passed", i.passed());
      json.writeStringField("detail", i.detail());
      json.writeEndObject();
    }
    json.writeEndObject();
    list(json, "missing_events", r.missingEvents());
    list(json, "missing_properties", r.missingProperties());
    list(json, "silent_rules", r.silentRules());
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  private static void list(JsonGenerator json, String name, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String v : values) {
      json.writeString(v);
    }
    json.writeEndArray();
  }
}
