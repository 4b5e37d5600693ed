/**
 * The HTML report of a backtest: {@link dev.pls.cli.report.BacktestReport#html} turns a {@link
 * dev.pls.core.backtest.BacktestResult} into one self-contained page (inline CSS and SVG, no
 * script, nothing fetched), which {@code pls backtest} writes as {@code report.html}.
 *
 * <p>{@code Figures} derives what the result does not hold ready-made (weekly tier entries, score
 * bands, the score histogram); {@code Svg} draws the charts; {@code Html} escapes and formats.
 * {@code docs/report.md} describes every section.
 */
package dev.pls.cli.report;
