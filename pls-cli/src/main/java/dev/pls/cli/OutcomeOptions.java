package dev.pls.cli;

import dev.pls.cli.io.OutcomeReader;
import dev.pls.core.backtest.Outcomes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
