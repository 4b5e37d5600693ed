package dev.pls.cli;

import dev.pls.cli.io.BacktestRun;
import dev.pls.cli.io.OutcomeReader;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.Timestamps;
import dev.pls.core.backtest.Outcomes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The outcome files of {@code pls backtest} and {@code pls diff}, and which outcome to use. */
final class OutcomeOptions {
  @Option(
      names = "--outcomes",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Outcome files: JSON Lines {\"entity\":…,\"outcome\":…,\"time\":…} or CSV"
              + " (entity,outcome,time); an empty time is no outcome.")
  List<Path> outcomes;

  @Option(
      names = "--outcome",
      paramLabel = "NAME",
      description = "The outcome to compare with, when the files hold several.")
  String outcome;

  @Option(
      names = "--outcomes-map",
      paramLabel = "SPEC",
      description =
          "Fields of outcome records, e.g. entity=org_id,time=converted_at,outcome=:converted.")
  String outcomesMap;

  /** The outcome the run compares with: --outcome's, or the files' only one. */
  Outcomes choose(CommandSpec spec, OutcomeReader.Read read) {
    Map<String, Outcomes> byName = read.outcomes();
    if (outcome != null) {
      Outcomes o = byName.get(outcome);
      if (o == null) {
        throw usage(
            spec,
            "--outcome "
                + outcome
                + ": the outcome files have no outcome of that name; they have "
                + String.join(", ", byName.keySet()));
      }
      return o;
    }
    if (byName.size() > 1) {
      throw usage(
          spec,
          "--outcomes: the files hold several outcomes ("
              + String.join(", ", byName.keySet())
              + "); pick one with --outcome NAME");
    }
    if (byName.isEmpty()) {
      throw usage(spec, "--outcomes: the files hold no outcome records");
    }
    return byName.values().iterator().next();
  }

  /**
   * What reading the outcome files gave.
   *
   * @param read the files' counts (none read without --outcomes)
   * @param chosen the outcome to compare with; absent without --outcomes, or when the files could
   *     not give one (rejects over the limit, nothing accepted)
   * @param withoutTime records with an empty time, which are no outcome
   */
  record Read(ReadSummary read, Optional<Outcomes> chosen, long withoutTime) {
    /**
     * Whether the run may go on to read events: the outcome files neither hit the limit nor gave
     * nothing.
     */
    boolean usable() {
      return !read.limitExceeded() && !read.nothingAccepted();
    }

    /**
     * Ends the reading of a replay (backtest, diff, suggest) that read these outcome files: writes
     * the rejects, reports {@code everything} read, and gives the status to stop with, if any: 2
     * when a limit was exceeded; {@link NothingAccepted#STATUS}, saying which, when the outcome
     * files gave nothing, or the events and traits of {@code run} did (there would be nothing to
     * replay, or nothing to measure against).
     */
    OptionalInt finish(
        ReadSummary everything,
        Optional<BacktestRun.Result> run,
        Rejects rejects,
        Outputs.Output rejectsOut,
        Progress progress,
        long startNanos,
        PrintWriter err)
        throws IOException {
      rejects.flush();
      rejectsOut.commit();
      progress.finish(everything, System.nanoTime() - startNanos);
      if (everything.limitExceeded()) {
        return OptionalInt.of(2);
      }
      Optional<ReadSummary> empty =
          Optional.of(read)
              .filter(ReadSummary::nothingAccepted)
              .or(() -> run.map(BacktestRun.Result::read).filter(ReadSummary::nothingAccepted));
      if (empty.isPresent()) {
        err.println(NothingAccepted.message(empty.get()));
        err.flush();
        return OptionalInt.of(NothingAccepted.STATUS);
      }
      return OptionalInt.empty();
    }
  }

  /**
   * Reads the outcome files (dates alone in {@code zone}, as events), and picks the outcome. A
   * usage error in picking commits {@code rejectsOut} first, so the rejects already found are kept.
   */
  Read read(
      CommandSpec spec,
      InputOptions input,
      OutcomeReader.Mapping mapping,
      ZoneId zone,
      Rejects rejects,
      Progress progress,
      Outputs.Output rejectsOut)
      throws IOException {
    if (outcomes == null) {
      return new Read(new ReadSummary(List.of(), false), Optional.empty(), 0);
    }
    Timestamps times = input.timestamps().datesIn(zone);
    OutcomeReader.Read read =
        OutcomeReader.create(rejects, progress, times, mapping).read(outcomes);
    ReadSummary summary = read.read().noting(times.datesNote().map(n -> "outcomes: " + n));
    Optional<Outcomes> chosen = Optional.empty();
    if (!summary.limitExceeded() && !summary.nothingAccepted()) {
      try {
        chosen = Optional.of(choose(spec, read));
      } catch (ParameterException e) {
        rejectsOut.commit();
        throw e;
      }
    }
    return new Read(summary, chosen, read.withoutTime());
  }

  /** The fields of outcome records, checking the options that need --outcomes. */
  OutcomeReader.Mapping mapping(CommandSpec spec) {
    if (outcomes == null) {
      if (outcome != null) {
        throw usage(spec, "--outcome: needs --outcomes FILE…");
      }
      if (outcomesMap != null) {
        throw usage(spec, "--outcomes-map: needs --outcomes FILE…");
      }
      return OutcomeReader.Mapping.defaults();
    }
    try {
      return outcomesMap == null
          ? OutcomeReader.Mapping.defaults()
          : OutcomeReader.Mapping.parse(outcomesMap);
    } catch (IllegalArgumentException e) {
      throw usage(spec, "--outcomes-map: " + e.getMessage());
    }
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
