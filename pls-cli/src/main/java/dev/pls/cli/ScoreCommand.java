package dev.pls.cli;

import dev.pls.cli.io.CardWriter;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ScoringRun;
import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pls score}: score cards for every user or account. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Score every user or account in event and trait files.",
      "Cards go to stdout or --out; what was read, rejected and scored goes to stderr."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success (rejected records do not fail a run)",
      "1:the model does not compile, or an input file could not be read (the rest is scored)",
      "2:a usage error, or more rejected records than --max-rejects allows"
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Mixin InputOptions input;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the cards here, not stdout.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "jsonl|csv",
      description = "jsonl (default): one JSON card a line; csv: one row per entity, for a CRM.")
  String format = "jsonl";

  @Option(names = "--explain", description = "JSON cards carry every fired rule (contributions).")
  boolean explain;

  @Option(
      names = "--members",
      description =
          "For an account model that rolls up members: JSON cards carry the members' cards.")
  boolean members;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--format: expected jsonl or csv, was '" + format + "'");
    }
    input.validate();
    Instant asOf = input.asOf();
    Optional<Model> compiled = RuleFiles.load(model, err);
    if (compiled.isEmpty()) {
      return 1;
    }
    Model m = compiled.get();
    if (members && m.memberModel().isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--members: model '" + m.id() + "' does not roll up members; leave --members out");
    }
    err.println(
        "scoring "
            + m.entity().displayName()
            + "s with "
            + m.id()
            + " v"
            + m.version()
            + " as of "
            + asOf);
    err.flush();
    Progress progress = input.progress();
    ScoringRun.Result result;
    try (Writer rejects = input.rejectsWriter();
        Writer cards = Outputs.open(out, spec)) {
      result =
          input
              .run(Scorers.forModel(m), asOf, rejects)
              .progress(progress)
              .build()
              .run(
                  accountOf ->
                      format.equals("csv")
                          ? CardWriter.csv(cards, accountOf, 3)
                          : CardWriter.jsonLines(cards, explain, members));
    }
    progress.finish(result.read(), result.readNanos());
    if (result.read().limitExceeded()) {
      return 2;
    }
    err.println(result.summaryLine());
    if (out != null) {
      err.println("cards written to " + out);
    }
    err.flush();
    return result.read().errors().isEmpty() ? 0 : 1;
  }
}
