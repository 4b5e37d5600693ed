/**
 * Point-in-time backtests: replay events in time order through a model's state, score every entity
 * as of each step of a {@link dev.pls.core.backtest.Schedule} (events after a step never count for
 * it), and summarise the cards against {@link dev.pls.core.backtest.Outcomes} such as conversions.
 *
 * <p>Start with {@link dev.pls.core.backtest.Backtest#builder}; feed the {@link
 * dev.pls.core.backtest.Replay} it starts with traits and then events in time order, and {@link
 * dev.pls.core.backtest.Replay#finish() finish} it for a {@link
 * dev.pls.core.backtest.BacktestResult}: the {@link dev.pls.core.backtest.Summary}, one {@link
 * dev.pls.core.backtest.EntityResult} per entity and one {@link dev.pls.core.backtest.StepCount}
 * per step. {@code docs/evaluation.md} defines every figure. The result's {@link
 * dev.pls.core.backtest.CapacityCurve} gives the weekly volume of newly qualified entities at each
 * score threshold, and the threshold that fits a sales team's weekly capacity. {@link
 * dev.pls.core.backtest.Readiness} is the readiness gate: the prerequisites of product-led sales
 * and the model's inputs the data never gives, measured on assembled entities.
 *
 * <p>To compare a champion model with a challenger, {@link
 * dev.pls.core.backtest.Comparison#builder} starts a {@link dev.pls.core.backtest.PairedReplay}
 * that feeds both the same input; its {@link dev.pls.core.backtest.ComparisonResult} holds the tier
 * transitions, the entities that change tier with the rules (matched by id) that explain it, and
 * the difference in AUC and lift.
 *
 * <p>This package may import the model, inputs, cards and the scoring entry points, never an engine
 * directly.
 */
package dev.pls.core.backtest;
