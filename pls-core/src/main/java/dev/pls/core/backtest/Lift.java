package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * A ratio of two rates, e.g. a tier's conversion rate to the base rate, with a 95% interval when
 * one can be given ({@code docs/evaluation.md} says how each lift's interval is computed).
 *
 * @param value the ratio
 * @param low the lower end of its 95% interval, absent when none can be given
 * @param high the upper end of its 95% interval, absent when none can be given
 */
public record Lift(double value, OptionalDouble low, OptionalDouble high) {
  public Lift {
    requireNonNull(low, "low");
    requireNonNull(high, "high");
    if (low.isPresent() != high.isPresent()) {
      throw new IllegalArgumentException("low, high: both present or both absent");
    }
  }
}
