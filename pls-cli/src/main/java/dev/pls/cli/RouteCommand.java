package dev.pls.cli;

import dev.pls.cli.io.AlertLog;
import dev.pls.cli.io.AlertWriter;
import dev.pls.cli.io.DispositionReader;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.ScoringRun;
import dev.pls.cli.io.SlaJson;
import dev.pls.cli.io.StateFile;
import dev.pls.cli.io.Timestamps;
import dev.pls.core.handoff.Alert;
import dev.pls.core.handoff.Router;
import dev.pls.core.handoff.RouterStep;
import dev.pls.core.handoff.SlaReport;
import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/*
 * Replays a period through the model's hand-off: the files are read once, then every entity is
 * scored as of --from, --from + --step, ... up to --to, and each instant's cards go through one
 * Router, in order, as an incremental rescoring service would feed it. What the router decides is
 * written as alerts (sent, triage, held out); suppressed and cooled-down alerts are counted in the
 * summary. The same files, model and period always give the same alerts.
 *
 * With --state, the replay is resumable: the router starts from the state file if there is one and
 * routes only the instants after its last step; after each step the step's alerts are appended to
 * --out and synced, then the state (router snapshot plus the alerts' length and checksum) replaces
 * the state file atomically. A kill at any point leaves a state file that counts exactly the alerts
 * of the steps it has, and alerts of at most one more step that resuming cuts off and makes again.
 *
 * With --dispositions, the replay's alerts are kept, and once it is done the disposition file is
 * read against them (its bad records go to the same rejects file) and the SLA report is printed;
 * --breaches writes its sla_breached records. It needs the whole replay's alerts, so it does not
 * combine with --state, whose resumed runs hold only the steps left.
 */
/** {@code pls route}: the alerts a model's hand-off would have sent over a period. */
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Replay a period through the model's hand-off and write the alerts it would have sent.",
      "Every entity is scored as of --from, --from + --step, ... up to --to; alerts (JSON Lines)",
      "go to stdout or --out; per-queue counts, overflow, hold-outs and suppressions to stderr."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success (rejected records do not fail a run)",
      "1:the model does not compile or has no hand-off, an input file could not be read, or",
      "  the --state file cannot be resumed (damaged, another model's, or --out changed)",
      "2:a usage error (also: two file options name the same file), or more rejected records"
          + " than --max-rejects allows",
      "3:records were read but every one was rejected"
    })
final class RouteCommand implements Callable<Integer> {
  /** The most instants one replay may score, so that a typo in --step cannot run for days. */
  static final int MAX_STEPS = 10_000;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The rule file (.pls).")
  Path model;

  @Mixin InputOptions input;

  @Mixin ModelChoice modelChoice;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "T1",
      description = "The first instant scored (ISO-8601 with offset, or epoch).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "T2",
      description = "The last instant scored, at or after --from.")
  String to;

  @Option(
      names = "--step",
      paramLabel = "DURATION",
      description = "Time between scorings: a whole number of h, d or w (default: 1d).")
  String step = "1d";

  @Option(names = "--out", paramLabel = "FILE", description = "Write the alerts here, not stdout.")
  Path out;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = {
        "Resumable: keep the router's state here after every step, and if FILE exists resume",
        "after its last step, appending to --out (required)."
      })
  Path state;

  @Option(
      names = "--dispositions",
      paramLabel = "FILE",
      description = {
        "What sellers recorded against the alerts (JSON Lines or CSV: alert, disposition, time):",
        "report per queue the time to first touch, SLA breaches and the disposition mix."
      })
  Path dispositions;

  @Option(
      names = "--breaches",
      paramLabel = "FILE",
      description =
          "With --dispositions, write an sla_breached record (JSON Lines) for each alert not"
              + " touched by its due time.")
  Path breaches;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (input.asOf != null) {
      throw new ParameterException(
          spec.commandLine(), "--as-of: pls route scores from --from to --to; leave --as-of out");
    }
    input.validate();
    List<SameFiles.Named> files = new ArrayList<>(Outputs.named("MODEL", model));
    files.addAll(input.inputFiles());
    files.addAll(Outputs.named("--out", out));
    files.addAll(input.outputFiles());
    files.addAll(Outputs.named("--state", state));
    files.addAll(Outputs.named("--dispositions", dispositions));
    files.addAll(Outputs.named("--breaches", breaches));
    Outputs.refuseSameFiles(spec, files);
    checkDispositions();
    List<Instant> instants = instants();
    checkState();
    Optional<Model> compiled = modelChoice.load(model, spec, err);
    if (compiled.isEmpty()) {
      return 1;
    }
    Model m = compiled.get();
    if (m.handoff().isEmpty()) {
      err.println(
          model
              + ": model '"
              + m.id()
              + "' has no hand-off: add queues and routes (see docs/handoff.md)");
      err.flush();
      return 1;
    }
    err.println(
        "routing "
            + m.entity().displayName()
            + "s with "
            + m.id()
            + " v"
            + m.version()
            + " from "
            + instants.get(0)
            + " to "
            + instants.get(instants.size() - 1)
            + " in "
            + instants.size()
            + (instants.size() == 1 ? " step" : " steps"));
    err.flush();
    Router router;
    AlertLog log = null;
    if (state != null) {
      Optional<StateFile.Saved> saved;
      try {
        saved = StateFile.read(state, m);
      } catch (IllegalArgumentException e) {
        return refuse(err, "--state " + state + ": " + e.getMessage());
      }
      Optional<Instant> savedLast = saved.flatMap(v -> v.router().lastStep());
      if (savedLast.isPresent()
          && !savedLast.get().isAfter(instants.get(instants.size() - 1))
          && !instants.contains(savedLast.get())) {
        // Resumed on another grid, the alerts file would mix two replays' steps.
        return refuse(
            err,
            "--state "
                + state
                + ": its last step, "
                + savedLast.get()
                + ", is not a step of this replay (--from "
                + instants.get(0)
                + ", --step "
                + step
                + "); resume with the --from and --step the state was written with, or delete "
                + state
                + " to start over");
      }
      try {
        log =
            saved.isEmpty()
                ? AlertLog.create(out)
                : AlertLog.resume(out, saved.get().alertsLength(), saved.get().alertsCrc());
      } catch (IllegalArgumentException e) {
        return refuse(
            err,
            "--out "
                + out
                + ": "
                + e.getMessage()
                + " by the replay of --state "
                + state
                + "; give the --out of the same replay, or delete "
                + state
                + " to start over");
      }
      router = saved.map(StateFile.Saved::router).orElseGet(() -> Router.create(m));
      if (log.dropped() > 0) {
        err.println(
            "--out "
                + out
                + ": cut off "
                + log.dropped()
                + " bytes of alerts the state did not count yet (a step cut short); routing it again");
      }
      Optional<Instant> last = router.lastStep();
      if (last.isPresent()) {
        int total = instants.size();
        instants = instants.stream().filter(t -> t.isAfter(last.get())).toList();
        err.println(
            "resuming from --state "
                + state
                + " after "
                + last.get()
                + ": "
                + instants.size()
                + " of "
                + total
                + (total == 1 ? " step" : " steps")
                + " left");
      }
      err.flush();
      if (instants.isEmpty()) {
        log.close();
        err.println("nothing left to route: the state's last step is at or after --to");
        err.flush();
        return 0;
      }
    } else {
      router = Router.create(m);
    }
    Totals totals = new Totals();
    Progress progress = input.progress();
    ScoringRun.ReplayResult result;
    List<Alert> made = new ArrayList<>();
    Optional<SlaReport> sla = Optional.empty();
    dev.pls.cli.io.ReadSummary dispositionsRead = null;
    AlertLog resumable = log;
    try {
      // Without --state, --out is atomic like every other output: it replaces the old file only
      // when the replay ends with a result. With --state, each step's alerts are appended and
      // synced before the state counts them (see the design note). The rejects file is atomic.
      try (Outputs.Output rejects = input.rejectsOutput();
          Outputs.Output whole = resumable != null ? Outputs.none() : Outputs.open(out, spec)) {
        AlertWriter alerts =
            AlertWriter.jsonLines(resumable != null ? resumable.writer() : whole.writer());
        result =
            input
                .run(Scorers.forModel(m), instants.get(0), rejects.writer())
                .progress(progress)
                .build()
                .replay(
                    instants,
                    (at, cards, accountOf) -> {
                      RouterStep s = router.step(at, cards, accountOf);
                      for (Alert a : s.alerts()) {
                        alerts.write(a);
                      }
                      if (dispositions != null) {
                        made.addAll(s.alerts());
                      }
                      if (resumable != null) {
                        // The alerts first, then the state that counts them: see the design note.
                        alerts.flush();
                        resumable.sync();
                        StateFile.save(state, router, resumable.length(), resumable.crc());
                      }
                      totals.add(s);
                    });
        alerts.flush();
        if (dispositions != null && Outputs.worthKeeping(result.read())) {
          Map<String, Alert> byId = new java.util.HashMap<>();
          for (Alert a : made) {
            byId.put(a.id(), a);
          }
          DispositionReader.Read read =
              DispositionReader.create(
                      input.rejects(rejects.writer()),
                      progress,
                      input.timestamps(),
                      m.handoff().get(),
                      byId)
                  .read(dispositions);
          dispositionsRead = read.read();
          Instant until = instants.get(instants.size() - 1);
          for (var r : read.records()) {
            until = r.at().isAfter(until) ? r.at() : until;
          }
          sla = Optional.of(SlaReport.of(m, made, read.records(), until));
        }
        rejects.commit();
        if (Outputs.worthKeeping(result.read())) {
          whole.commit();
        }
      }
    } finally {
      if (resumable != null) {
        resumable.close();
      }
    }
    ReadSummary everything =
        dispositionsRead == null ? result.read() : result.read().plus(dispositionsRead);
    progress.finish(everything, result.readNanos());
    if (everything.limitExceeded()) {
      return 2;
    }
    if (result.read().nothingAccepted()) {
      err.println(NothingAccepted.message(result.read()));
      err.flush();
      return NothingAccepted.STATUS;
    }
    for (String line : totals.summary(result)) {
      err.println(line);
    }
    ScoringRun.identityLine(result.identities()).ifPresent(err::println);
    if (sla.isPresent()) {
      for (String line : slaLines(sla.get())) {
        err.println(line);
      }
      if (breaches != null) {
        try (Outputs.Output b = Outputs.open(breaches, spec)) {
          SlaJson.breaches(sla.get(), b.writer());
          b.commit();
        }
        err.println("breaches written to " + breaches);
      }
    }
    if (out != null) {
      err.println(
          state != null
              ? "alerts written to " + out
              : Outputs.outcome("alerts", out, result.read()));
    }
    if (state != null) {
      err.println("state saved to " + state);
    }
    err.flush();
    return everything.errors().isEmpty() ? 0 : 1;
  }

  /** --dispositions reports over a whole replay; --breaches is one of its outputs. */
  private void checkDispositions() {
    if (dispositions != null && state != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--dispositions: not with --state: the SLA report needs every alert of the replay, and a"
              + " resumed run makes only the steps left");
    }
    if (breaches != null && dispositions == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--breaches: needs --dispositions FILE: a breach is an alert with no disposition by its"
              + " due time");
    }
  }

  /** The SLA report on stderr: per queue, then the rules sellers judged negative most often. */
  static List<String> slaLines(SlaReport r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "dispositions observed until "
            + r.observedUntil()
            + ": "
            + r.breaches().size()
            + (r.breaches().size() == 1
                ? " alert breached its SLA"
                : " alerts breached their SLA"));
    for (SlaReport.QueueFigures q : r.queues()) {
      StringBuilder sb = new StringBuilder("  ").append(q.queue()).append(": ");
      sb.append(q.routed()).append(" routed, ").append(q.touched()).append(" touched");
      if (q.medianFirstTouch().isPresent()) {
        sb.append(" (first touch median ")
            .append(SlaJson.duration(q.medianFirstTouch().get()))
            .append(", p90 ")
            .append(SlaJson.duration(q.p90FirstTouch().get()))
            .append(')');
      }
      sb.append("; on time ").append(q.onTime());
      sb.append(", breached ").append(q.breached());
      sb.append(", open ").append(q.open());
      q.mix().forEach((d, n) -> sb.append("; ").append(d).append(' ').append(n));
      lines.add(sb.toString());
    }
    return lines;
  }

  private static int refuse(PrintWriter err, String message) {
    err.println(message);
    err.flush();
    return 1;
  }

  /** --state needs --out, and a file of its own. */
  private void checkState() {
    if (state == null) {
      return;
    }
    if (out == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--state: needs --out FILE: a resumed replay appends its alerts to those already written");
    }
  }

  // Two names of one file: equal once their directories are resolved (links, "./", ".."), or the
  // same file when both exist (which also catches case-insensitive names and hard links).
  /** --from, --from + --step, ... while not after --to. */
  private List<Instant> instants() {
    Instant first = instant("--from", from);
    Instant last = instant("--to", to);
    if (last.isBefore(first)) {
      throw new ParameterException(
          spec.commandLine(), "--to: " + last + " is before --from " + first);
    }
    Duration d = ScheduleOptions.step(spec, step);
    List<Instant> instants = new ArrayList<>();
    for (Instant t = first; !t.isAfter(last); t = t.plus(d)) {
      if (instants.size() == MAX_STEPS) {
        throw new ParameterException(
            spec.commandLine(),
            "--step: "
                + step
                + " from "
                + first
                + " to "
                + last
                + " is more than "
                + MAX_STEPS
                + " steps; take a longer step or a shorter period");
      }
      instants.add(t);
    }
    return instants;
  }

  private Instant instant(String option, String text) {
    try {
      return Timestamps.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /** Counts over every step of the replay. */
  private static final class Totals {
    final Map<String, Integer> sent = new TreeMap<>();
    final Map<String, Integer> triaged = new TreeMap<>();
    final Map<String, Integer> suppressed = new java.util.LinkedHashMap<>();
    int heldOut;
    int cooledDown;
    int alerts;

    void add(RouterStep s) {
      s.sent().forEach((q, n) -> sent.merge(q, n, Integer::sum));
      s.triaged().forEach((q, n) -> triaged.merge(q, n, Integer::sum));
      s.suppressed().forEach((r, n) -> suppressed.merge(r, n, Integer::sum));
      heldOut += s.heldOut();
      cooledDown += s.cooledDown();
      alerts += s.alerts().size();
    }

    List<String> summary(ScoringRun.ReplayResult r) {
      List<String> lines = new ArrayList<>();
      int overflow = triaged.values().stream().mapToInt(Integer::intValue).sum();
      lines.add(
          "replayed "
              + r.steps()
              + (r.steps() == 1 ? " step" : " steps")
              + " over "
              + r.entities()
              + " "
              + r.kind().displayName()
              + (r.entities() == 1 ? "" : "s")
              + ": "
              + alerts
              + (alerts == 1 ? " alert" : " alerts")
              + " ("
              + overflow
              + " overflowed to triage, "
              + heldOut
              + " held out)");
      for (String q : sent.keySet()) {
        lines.add("  " + q + ": sent " + sent.get(q) + ", triage " + triaged.getOrDefault(q, 0));
      }
      StringBuilder withheld = new StringBuilder("  withheld: cooldown ").append(cooledDown);
      suppressed.forEach((reason, n) -> withheld.append(", ").append(reason).append(' ').append(n));
      lines.add(withheld.toString());
      return lines;
    }
  }
}
