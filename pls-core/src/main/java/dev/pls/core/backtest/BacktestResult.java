package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything a backtest found.
 *
 * @param summary the figures
 * @param entities every entity scored, ordered by id
 * @param steps for a grid backtest, the tier counts at each step in order; empty for a cohort
 * @param capacity the weekly qualified volume across score thresholds; a replay always gives it
 */
public record BacktestResult(
    Summary summary,
    List<EntityResult> entities,
    List<StepCount> steps,
    Optional<CapacityCurve> capacity) {
  public BacktestResult {
    requireNonNull(summary, "summary");
    entities = List.copyOf(entities);
    steps = List.copyOf(steps);
    requireNonNull(capacity, "capacity");
  }

  /** A result without a capacity curve, as one made by hand rather than by a replay. */
  public BacktestResult(Summary summary, List<EntityResult> entities, List<StepCount> steps) {
    this(summary, entities, steps, Optional.empty());
  }
}
