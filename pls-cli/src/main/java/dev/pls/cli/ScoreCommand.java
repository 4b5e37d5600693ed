package dev.pls.cli;

import dev.pls.cli.io.CardWriter;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.ScoringRun;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
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
      "2:a usage error (also: two file options name the same file), or more rejected records"
          + " than --max-rejects allows",
      "3:records were read but every one was rejected (no cards are written)"
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the cards here, not stdout.")
  Path out;

  /** What {@code --format} takes. */
  enum Format {
    JSONL,
    CSV;

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
          "One of ${COMPLETION-CANDIDATES}. jsonl (default): one JSON card a line; csv: one row per"
              + " entity, for a CRM.")
  Format format = Format.JSONL;

  @Option(
      names = "--at",
      paramLabel = "EVENT+DURATION",
      description = {
        "Instead of --as-of: score each entity as of DURATION (h, d, w) after its own first",
        "EVENT, e.g. trial_started+14d; entities without one are skipped and counted."
      })
  String at;

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
    if (at != null && input.asOf != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--at and --as-of exclude each other: --at scores each entity at its own time");
    }
    CohortAt cohort = null;
    if (at != null) {
      try {
        cohort = CohortAt.parse(at);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--at: " + e.getMessage());
      }
    }
    input.validate();
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(Outputs.named("--out", out));
    files.addAll(input.outputFiles());
    Outputs.refuseSameFiles(spec, files);
    Instant asOf = input.asOf();
    Optional<Model> compiled = modelChoice.load(model, spec, err);
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
            + (cohort == null
                ? " as of " + asOf
                : ", each as of "
                    + at.substring(cohort.event().length() + 1)
                    + " after its first "
                    + cohort.event()));
    err.flush();
    Progress progress = input.progress();
    ScoringRun.Result result;
    try (Outputs.Output rejects = input.rejectsOutput();
        Outputs.Output cardsOut = Outputs.open(out, spec)) {
      Writer cards = cardsOut.writer();
      ScoringRun.Builder run = input.run(Scorers.forModel(m), asOf, rejects.writer());
      if (cohort != null) {
        run.cohort(cohort.event(), cohort.after());
      }
      result =
          run.progress(progress)
              .build()
              .run(
                  accountOf ->
                      format == Format.CSV
                          ? CardWriter.csv(
                              cards,
                              accountOf,
                              3,
                              m.handoff().stream()
                                  .flatMap(h -> h.context().stream())
                                  .map(Handoff.ContextItem::name)
                                  .toList(),
                              m.grid().isPresent())
                          : CardWriter.jsonLines(cards, explain, members));
      // The rejects are the account of what went wrong, so they are kept in every case; the cards
      // replace the previous ones only when the run produced cards worth having.
      rejects.commit();
      if (Outputs.worthKeeping(result.read())) {
        cardsOut.commit();
      }
    }
    progress.finish(result.read(), result.readNanos());
    if (result.read().limitExceeded()) {
      return 2;
    }
    if (result.read().nothingAccepted()) {
      err.println(NothingAccepted.message(result.read()));
      err.flush();
      return NothingAccepted.STATUS;
    }
    err.println(result.summaryLine());
    ScoringRun.identityLine(result.identities()).ifPresent(err::println);
    if (cohort != null) {
      err.println(
          "skipped "
              + result.skipped()
              + " "
              + m.entity().displayName()
              + (result.skipped() == 1 ? "" : "s")
              + " without "
              + cohort.event());
    } else {
      result.freshnessWarning(asOf, m.resolution()).ifPresent(err::println);
    }
    if (input.events == null) {
      eventsUnread(m, input.relations().stream().map(dev.pls.cli.io.Relation::event).toList())
          .ifPresent(err::println);
    }
    if (out != null) {
      err.println(Outputs.outcome("cards", out, result.read()));
    }
    err.flush();
    return result.read().errors().isEmpty() ? 0 : 1;
  }

  /**
   * When a model that reads events is scored from traits alone, a warning naming (the first of) the
   * events it reads, but those {@code --relation} makes: those rules counted none.
   */
  static Optional<String> eventsUnread(Model m, List<String> made) {
    List<String> read = new ArrayList<>(m.inputs().events());
    read.removeAll(made);
    if (m.inputs().readsAnyEvent()) {
      read.add("any");
    }
    if (read.isEmpty()) {
      return Optional.empty();
    }
    String names =
        read.size() <= 5
            ? String.join(", ", read)
            : String.join(", ", read.subList(0, 5)) + " and " + (read.size() - 5) + " more";
    return Optional.of(
        "warning: no --events, so the rules that read events ("
            + names
            + ") counted none; scored from traits alone");
  }
}
