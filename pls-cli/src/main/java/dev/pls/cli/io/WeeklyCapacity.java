package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.backtest.CapacityCurve;
import java.util.Optional;

/**
 * A sales team's weekly capacity and the backtest's capacity curve it is fitted to, as {@code pls
 * backtest --capacity} writes them to {@code summary.json} and {@code report.html}.
 *
 * @param perWeek the newly qualified entities the team can take a week
 * @param source where the capacity came from, e.g. {@code --capacity 40/week}, in words
 * @param curve the backtest's capacity curve
 */
public record WeeklyCapacity(long perWeek, String source, CapacityCurve curve) {
  public WeeklyCapacity {
    if (perWeek < 0) {
      throw new IllegalArgumentException("perWeek: must not be negative, was " + perWeek);
    }
    requireNonNull(source, "source");
    requireNonNull(curve, "curve");
  }

  /** The threshold that fits: {@link CapacityCurve#fit(long)}. */
  public Optional<CapacityCurve.Point> fit() {
    return curve.fit(perWeek);
  }
}
