package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import dev.pls.cli.io.BacktestJson;
import dev.pls.cli.io.BacktestRun;
import dev.pls.cli.io.OutcomeReader;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.report.BacktestReport;
import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.Comparison;
import dev.pls.core.backtest.ComparisonResult;
import dev.pls.core.backtest.Outcomes;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.Summary;
import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A point-in-time backtest from files: outcomes are read first (the backtest is built with them),
 * then trait files, then the event files are replayed in time order through the core's Replay
 * (BacktestRun streams them, or sorts them in memory when they are not in order). Every figure is
 * the core's; this command only reads, checks and writes.
 *
 * The results go to a directory: summary.json and entities.jsonl (and, later, report.html), all
 * written to temporaries first and committed together only when the run produced a result, so a
 * run that fails leaves the directory's previous files as they were. write(...) is the one place
 * that has the result and the directory at hand: a new file of the directory goes there.
 */
/** {@code pls backtest}: how a model's tiers and rules would have predicted known outcomes. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Replay history through a model, point in time, and compare it with outcomes.",
      "Every entity is scored as of --from, --from + --step, ... up to --to (or each as of --at"
          + " EVENT+DURATION), and its tiers and rules are compared with outcomes; summary.json,"
          + " entities.jsonl and report.html go to the --out directory."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success (rejected records do not fail a run)",
      "1:the model does not compile, or an input file could not be read (nothing is written)",
      "2:a usage error (also: an output names an input, several outcome names and no --outcome),",
      "  or more rejected records than --max-rejects allows",
      "3:records were read but every one was rejected"
    })
final class BacktestCommand implements Callable<Integer> {
  /** The files of the --out directory. */
  static final String SUMMARY = "summary.json";

  static final String ENTITIES = "entities.jsonl";
  static final String REPORT = "report.html";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  @Mixin ScheduleOptions scheduleOptions;

  @Mixin OutcomeOptions outcomeOptions;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "The directory to write summary.json, entities.jsonl and report.html to (created if missing).")
  Path out;

  @Option(
      names = "--challenger",
      paramLabel = "B",
      description =
          "A challenger rule file (.pls) replayed beside MODEL: summary.json gains its summary (challenger) and, with --outcomes, the AUC and lift differences (comparison).")
  Path challenger;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (input.asOf != null) {
      throw usage(
          "--as-of: pls backtest scores at steps (--from/--to/--step) or --at; leave --as-of out");
    }
    input.validate();
    Schedule schedule = scheduleOptions.schedule(spec, null);
    OutcomeReader.Mapping mapping = outcomeOptions.mapping(spec);
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(Outputs.named("--outcomes", outcomeOptions.outcomes));
    files.addAll(Outputs.named("--out", out));
    files.addAll(Outputs.named("--out", out.resolve(SUMMARY)));
    files.addAll(Outputs.named("--out", out.resolve(ENTITIES)));
    files.addAll(input.outputFiles());
    Outputs.refuseSameFiles(spec, files);
    if (challenger != null) {
      // Checked against every other file but MODEL: a model may be its own challenger.
      List<SameFiles.Named> others = new ArrayList<>(files.subList(1, files.size()));
      others.add(0, new SameFiles.Named("--challenger", challenger));
      Outputs.refuseSameFiles(spec, others);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usage("--out: " + out + " is a file; give a directory (it is created if missing)");
    }
    Optional<Model> compiled = modelChoice.load(model, spec, err);
    if (compiled.isEmpty()) {
      return 1;
    }
    Model m = compiled.get();
    Optional<Model> b = Optional.empty();
    if (challenger != null) {
      b = modelChoice.load(challenger, spec, err);
      if (b.isEmpty()) {
        return 1;
      }
      if (b.get().entity() != m.entity()) {
        throw usage(
            "--challenger: model '"
                + b.get().id()
                + "' scores "
                + b.get().entity().displayName()
                + "s, but '"
                + m.id()
                + "' scores "
                + m.entity().displayName()
                + "s; both must score the same kind of entity");
      }
    }
    err.println(heading(m, schedule));
    b.ifPresent(c -> err.println("  beside the challenger " + c.id() + " v" + c.version()));
    err.flush();
    Progress progress = input.progress();
    long start = System.nanoTime();
    try (Outputs.Output rejectsOut = input.rejectsOutput()) {
      Rejects rejects = input.rejects(rejectsOut.writer());
      OutcomeOptions.Read outcomesGiven =
          outcomeOptions.read(spec, input, mapping, m.zone(), rejects, progress, rejectsOut);
      ReadSummary outcomesRead = outcomesGiven.read();
      Optional<Outcomes> chosen = outcomesGiven.chosen();
      long withoutTime = outcomesGiven.withoutTime();
      BacktestRun.Result run;
      if (!outcomesGiven.usable()) {
        run = null;
      } else {
        BacktestRun.Builder builder;
        if (b.isPresent()) {
          Comparison.Builder c =
              Comparison.builder(m, b.get())
                  .schedule(schedule)
                  .accountRule(input.accountRule())
                  .identityLimits(input.maxAnonymousIds(), input.maxKnownIds())
                  .listener((instant, cards, done, total) -> progress.stepped(done, total));
          chosen.ifPresent(c::outcomes);
          builder = BacktestRun.builder(c.build());
        } else {
          Backtest.Builder bt =
              Backtest.builder(m)
                  .schedule(schedule)
                  .accountRule(input.accountRule())
                  .identityLimits(input.maxAnonymousIds(), input.maxKnownIds())
                  .listener((instant, cards, done, total) -> progress.stepped(done, total));
          chosen.ifPresent(bt::outcomes);
          builder = BacktestRun.builder(bt.build());
        }
        run = input.feed(builder, rejects, progress).build().run();
      }
      ReadSummary read = run == null ? outcomesRead : run.read().plus(outcomesRead);
      rejects.flush();
      rejectsOut.commit();
      progress.finish(read, System.nanoTime() - start);
      if (read.limitExceeded()) {
        return 2;
      }
      // Events and traits that give nothing are a failed run even when the outcomes read well:
      // there would be nothing to replay. So are outcome files that give nothing.
      Optional<ReadSummary> empty =
          Optional.of(outcomesRead)
              .filter(ReadSummary::nothingAccepted)
              .or(() -> Optional.of(run.read()).filter(ReadSummary::nothingAccepted));
      if (empty.isPresent()) {
        err.println(NothingAccepted.message(empty.get()));
        err.flush();
        return NothingAccepted.STATUS;
      }
      run.sorted()
          .ifPresent(
              s ->
                  err.println(
                      s.passes() == 1
                          ? "the events were not in time order: read all "
                              + s.events()
                              + (s.events() == 1 ? " event" : " events")
                              + " into memory and sorted them (sort an export by time to stream"
                              + " it)"
                          : "the events were not in time order: read them again in "
                              + s.passes()
                              + " passes, each holding and sorting a run of days (at most "
                              + s.largest()
                              + " events) in memory (sort an export by time to stream it)"));
      if (run.groupCalls() > 0) {
        err.println(
            "warning: "
                + run.groupCalls()
                + (run.groupCalls() == 1
                    ? " group call's membership was"
                    : " group calls' memberships were")
                + " not replayed: users are put in accounts by the accounts events name and by"
                + " e-mail domains");
      }
      if (!read.errors().isEmpty()) {
        err.println(
            "backtest not written: an input file could not be read, so "
                + out
                + " is kept as it was");
        err.flush();
        return 1;
      }
      BacktestResult result = run.result().orElseThrow();
      for (String line : summary(m, result.summary(), run, withoutTime)) {
        err.println(line);
      }
      dev.pls.cli.io.ScoringRun.identityLine(run.identities()).ifPresent(err::println);
      if (run.comparison().isPresent()) {
        err.println(challengerLine(b.orElseThrow(), run.comparison().get()));
      }
      write(
          result,
          run.comparison(),
          out,
          m.id() + " version " + m.version() + ", " + model.getFileName(),
          m.zone());
      err.println("backtest written to " + out + ": " + SUMMARY + ", " + ENTITIES + ", " + REPORT);
      err.flush();
      return 0;
    }
  }

  /**
   * Writes the directory's files: each to a temporary first, then all committed, so a failure
   * leaves the previous files. The one place with the result and the directory at hand.
   */
  static void write(BacktestResult result, Path dir, String title, ZoneId zone) throws IOException {
    write(result, Optional.empty(), dir, title, zone);
  }

  /**
   * Writes the directory's files; with a comparison, summary.json also holds the challenger's
   * summary and the comparison.
   */
  static void write(
      BacktestResult result,
      Optional<ComparisonResult> comparison,
      Path dir,
      String title,
      ZoneId zone)
      throws IOException {
    Files.createDirectories(dir);
    try (AtomicOutput summary = AtomicOutput.create(dir.resolve(SUMMARY));
        AtomicOutput entities = AtomicOutput.create(dir.resolve(ENTITIES));
        AtomicOutput report = AtomicOutput.create(dir.resolve(REPORT))) {
      BacktestJson.summary(result.summary(), comparison, summary.writer());
      BacktestJson.entities(result.entities(), entities.writer());
      report.writer().write(BacktestReport.html(result, title, zone));
      summary.writer().flush();
      entities.writer().flush();
      report.writer().flush();
      summary.commit();
      entities.commit();
      report.commit();
    }
  }

  /** The challenger's line on stderr: its tiers, and with outcomes its AUC against MODEL's. */
  private static String challengerLine(Model b, ComparisonResult c) {
    StringBuilder sb =
        new StringBuilder("challenger ").append(b.id()).append(" v").append(b.version());
    sb.append(": tiers ever/peak:");
    String sep = " ";
    for (Map.Entry<String, Summary.TierCounts> t : c.challenger().summary().tiers().entrySet()) {
      sb.append(sep)
          .append(t.getKey())
          .append(' ')
          .append(t.getValue().ever())
          .append('/')
          .append(t.getValue().peak());
      sep = ", ";
    }
    sb.append("; ").append(c.changed().size()).append(" changed peak tier");
    c.outcomes()
        .flatMap(ComparisonResult.OutcomeComparison::auc)
        .ifPresent(
            d -> {
              sb.append("; AUC ")
                  .append(ratio(OptionalDouble.of(d.challenger())))
                  .append(" against ")
                  .append(ratio(OptionalDouble.of(d.champion())))
                  .append(", difference ")
                  .append(ratio(OptionalDouble.of(d.difference())));
              if (d.low().isPresent()) {
                sb.append(" [")
                    .append(ratio(d.low()))
                    .append(", ")
                    .append(ratio(d.high()))
                    .append(']');
              }
            });
    return sb.toString();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String heading(Model m, Schedule schedule) {
    return "backtesting "
        + m.entity().displayName()
        + "s with "
        + m.id()
        + " v"
        + m.version()
        + ScheduleOptions.describe(schedule);
  }

  /** The closing lines: steps, entities, tiers ever and peak, the outcome's figures. */
  private static List<String> summary(
      Model m, Summary s, BacktestRun.Result run, long withoutTime) {
    List<String> lines = new ArrayList<>();
    String kind = m.entity().displayName();
    StringBuilder sb = new StringBuilder();
    if (s.schedule() instanceof Schedule.Grid) {
      sb.append("replayed ").append(s.steps()).append(s.steps() == 1 ? " step" : " steps");
      sb.append(" over ");
    } else {
      sb.append("scored ");
    }
    sb.append(s.entities()).append(' ').append(kind).append(s.entities() == 1 ? "" : "s");
    if (s.schedule() instanceof Schedule.Cohort) {
      sb.append(" (")
          .append(s.skipped())
          .append(" without ")
          .append(((Schedule.Cohort) s.schedule()).event())
          .append(" skipped)");
    }
    sb.append("; tiers ever/peak:");
    String sep = " ";
    for (Map.Entry<String, Summary.TierCounts> t : s.tiers().entrySet()) {
      sb.append(sep)
          .append(t.getKey())
          .append(' ')
          .append(t.getValue().ever())
          .append('/')
          .append(t.getValue().peak());
      sep = ", ";
    }
    lines.add(sb.toString());
    if (run.ignored() > 0) {
      lines.add(
          "  "
              + run.ignored()
              + (run.ignored() == 1 ? " event" : " events")
              + " not replayed: after the last step, or of no "
              + kind);
    }
    if (s.outcomes().isPresent()) {
      Summary.OutcomeFigures o = s.outcomes().get();
      StringBuilder ob = new StringBuilder("outcome ").append(o.name()).append(": ");
      ob.append(o.converted()).append(" of ").append(o.entities()).append(" converted");
      ob.append(" (base rate ").append(ratio(o.baseRate().map(r -> r.value()))).append(")");
      ob.append("; AUC ").append(ratio(o.auc()));
      ob.append("; ").append(o.prior()).append(" prior, ");
      ob.append(o.unmatched()).append(" unmatched");
      if (withoutTime > 0) {
        ob.append(", ")
            .append(withoutTime)
            .append(withoutTime == 1 ? " record" : " records")
            .append(" without a time ignored");
      }
      lines.add(ob.toString());
    }
    return lines;
  }

  private static String ratio(Optional<Double> v) {
    return ratio(v.map(OptionalDouble::of).orElse(OptionalDouble.empty()));
  }

  private static String ratio(OptionalDouble v) {
    return BacktestJson.ratio(v).orElse("n/a");
  }
}
