package dev.pls.cli;

import dev.pls.cli.io.BacktestJson;
import dev.pls.cli.io.Timestamps;
import dev.pls.core.backtest.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * When a replay scores, for {@code pls backtest} and {@code pls diff}: steps ({@code --from},
 * {@code --to}, {@code --step}) or a cohort ({@code --at EVENT+DURATION}).
 */
final class ScheduleOptions {
  private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,5})([hdw])");

  @Option(
      names = "--from",
      paramLabel = "T1",
      description = "The first step (ISO-8601 with offset, or epoch); with --to.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "T2",
      description = "The last instant a step may fall on, at or after --from.")
  String to;

  @Option(
      names = "--step",
      paramLabel = "DURATION",
      description = "Time between steps: a whole number of h, d or w (default: 1d).")
  String step;

  @Option(
      names = "--at",
      paramLabel = "EVENT+DURATION",
      description =
          "Instead of --from/--to/--step: score each entity once, DURATION (h, d, w) after its first EVENT, e.g. trial_started+14d; entities without one are skipped and counted.")
  String at;

  /**
   * A grid of --from, --to, --step, or a cohort of --at: exactly one of the two; or, when {@code
   * asOf} (the text of --as-of) is given and neither is, a grid of the one step {@code asOf}.
   *
   * @throws ParameterException on a usage error
   */
  Schedule schedule(CommandSpec spec, String asOf) {
    boolean grid = from != null || to != null || step != null;
    if (asOf != null) {
      if (grid || at != null) {
        throw usage(
            spec,
            "--as-of compares as of one instant; leave out --from, --to, --step and --at, or"
                + " --as-of");
      }
      Instant t = instant(spec, "--as-of", asOf);
      return new Schedule.Grid(t, t, Duration.ofDays(1));
    }
    if (at != null && grid) {
      throw usage(
          spec,
          "--at scores each entity once, at its own time; leave out --from, --to and --step, or"
              + " --at");
    }
    if (at != null) {
      CohortAt c;
      try {
        c = CohortAt.parse(at);
      } catch (IllegalArgumentException e) {
        throw usage(spec, "--at: " + e.getMessage());
      }
      try {
        return new Schedule.Cohort(c.event(), c.after());
      } catch (IllegalArgumentException e) {
        throw usage(spec, "--at: " + e.getMessage());
      }
    }
    if (from == null || to == null) {
      throw usage(
          spec,
          "give the steps, --from T1 --to T2 [--step DURATION], or a cohort, --at EVENT+DURATION"
              + (from == null && to == null
                  ? ""
                  : from == null ? " (--from is missing)" : " (--to is missing)"));
    }
    Instant first = instant(spec, "--from", from);
    Instant last = instant(spec, "--to", to);
    if (last.isBefore(first)) {
      throw usage(spec, "--to: " + last + " is before --from " + first);
    }
    Duration d = step(spec, step == null ? "1d" : step);
    try {
      return new Schedule.Grid(first, last, d);
    } catch (IllegalArgumentException e) {
      throw usage(spec, "--step: " + e.getMessage() + "; take a longer step or a shorter period");
    }
  }

  /**
   * A {@code --step}: a whole number of hours, days or weeks ({@code 6h}, {@code 1d}, {@code 1w}).
   *
   * @throws ParameterException naming {@code --step} when it is not one
   */
  static Duration step(CommandSpec spec, String text) {
    Matcher matcher = STEP.matcher(text);
    if (!matcher.matches()) {
      throw usage(
          spec,
          "--step: expected a whole number of hours, days or weeks such as 6h, 1d or 1w, was '"
              + text
              + "'");
    }
    long n = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /**
   * The schedule as the commands' first line says it, with its leading separator: " from T1 to T2
   * in N steps" for a grid, ", each as of 14d after its first EVENT" for a cohort.
   */
  static String describe(Schedule schedule) {
    if (schedule instanceof Schedule.Grid g) {
      int n = g.count();
      return " from "
          + g.from()
          + " to "
          + g.at(n - 1)
          + " in "
          + n
          + (n == 1 ? " step" : " steps");
    }
    Schedule.Cohort c = (Schedule.Cohort) schedule;
    return ", each as of "
        + BacktestJson.cohort(c).substring(c.event().length() + 1)
        + " after its first "
        + c.event();
  }

  private static Instant instant(CommandSpec spec, String option, String text) {
    try {
      return Timestamps.parse(text);
    } catch (IllegalArgumentException e) {
      throw usage(spec, option + ": " + e.getMessage());
    }
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
