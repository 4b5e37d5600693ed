package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import dev.pls.cli.io.BacktestJson;
import dev.pls.cli.io.BacktestRun;
import dev.pls.cli.io.OutcomeReader;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.SameFiles;
import dev.pls.core.backtest.Comparison;
import dev.pls.core.backtest.ComparisonResult;
import dev.pls.core.backtest.ComparisonResult.AucDifference;
import dev.pls.core.backtest.ComparisonResult.ChangedEntity;
import dev.pls.core.backtest.ComparisonResult.RuleChange;
import dev.pls.core.backtest.ComparisonResult.Transitions;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.Summary;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/*
 * Champion against challenger from files: both models are compiled, the files are read once and
 * fed to the core's PairedReplay (BacktestRun, as for `pls backtest`), and the core's
 * ComparisonResult is printed (stdout) and, with --out, written as DIR/diff.json. --as-of T is a
 * grid of the one step T, so every schedule compares peak tiers by the backtest's definitions.
 *
 * The two rule files may be the same file (a model compared with itself is all diagonal), so each
 * is checked against the other file options on its own rather than against each other.
 */
/** {@code pls diff}: who changes tier between two models, and why. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Compare a champion model (A) with a challenger (B) on the same events.",
      "The tier transition matrix, and every entity that changes tier with the rules (matched by"
          + " id) that explain it; as of one instant (--as-of), at steps (--from/--to/--step) or per"
          + " entity (--at); with --outcomes also both models' AUC and lift and their differences."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success (rejected records do not fail a run)",
      "1:a model does not compile, or an input file could not be read (nothing is written)",
      "2:a usage error (also: models of different entity kinds, an output that names an input),",
      "  or more rejected records than --max-rejects allows",
      "3:records were read but every one was rejected"
    })
final class DiffCommand implements Callable<Integer> {
  /** The file of the --out directory. */
  static final String DIFF = "diff.json";

  /** Changed entities shown on stdout without --all. */
  static final int SHOWN = 20;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The champion's rule file (.pls).")
  Path champion;

  @Parameters(index = "1", paramLabel = "B", description = "The challenger's rule file (.pls).")
  Path challenger;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  @Mixin ScheduleOptions scheduleOptions;

  @Mixin OutcomeOptions outcomeOptions;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write DIR/" + DIFF + " (the directory is created if missing).")
  Path out;

  @Option(
      names = "--all",
      description = "List every changed entity on stdout, not the first " + SHOWN + " by id.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    input.validate();
    ScheduleOptions s = scheduleOptions;
    if (input.asOf == null && s.from == null && s.to == null && s.step == null && s.at == null) {
      throw usage(
          "give one instant, --as-of T; the steps, --from T1 --to T2 [--step DURATION]; or a"
              + " cohort, --at EVENT+DURATION");
    }
    Schedule schedule = scheduleOptions.schedule(spec, input.asOf);
    OutcomeReader.Mapping mapping = outcomeOptions.mapping(spec);
    List<SameFiles.Named> others = new ArrayList<>(input.inputFiles());
    others.addAll(Outputs.named("--outcomes", outcomeOptions.outcomes));
    others.addAll(Outputs.named("--out", out));
    if (out != null) {
      others.addAll(Outputs.named("--out", out.resolve(DIFF)));
    }
    others.addAll(input.outputFiles());
    for (SameFiles.Named model :
        List.of(new SameFiles.Named("A", champion), new SameFiles.Named("B", challenger))) {
      List<SameFiles.Named> files = new ArrayList<>(List.of(model));
      files.addAll(others);
      Outputs.refuseSameFiles(spec, files);
    }
    if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
      throw usage("--out: " + out + " is a file; give a directory (it is created if missing)");
    }
    Optional<Model> a = modelChoice.load(champion, spec, err);
    if (a.isEmpty()) {
      return 1;
    }
    Optional<Model> b = modelChoice.load(challenger, spec, err);
    if (b.isEmpty()) {
      return 1;
    }
    Comparison.Builder builder;
    try {
      builder = Comparison.builder(a.get(), b.get());
    } catch (IllegalArgumentException e) {
      throw usage("B: " + challenger + ": " + e.getMessage().replaceFirst("^challenger: ", ""));
    }
    err.println(heading(a.get(), b.get(), schedule, input.asOf != null));
    err.flush();
    Progress progress = input.progress();
    long start = System.nanoTime();
    try (Outputs.Output rejectsOut = input.rejectsOutput()) {
      Rejects rejects = input.rejects(rejectsOut.writer());
      OutcomeOptions.Read outcomesGiven =
          outcomeOptions.read(spec, input, mapping, a.get().zone(), rejects, progress, rejectsOut);
      ReadSummary outcomesRead = outcomesGiven.read();
      outcomesGiven.chosen().ifPresent(builder::outcomes);
      BacktestRun.Result run = null;
      if (outcomesGiven.usable()) {
        Comparison comparison =
            builder
                .schedule(schedule)
                .accountRule(input.accountRule())
                .identityLimits(input.maxAnonymousIds(), input.maxKnownIds())
                .listener((instant, cards, done, total) -> progress.stepped(done, total))
                .build();
        run = input.feed(BacktestRun.builder(comparison), rejects, progress).build().run();
      }
      ReadSummary read = run == null ? outcomesRead : run.read().plus(outcomesRead);
      OptionalInt stop =
          outcomesGiven.finish(
              read, Optional.ofNullable(run), rejects, rejectsOut, progress, start, err);
      if (stop.isPresent()) {
        return stop.getAsInt();
      }
      if (!read.errors().isEmpty()) {
        err.println(
            "diff not written: an input file could not be read"
                + (out == null ? "" : ", so " + out + " is kept as it was"));
        err.flush();
        return 1;
      }
      ComparisonResult diff = run.comparison().orElseThrow();
      for (String line : report(a.get(), b.get(), diff, all)) {
        stdout.println(line);
      }
      stdout.flush();
      if (out != null) {
        Files.createDirectories(out);
        try (AtomicOutput file = AtomicOutput.create(out.resolve(DIFF))) {
          BacktestJson.diff(diff, file.writer());
          file.writer().flush();
          file.commit();
        }
        err.println("diff written to " + out.resolve(DIFF));
      }
      err.flush();
      return 0;
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String heading(Model a, Model b, Schedule schedule, boolean asOf) {
    String what =
        "comparing "
            + a.entity().displayName()
            + "s' tiers: champion "
            + a.id()
            + " v"
            + a.version()
            + ", challenger "
            + b.id()
            + " v"
            + b.version();
    if (schedule instanceof Schedule.Grid g && asOf) {
      return what + ", as of " + g.from();
    }
    return what
        + (schedule instanceof Schedule.Grid ? ", peak tiers" : "")
        + ScheduleOptions.describe(schedule);
  }

  /** What stdout shows: the matrix, the counts, the changed entities, the outcome figures. */
  static List<String> report(Model a, Model b, ComparisonResult diff, boolean all) {
    List<String> lines = new ArrayList<>();
    Transitions t = diff.transitions();
    String kind = a.entity().displayName();
    lines.add(
        "A = "
            + a.id()
            + " v"
            + a.version()
            + " (rows), B = "
            + b.id()
            + " v"
            + b.version()
            + " (columns)");
    int first = "A \\ B".length();
    for (String tier : t.from()) {
      first = Math.max(first, tier.length());
    }
    int[] widths = new int[t.to().size()];
    for (int j = 0; j < widths.length; j++) {
      widths[j] = t.to().get(j).length();
      for (List<Long> row : t.counts()) {
        widths[j] = Math.max(widths[j], Long.toString(row.get(j)).length());
      }
    }
    StringBuilder header = new StringBuilder(pad("A \\ B", first));
    for (int j = 0; j < widths.length; j++) {
      header.append("  ").append(padLeft(t.to().get(j), widths[j]));
    }
    lines.add(header.toString().stripTrailing());
    for (int i = 0; i < t.from().size(); i++) {
      StringBuilder row = new StringBuilder(pad(t.from().get(i), first));
      for (int j = 0; j < widths.length; j++) {
        row.append("  ").append(padLeft(Long.toString(t.counts().get(i).get(j)), widths[j]));
      }
      lines.add(row.toString());
    }
    lines.add(
        t.total()
            + " "
            + kind
            + (t.total() == 1 ? "" : "s")
            + ": "
            + t.same()
            + " same, "
            + t.up()
            + " up, "
            + t.down()
            + " down"
            + (t.across() > 0 ? ", " + t.across() + " across" : ""));
    List<ChangedEntity> changed = diff.changed();
    if (!changed.isEmpty()) {
      int shown = all ? changed.size() : Math.min(SHOWN, changed.size());
      lines.add(
          shown == changed.size()
              ? "changed:"
              : "changed (the first "
                  + shown
                  + " of "
                  + changed.size()
                  + " by id; --all for all):");
      for (ChangedEntity e : changed.subList(0, shown)) {
        lines.add(
            "  "
                + e.entity()
                + ": "
                + e.champion()
                + " -> "
                + e.challenger()
                + " (score "
                + score(e.championScore())
                + " -> "
                + score(e.challengerScore())
                + ")"
                + (e.rules().isEmpty() ? "; no rule differs: a tier's condition moved" : ""));
        for (RuleChange r : e.rules()) {
          lines.add("    " + r.rule() + ": " + side(r, true) + " -> " + side(r, false));
        }
      }
    }
    if (diff.outcomes().isPresent()) {
      Summary.OutcomeFigures oa = diff.champion().summary().outcomes().orElseThrow();
      Summary.OutcomeFigures ob = diff.challenger().summary().outcomes().orElseThrow();
      ComparisonResult.OutcomeComparison o = diff.outcomes().get();
      lines.add(
          "outcome "
              + oa.name()
              + ": "
              + oa.converted()
              + " of "
              + oa.entities()
              + " converted (A), "
              + ob.converted()
              + " of "
              + ob.entities()
              + " (B)");
      if (o.auc().isPresent()) {
        AucDifference d = o.auc().get();
        lines.add(
            "AUC "
                + ratio(d.champion())
                + " (A) -> "
                + ratio(d.challenger())
                + " (B) over "
                + d.entities()
                + " "
                + kind
                + (d.entities() == 1 ? "" : "s")
                + ": difference "
                + ratio(d.difference())
                + (d.low().isPresent()
                    ? ", 95% interval ["
                        + ratio(d.low().getAsDouble())
                        + ", "
                        + ratio(d.high().getAsDouble())
                        + "]"
                    : ", no interval (fewer than two on a side)"));
      } else {
        lines.add("AUC: n/a (no converted " + kind + " or none that did not convert)");
      }
      StringBuilder lift = new StringBuilder("lift");
      String sep = " ";
      for (Map.Entry<String, OptionalDouble> l : o.lift().entrySet()) {
        String tier = l.getKey();
        lift.append(sep)
            .append(tier)
            .append(' ')
            .append(lift(oa.tiers().get(tier)))
            .append(" -> ")
            .append(lift(ob.tiers().get(tier)));
        if (l.getValue().isPresent()) {
          double v = l.getValue().getAsDouble();
          lift.append(" (").append(v >= 0 ? "+" : "").append(ratio(v)).append(')');
        }
        sep = ", ";
      }
      lines.add(lift.toString());
    }
    return lines;
  }

  /** One side of a rule's difference: its points, or why it has none. */
  private static String side(RuleChange r, boolean champion) {
    Optional<Points> p = champion ? r.championPoints() : r.challengerPoints();
    if (p.isPresent()) {
      return p.get().toString();
    }
    boolean has = champion ? r.inChampion() : r.inChallenger();
    return has ? "did not fire" : champion ? "(not in A)" : "(not in B)";
  }

  private static String score(Optional<Points> p) {
    return p.map(Points::toString).orElse("-");
  }

  private static String lift(Summary.TierOutcome t) {
    return t.lift().map(l -> ratio(l.value())).orElse("n/a");
  }

  private static String ratio(double v) {
    return BacktestJson.ratio(OptionalDouble.of(v)).orElse("n/a");
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }
}
