package dev.pls.cli;

import dev.pls.cli.io.CardWriter;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.ScoringRun;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
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

/** {@code pls explain}: one entity's score as a sales rep would read it. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Explain one user's or account's score, as a sales rep would read it.",
      "Shows the tier, the fired rules with their points and the values behind them, caps and"
          + " floors, the exclusion, and the closest rules that did not fire (the three with the"
          + " fewest unmet conditions, then the most points, then in model order) with what they"
          + " lacked."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:the model does not compile, an input file could not be read, or the entity is not in the files",
      "2:a usage error (also: two file options name the same file), or more rejected records"
          + " than --max-rejects allows",
      "3:records were read but every one was rejected"
    })
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Option(
      names = "--entity",
      required = true,
      paramLabel = "ID",
      description = "The user or account id.")
  String entity;

  @Option(
      names = "--all-members",
      description = {
        "For an account that rolls up members, list every member; by default the "
            + Explanation.TOP_MEMBERS
            + " highest scores are listed, then how many more there are."
      })
  boolean allMembers;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  /** Remembers the entity it scored, which the explanation probes further. */
  private static final class Recording implements Scorer {
    private final Scorer scorer;
    private Entity entity;
    private ScoreCard card;

    Recording(Scorer scorer) {
      this.scorer = scorer;
    }

    @Override
    public Model model() {
      return scorer.model();
    }

    @Override
    public ScoreCard score(Entity e, Instant asOf) {
      entity = e;
      card = scorer.score(e, asOf);
      return card;
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    input.validate();
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(input.outputFiles());
    Outputs.refuseSameFiles(spec, files);
    Instant asOf = input.asOf();
    Optional<Model> compiled = modelChoice.load(model, spec, err);
    if (compiled.isEmpty()) {
      return 1;
    }
    Model m = compiled.get();
    Recording scorer = new Recording(Scorers.forModel(m));
    Progress progress = input.progress();
    ScoringRun.Result result;
    try (Outputs.Output rejects = input.rejectsOutput()) {
      result =
          input
              .run(scorer, asOf, rejects.writer())
              .progress(progress)
              .only(entity)
              .build()
              .run(CardWriter.jsonLines(Writer.nullWriter(), false));
      rejects.commit();
    }
    // What was read matters to the reader of an explanation only when something went wrong.
    if (result.read().rejected() > 0 || !result.read().errors().isEmpty()) {
      progress.finish(result.read(), result.readNanos());
    }
    if (result.read().limitExceeded()) {
      return 2;
    }
    if (result.read().nothingAccepted()) {
      err.println(NothingAccepted.message(result.read()));
      err.flush();
      return NothingAccepted.STATUS;
    }
    if (scorer.card == null) {
      err.println(
          "error: no "
              + m.entity().displayName()
              + " '"
              + entity
              + "' in the event or trait files");
      err.flush();
      return 1;
    }
    result.freshnessWarning(asOf, m.resolution()).ifPresent(err::println);
    ScoringRun.identityLine(result.identities()).ifPresent(err::println);
    err.flush();
    out.print(
        Explanation.of(
            m,
            scorer.entity,
            scorer.card,
            asOf,
            allMembers ? Integer.MAX_VALUE : Explanation.TOP_MEMBERS,
            result.ids()));
    out.flush();
    return result.read().errors().isEmpty() ? 0 : 1;
  }
}
