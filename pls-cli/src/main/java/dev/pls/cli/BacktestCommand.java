package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import dev.pls.cli.io.BacktestJson;
import dev.pls.cli.io.BacktestRun;
import dev.pls.cli.io.BacktestSections;
import dev.pls.cli.io.DispositionReader;
import dev.pls.cli.io.OutcomeReader;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.WeeklyCapacity;
import dev.pls.cli.report.BacktestReport;
import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.CapacityCurve;
import dev.pls.core.backtest.Comparison;
import dev.pls.core.backtest.ComparisonResult;
import dev.pls.core.backtest.Outcomes;
import dev.pls.core.backtest.OutreachLift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.Summary;
import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.handoff.Alert;
import dev.pls.core.handoff.DispositionRecord;
import dev.pls.core.handoff.Router;
import dev.pls.core.handoff.SlaReport;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** What --capacity takes: N/week or N/day. */
  private static final Pattern CAPACITY = Pattern.compile("([0-9]+)\\s*/\\s*(week|day)");

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

  @Option(
      names = "--dispositions",
      paramLabel = "FILE",
      description =
          "What sellers recorded against the alerts of the replay (JSON Lines or CSV: alert,"
              + " disposition, time): the hand-off is replayed over the steps, and summary.json and"
              + " report.html gain the SLA figures and each rule's share of negative dispositions.")
  Path dispositions;

  @Option(
      names = "--capacity",
      paramLabel = "N/week",
      description =
          "The sales team's capacity, N/week or N/day (7 days a week): summary.json and report.html gain the lowest score threshold whose busiest week newly qualifies at most N, and the capacity curve. Without it, the model's hand-off queues' daily capacities, when every queue has one.")
  String capacity;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (input.asOf != null) {
      throw usage(
          "--as-of: pls backtest scores at steps (--from/--to/--step) or --at; leave --as-of out");
    }
    input.validate();
    Schedule schedule = scheduleOptions.schedule(spec, null);
    OptionalLong perWeek = capacity == null ? OptionalLong.empty() : parseCapacity(capacity);
    OutcomeReader.Mapping mapping = outcomeOptions.mapping(spec);
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(Outputs.named("--outcomes", outcomeOptions.outcomes));
    files.addAll(Outputs.named("--dispositions", dispositions));
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
    if (dispositions != null) {
      checkDispositions(m, schedule);
    }
    Optional<Capacity> team =
        perWeek.isPresent()
            ? Optional.of(new Capacity(perWeek.getAsLong(), "--capacity " + capacity))
            : queueCapacity(m);
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
      // The hand-off is replayed for the dispositions' alerts, and for the hold-out's lift when
      // there are outcomes to measure it by.
      boolean lift =
          chosen.isPresent()
              && b.isEmpty()
              && schedule instanceof Schedule.Grid
              && m.handoff().flatMap(h -> h.holdout()).isPresent();
      HandoffReplay handoff = dispositions == null && !lift ? null : new HandoffReplay(m);
      Optional<OutreachLift> outreach = Optional.empty();
      ReadSummary dispositionsRead = null;
      Optional<SlaReport> sla = Optional.empty();
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
                  .listener(
                      (instant, cards, done, total) -> {
                        progress.stepped(done, total);
                        if (handoff != null) {
                          handoff.step(instant, cards);
                        }
                      });
          chosen.ifPresent(bt::outcomes);
          builder = BacktestRun.builder(bt.build());
        }
        run = input.feed(builder, rejects, progress).build().run();
        if (dispositions != null && !run.read().limitExceeded() && run.result().isPresent()) {
          DispositionReader.Read d = handoff.read(rejects, progress, input, dispositions);
          dispositionsRead = d.read();
          sla = Optional.of(handoff.report(d.records()));
        }
        if (lift && !run.read().limitExceeded() && run.result().isPresent()) {
          outreach = Optional.of(handoff.lift(chosen.get()));
        }
      }
      ReadSummary read = run == null ? outcomesRead : run.read().plus(outcomesRead);
      if (dispositionsRead != null) {
        read = read.plus(dispositionsRead);
      }
      // Events and traits that give nothing are a failed run even when the outcomes read well:
      // there would be nothing to replay. So are outcome files that give nothing.
      OptionalInt stop =
          outcomesGiven.finish(
              read, Optional.ofNullable(run), rejects, rejectsOut, progress, start, err);
      if (stop.isPresent()) {
        return stop.getAsInt();
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
      if (sla.isPresent()) {
        for (String line : RouteCommand.slaLines(sla.get())) {
          err.println(line);
        }
      }
      outreach.ifPresent(o -> err.println(outreachLine(o)));
      Optional<WeeklyCapacity> weekly =
          team.map(
              t -> new WeeklyCapacity(t.perWeek(), t.source(), result.capacity().orElseThrow()));
      weekly.ifPresent(w -> err.println(capacityLine(w)));
      write(
          result,
          run.comparison(),
          new BacktestSections(weekly, sla, outreach, Optional.of(m)),
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
    write(result, comparison, BacktestSections.NONE, dir, title, zone);
  }

  /**
   * Writes the directory's files; summary.json and report.html also hold the sections the options
   * asked for: the threshold that fits a capacity and the capacity curve, the SLA figures
   * (--dispositions), the hold-out's lift, and with the model replayed the weights of its rules
   * fitted to the outcomes.
   */
  static void write(
      BacktestResult result,
      Optional<ComparisonResult> comparison,
      BacktestSections sections,
      Path dir,
      String title,
      ZoneId zone)
      throws IOException {
    Files.createDirectories(dir);
    try (AtomicOutput summary = AtomicOutput.create(dir.resolve(SUMMARY));
        AtomicOutput entities = AtomicOutput.create(dir.resolve(ENTITIES));
        AtomicOutput report = AtomicOutput.create(dir.resolve(REPORT))) {
      BacktestJson.summary(result.summary(), comparison, sections, summary.writer());
      BacktestJson.entities(result.entities(), entities.writer());
      report.writer().write(BacktestReport.html(result, title, zone, sections));
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

  /** The hold-out's line on stderr: routed against held out, overall. */
  private static String outreachLine(OutreachLift o) {
    OutreachLift.Group g = o.overall();
    StringBuilder sb = new StringBuilder("outreach (hold-out): ");
    sb.append(g.routedConverted()).append(" of ").append(g.routed()).append(" routed converted (");
    sb.append(ratio(g.routedRate().map(Rate::value))).append("), ");
    sb.append(g.heldOutConverted()).append(" of ").append(g.heldOut()).append(" held out (");
    sb.append(ratio(g.heldOutRate().map(Rate::value))).append("); difference ");
    if (g.difference().isPresent()) {
      OutreachLift.Difference d = g.difference().get();
      sb.append(ratio(OptionalDouble.of(d.value())))
          .append(" [")
          .append(ratio(OptionalDouble.of(d.low())))
          .append(", ")
          .append(ratio(OptionalDouble.of(d.high())))
          .append(']');
    } else {
      sb.append("—");
    }
    return sb.append("; ").append(g.prior()).append(" prior").toString();
  }

  /** --dispositions replays the hand-off: it needs one, a grid to step through, one model. */
  private void checkDispositions(Model m, Schedule schedule) {
    if (m.handoff().isEmpty()) {
      throw usage(
          "--dispositions: model '"
              + m.id()
              + "' has no hand-off, so no alerts to record dispositions against");
    }
    if (!(schedule instanceof Schedule.Grid)) {
      throw usage(
          "--dispositions: the hand-off is replayed over steps; use --from/--to/--step, not --at");
    }
    if (challenger != null) {
      throw usage(
          "--dispositions: not with --challenger; the dispositions are of MODEL's alerts, backtest"
              + " it alone");
    }
  }

  /*
   * The hand-off replayed beside the backtest: each step's cards go through one Router, as pls
   * route feeds it, so the alerts (and their ids) are those pls route makes over the same steps.
   */
  /** A router fed the backtest's steps, and the alerts it made. */
  private static final class HandoffReplay {
    private final Model model;
    private final Router router;
    private final List<Alert> alerts = new ArrayList<>();
    private Instant last;

    HandoffReplay(Model model) {
      this.model = model;
      this.router = Router.create(model);
    }

    void step(Instant at, BatchScores cards) {
      List<ScoreCard> list = new ArrayList<>(cards.size());
      for (int i = 0; i < cards.size(); i++) {
        list.add(cards.card(i));
      }
      alerts.addAll(router.step(at, list).alerts());
      last = at;
    }

    DispositionReader.Read read(Rejects rejects, Progress progress, InputOptions input, Path file) {
      Map<String, Alert> byId = new java.util.HashMap<>();
      for (Alert a : alerts) {
        byId.put(a.id(), a);
      }
      return DispositionReader.create(
              rejects, progress, input.timestamps(), model.handoff().orElseThrow(), byId)
          .read(file);
    }

    /** The hold-out's lift: every alert made is an exposure of its entity. */
    OutreachLift lift(Outcomes outcomes) {
      List<OutreachLift.Exposure> exposures = new ArrayList<>(alerts.size());
      for (Alert a : alerts) {
        exposures.add(
            new OutreachLift.Exposure(
                a.entity(), a.tier(), a.at(), a.status() == Alert.Status.HELD_OUT));
      }
      List<String> tiers = new ArrayList<>();
      model.tiers().forEach(t -> tiers.add(t.name()));
      tiers.add(dev.pls.core.model.Tier.NONE);
      return OutreachLift.of(exposures, outcomes, tiers);
    }

    SlaReport report(List<DispositionRecord> records) {
      Instant until = last;
      for (DispositionRecord r : records) {
        until = until == null || r.at().isAfter(until) ? r.at() : until;
      }
      return SlaReport.of(model, alerts, records, until == null ? Instant.EPOCH : until);
    }
  }

  /** A weekly capacity and where it came from, in words. */
  private record Capacity(long perWeek, String source) {}

  /** {@code N/week} or {@code N/day} as a count a week. */
  private OptionalLong parseCapacity(String text) {
    Matcher mt = CAPACITY.matcher(text.strip());
    if (!mt.matches()) {
      throw usage(
          "--capacity: expected N/week or N/day with N a whole number, e.g. 40/week, was '"
              + text
              + "'");
    }
    try {
      long n = Long.parseLong(mt.group(1));
      return OptionalLong.of(mt.group(2).equals("day") ? Math.multiplyExact(n, 7) : n);
    } catch (ArithmeticException | NumberFormatException e) {
      throw usage("--capacity: " + mt.group(1) + " is too large");
    }
  }

  /** Seven times the sum of the hand-off queues' daily capacities, when every queue has one. */
  private static Optional<Capacity> queueCapacity(Model m) {
    if (m.handoff().isEmpty() || m.handoff().get().queues().isEmpty()) {
      return Optional.empty();
    }
    long perDay = 0;
    List<String> names = new ArrayList<>();
    for (Handoff.Queue q : m.handoff().get().queues()) {
      if (q.capacity().isEmpty()) {
        return Optional.empty();
      }
      perDay += q.capacity().getAsInt();
      names.add(q.name() + " " + q.capacity().getAsInt());
    }
    return Optional.of(
        new Capacity(
            7 * perDay, "the model's queues, 7 days of " + String.join(" + ", names) + " a day"));
  }

  /** The capacity's line on stderr: the threshold that fits, or that none does. */
  private static String capacityLine(WeeklyCapacity w) {
    StringBuilder sb = new StringBuilder("capacity ").append(w.perWeek()).append(" a week");
    Optional<CapacityCurve.Point> fit = w.fit();
    if (w.curve().points().isEmpty()) {
      return sb.append(": no entity reached a positive score, no threshold to choose").toString();
    }
    if (fit.isEmpty()) {
      CapacityCurve.Point top = w.curve().points().get(w.curve().points().size() - 1);
      return sb.append(": no threshold fits; even at the highest score reached, ")
          .append(top.threshold())
          .append(", the busiest week newly qualifies ")
          .append(top.maxWeekly())
          .toString();
    }
    CapacityCurve.Point p = fit.get();
    sb.append(": threshold ")
        .append(p.threshold())
        .append(" (busiest week ")
        .append(p.maxWeekly())
        .append(", mean ")
        .append(ratio(OptionalDouble.of(p.meanWeekly())))
        .append(", backlog ")
        .append(p.backlog())
        .append(')');
    if (p.precision().isPresent()) {
      sb.append("; precision ")
          .append(ratio(p.precision().map(Rate::value)))
          .append(", recall ")
          .append(ratio(p.recall().map(Rate::value)));
    }
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
