package dev.pls.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.cli.fit.WeightSuggestions;
import dev.pls.cli.fit.WeightSuggestions.Flag;
import dev.pls.cli.fit.WeightSuggestions.RuleWeight;
import dev.pls.cli.io.BacktestJson;
import dev.pls.cli.io.BacktestRun;
import dev.pls.cli.io.OutcomeReader;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.report.Calibration;
import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/*
 * Weights from outcomes: the same replay as `pls backtest` (BacktestRun over the core's Backtest,
 * with outcomes required), then WeightSuggestions fits the outcome on the rules that fired before
 * it, and this command prints the table (text or JSON) or, with --patch, a unified diff of the rule
 * file with the suggested points. It writes no file: the patch goes to stdout for the person to
 * read and apply (`> suggestions.pls.diff`); nothing is ever applied here.
 */
/** {@code pls suggest}: rule weights fitted to outcomes, as a table or a rule-file patch. */
@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Suggest rule points from outcomes: never applied, only printed.",
      "Replays history as pls backtest does, fits an L2-penalised logistic regression of the"
          + " outcome on the rules that fired before it, and prints each rule's coefficient with"
          + " its standard error and suggested points on the model's scale, flagging thin data,"
          + " with a Platt calibration of the score; --patch prints a unified diff of MODEL instead."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success (rejected records do not fail a run)",
      "1:the model does not compile, an input file could not be read, or the fit failed",
      "2:a usage error (also: no --outcomes, an output names an input),",
      "  or more rejected records than --max-rejects allows",
      "3:records were read but every one was rejected"
    })
final class SuggestCommand implements Callable<Integer> {
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

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  @Mixin ScheduleOptions scheduleOptions;

  @Mixin OutcomeOptions outcomeOptions;

  @Option(
      names = "--penalty",
      paramLabel = "LAMBDA",
      description =
          "The L2 penalty on the rules' coefficients (default: 1, a normal prior of variance 1 on"
              + " each log-odds; 0 for none). The intercept is never penalised.")
  double penalty = WeightSuggestions.DEFAULT_PENALTY;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Format.Converter.class,
      description =
          "One of ${COMPLETION-CANDIDATES}. text (default): a table; json: one object with every"
              + " figure.")
  Format format = Format.TEXT;

  @Option(
      names = "--patch",
      description =
          "Print a unified diff of MODEL with the suggested points instead of the table"
              + " (thin rules keep theirs): pls suggest … --patch > suggestions.pls.diff.")
  boolean patch;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (input.asOf != null) {
      throw usage(
          "--as-of: pls suggest scores at steps (--from/--to/--step) or --at; leave --as-of out");
    }
    if (outcomeOptions.outcomes == null) {
      throw usage("--outcomes: pls suggest fits weights to outcomes; give --outcomes FILE…");
    }
    if (!(penalty >= 0) || Double.isInfinite(penalty)) {
      throw usage("--penalty: must be 0 or more, not " + penalty);
    }
    if (patch && format == Format.JSON) {
      throw usage("--patch prints a diff; leave out --format json, or --patch");
    }
    input.validate();
    var schedule = scheduleOptions.schedule(spec, null);
    OutcomeReader.Mapping mapping = outcomeOptions.mapping(spec);
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(Outputs.named("--outcomes", outcomeOptions.outcomes));
    files.addAll(input.outputFiles());
    Outputs.refuseSameFiles(spec, files);
    Optional<Model> compiled = modelChoice.load(model, spec, err);
    if (compiled.isEmpty()) {
      return 1;
    }
    Model m = compiled.get();
    err.println(
        "fitting weights for "
            + m.id()
            + " v"
            + m.version()
            + " to outcomes, "
            + m.entity().displayName()
            + "s"
            + ScheduleOptions.describe(schedule));
    err.flush();
    Progress progress = input.progress();
    long start = System.nanoTime();
    try (Outputs.Output rejectsOut = input.rejectsOutput()) {
      Rejects rejects = input.rejects(rejectsOut.writer());
      OutcomeOptions.Read outcomesGiven =
          outcomeOptions.read(spec, input, mapping, m.zone(), rejects, progress, rejectsOut);
      ReadSummary outcomesRead = outcomesGiven.read();
      BacktestRun.Result run = null;
      if (outcomesGiven.usable()) {
        Backtest.Builder bt =
            Backtest.builder(m)
                .schedule(schedule)
                .accountRule(input.accountRule())
                .identityLimits(input.maxAnonymousIds(), input.maxKnownIds())
                .listener((instant, cards, done, total) -> progress.stepped(done, total));
        outcomesGiven.chosen().ifPresent(bt::outcomes);
        run = input.feed(BacktestRun.builder(bt.build()), rejects, progress).build().run();
      }
      ReadSummary read = run == null ? outcomesRead : run.read().plus(outcomesRead);
      OptionalInt stop =
          outcomesGiven.finish(
              read, Optional.ofNullable(run), rejects, rejectsOut, progress, start, err);
      if (stop.isPresent()) {
        return stop.getAsInt();
      }
      if (!read.errors().isEmpty()) {
        err.println("no suggestion: an input file could not be read");
        err.flush();
        return 1;
      }
      BacktestResult result = run.result().orElseThrow();
      WeightSuggestions s;
      try {
        s = WeightSuggestions.of(m, result, penalty);
      } catch (IllegalArgumentException e) {
        err.println("no suggestion: " + e.getMessage().replaceFirst("^result: ", ""));
        err.flush();
        return 1;
      }
      if (patch) {
        String source = Files.readString(model, StandardCharsets.UTF_8);
        Patched p = patch(m, s, source, model.toString());
        stdout.print(p.diff());
        for (String rule : p.missed()) {
          err.println(
              "warning: rule "
                  + rule
                  + ": its points were not found in "
                  + model
                  + " (see docs/cli.md); change them by hand");
        }
        err.println(
            p.changed() == 0
                ? "no rule's points change: the patch is empty"
                : p.changed() + (p.changed() == 1 ? " rule re-weighed" : " rules re-weighed"));
      } else if (format == Format.JSON) {
        json(
            s,
            s.platt().map(p -> Calibration.bands(result.entities(), p)).orElse(List.of()),
            stdout);
      } else {
        for (String line : table(m, s, result)) {
          stdout.println(line);
        }
      }
      stdout.flush();
      err.flush();
      return 0;
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The patch and what it holds. */
  record Patched(String diff, int changed, List<String> missed) {}

  /** The unified diff of {@code source} with the re-weighed rules' suggested points. */
  static Patched patch(Model m, WeightSuggestions s, String source, String name) {
    List<RulePatch.Change> changes = new ArrayList<>();
    for (RuleWeight w : s.rules()) {
      if (w.changes()) {
        Rule r = m.rule(w.rule()).orElseThrow();
        changes.add(new RulePatch.Change(r.id(), r.label(), w.points(), w.suggested().get()));
      }
    }
    RulePatch.Result r = RulePatch.apply(source, changes);
    return new Patched(
        UnifiedDiff.of(name, source, r.text(), name),
        changes.size() - r.missed().size(),
        r.missed());
  }

  /** The text table: the fit per rule, the intercept, the scale, the calibration. */
  static List<String> table(Model m, WeightSuggestions s, BacktestResult result) {
    List<String> lines = new ArrayList<>();
    String kind = m.entity().displayName();
    lines.add(
        "outcome "
            + s.outcome()
            + ": "
            + s.converted()
            + " of "
            + s.entities()
            + " "
            + kind
            + "s converted; logistic fit on the rules that fired before it, L2 penalty "
            + number(s.penalty())
            + " (intercept unpenalised)");
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"rule", "points", "fired", "converted", "coef", "se", "suggested", "note"});
    for (RuleWeight w : s.rules()) {
      rows.add(
          new String[] {
            w.rule(),
            w.points().toSignedString(),
            Long.toString(w.fired()),
            Long.toString(w.convertedFired()),
            ratio(w.coefficient()),
            ratio(w.standardError()),
            w.suggested()
                .map(
                    p ->
                        p.toSignedString()
                            + (w.flags().stream().anyMatch(Flag::keepsPoints) ? " (kept)" : ""))
                .orElse("-"),
            w.flags().stream().map(Flag::words).collect(Collectors.joining("; "))
          });
    }
    lines.addAll(aligned(rows));
    lines.add(
        "intercept "
            + ratio(OptionalDouble.of(s.intercept()))
            + " (se "
            + ratio(OptionalDouble.of(s.interceptError()))
            + ")");
    if (s.scale().isPresent()) {
      lines.add(
          "suggested = coef x "
              + ratio(s.scale())
              + " points, keeping the "
              + s.range()
              + " points (sum of |points|) of the rules re-weighed, rounded to "
              + s.granularity()
              + "; thin and never-fired rules keep their points");
    } else {
      lines.add("no rule can be re-weighed: every fitted rule is thin, or none was fitted");
    }
    if (s.platt().isPresent()) {
      WeightSuggestions.Platt p = s.platt().get();
      lines.add(
          "calibration (Platt) over "
              + p.entities()
              + " "
              + kind
              + "s: P("
              + s.outcome()
              + ") = 1 / (1 + exp(-("
              + ratio(OptionalDouble.of(p.a()))
              + " + "
              + String.format(java.util.Locale.ROOT, "%.6f", p.b())
              + " x score)))");
      List<String[]> bands = new ArrayList<>();
      bands.add(new String[] {"band", "scores", kind + "s", "observed", "calibrated"});
      for (Calibration.Band b : Calibration.bands(result.entities(), p)) {
        bands.add(
            new String[] {
              Integer.toString(b.number()),
              b.low().equals(b.high()) ? b.low().toString() : b.low() + " to " + b.high(),
              Long.toString(b.observed().of()),
              ratio(OptionalDouble.of(b.observed().value())),
              ratio(OptionalDouble.of(b.predicted()))
            });
      }
      lines.addAll(aligned(bands));
    } else {
      lines.add("calibration: none, " + s.plattAbsent().orElseThrow());
    }
    return lines;
  }

  /**
   * Rows as columns, right-aligned; in a table with a last "note" column, the first and it left.
   */
  private static List<String> aligned(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        widths[j] = Math.max(widths[j], row[j].length());
      }
    }
    boolean note = rows.get(0)[widths.length - 1].equals("note");
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < row.length; j++) {
        boolean left = note && (j == 0 || j == row.length - 1);
        String pad = " ".repeat(widths[j] - row[j].length());
        sb.append(j == 0 ? "" : "  ").append(left ? row[j] + pad : pad + row[j]);
      }
      lines.add(sb.toString().stripTrailing());
    }
    return lines;
  }

  /** The JSON object: every figure of the table. */
  static void json(WeightSuggestions s, List<Calibration.Band> bands, PrintWriter out)
      throws IOException {
    JsonGenerator json = BacktestJson.indented(out);
    json.writeStartObject();
    json.writeStringField("outcome", s.outcome());
    json.writeNumberField("entities", s.entities());
    json.writeNumberField("converted", s.converted());
    json.writeNumberField("penalty", s.penalty());
    number(json, "intercept", OptionalDouble.of(s.intercept()));
    number(json, "intercept_se", OptionalDouble.of(s.interceptError()));
    number(json, "scale", s.scale());
    json.writeStringField("range", s.range().toString());
    json.writeStringField("granularity", s.granularity().toString());
    json.writeArrayFieldStart("rules");
    for (RuleWeight w : s.rules()) {
      json.writeStartObject();
      json.writeStringField("rule", w.rule());
      json.writeStringField("points", w.points().toString());
      json.writeNumberField("fired", w.fired());
      json.writeNumberField("converted_fired", w.convertedFired());
      number(json, "coefficient", w.coefficient());
      number(json, "se", w.standardError());
      number(json, "low", w.low());
      number(json, "high", w.high());
      if (w.suggested().isPresent()) {
        json.writeStringField("suggested", w.suggested().get().toString());
      } else {
        json.writeNullField("suggested");
      }
      json.writeBooleanField("changes", w.changes());
      json.writeArrayFieldStart("flags");
      for (Flag f : w.flags()) {
        json.writeString(f.key());
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    if (s.platt().isPresent()) {
      json.writeObjectFieldStart("calibration");
      json.writeStringField("method", "platt");
      number(json, "a", OptionalDouble.of(s.platt().get().a()));
      json.writeNumberField("b", s.platt().get().b());
      json.writeNumberField("entities", s.platt().get().entities());
      json.writeArrayFieldStart("bands");
      for (Calibration.Band b : bands) {
        json.writeStartObject();
        json.writeNumberField("band", b.number());
        json.writeStringField("low", b.low().toString());
        json.writeStringField("high", b.high().toString());
        json.writeNumberField("entities", b.observed().of());
        json.writeNumberField("converted", b.observed().count());
        number(json, "observed", OptionalDouble.of(b.observed().value()));
        number(json, "calibrated", OptionalDouble.of(b.predicted()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } else {
      json.writeNullField("calibration");
    }
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  private static void number(JsonGenerator json, String field, OptionalDouble v)
      throws IOException {
    Optional<String> text = BacktestJson.ratio(v);
    if (text.isPresent()) {
      json.writeFieldName(field);
      json.writeNumber(text.get());
    } else {
      json.writeNullField(field);
    }
  }

  private static String ratio(OptionalDouble v) {
    return BacktestJson.ratio(v).orElse("-");
  }

  private static String number(double v) {
    return BacktestJson.ratio(OptionalDouble.of(v)).orElse(Double.toString(v));
  }
}
