package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything a backtest found.
 *
 * @param summary the figures
 * @param entities every entity scored, ordered by id
 * @param steps for a grid backtest, the tier counts at each step in order; empty for a cohort
 */
public record BacktestResult(Summary summary, List<EntityResult> entities, List<StepCount> steps) {
  public BacktestResult {
    requireNonNull(summary, "summary");
    entities = List.copyOf(entities);
    steps = List.copyOf(steps);
  }
}
