package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.time.Duration;
import java.time.Instant;

/** When a backtest scores its entities: on a grid of instants, or each at its own instant. */
public sealed interface Schedule {

  /**
   * Every entity that has entered is scored as of {@code from}, {@code from + step}, ... while not
   * after {@code to}.
   *
   * @param from the first step
   * @param to the last instant a step may fall on
   * @param step the time between two steps, positive and a whole number of seconds
   */
  record Grid(Instant from, Instant to, Duration step) implements Schedule {
    /** The most steps one backtest may score, so that a slip in the step cannot run for days. */
    public static final int MAX_STEPS = 100_000;

    public Grid {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      requireNonNull(step, "step");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("to: " + to + " is before from " + from);
      }
      if (step.isNegative() || step.isZero() || step.getNano() != 0) {
        throw new IllegalArgumentException(
            "step: must be a positive whole number of seconds, was " + step);
      }
      long count = Duration.between(from, to).dividedBy(step) + 1;
      if (count > MAX_STEPS) {
        throw new IllegalArgumentException(
            "step: "
                + step
                + " from "
                + from
                + " to "
                + to
                + " is "
                + count
                + " steps, more than "
                + MAX_STEPS);
      }
    }

    /** How many steps the grid has. */
    public int count() {
      return (int) (Duration.between(from, to).dividedBy(step) + 1);
    }

    /** The {@code i}-th step, from 0. */
    public Instant at(int i) {
      return from.plus(step.multipliedBy(i));
    }
  }

  /**
   * Every entity is scored once, as of {@code after} past the time of its first event named {@code
   * event} (e.g. 14 days after {@code trial_started}); entities without such an event are skipped
   * and counted.
   *
   * @param event the event name that starts an entity's clock
   * @param after how long after that event it is scored, zero or positive, whole seconds
   */
  record Cohort(String event, Duration after) implements Schedule {
    public Cohort {
      Names.check(event, "event");
      requireNonNull(after, "after");
      if (after.isNegative() || after.getNano() != 0) {
        throw new IllegalArgumentException(
            "after: must be zero or a positive whole number of seconds, was " + after);
      }
    }
  }
}
