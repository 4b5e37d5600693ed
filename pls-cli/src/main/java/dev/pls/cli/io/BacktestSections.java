package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.backtest.OutreachLift;
import dev.pls.core.handoff.SlaReport;
import dev.pls.core.model.Model;
import java.util.Optional;

/**
 * The sections a backtest's {@code summary.json} and {@code report.html} gain beyond the summary,
 * each present when its option asked for it: the capacity ({@code --capacity} or the model's
 * queues), the hand-off's SLA figures ({@code --dispositions}), the hold-out's lift (outcomes and a
 * hand-off with a hold-out) and, given the model the backtest replayed, the weights of its rules
 * fitted to the outcomes (the report only; {@code pls suggest} writes them as JSON). Both writers
 * take the same value, so a new section is one component here rather than another overload of each.
 */
public record BacktestSections(
    Optional<WeeklyCapacity> capacity,
    Optional<SlaReport> sla,
    Optional<OutreachLift> outreach,
    Optional<Model> model) {

  /** No section beyond the summary. */
  public static final BacktestSections NONE =
      new BacktestSections(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * @throws NullPointerException if an argument is null
   */
  public BacktestSections {
    requireNonNull(capacity, "capacity");
    requireNonNull(sla, "sla");
    requireNonNull(outreach, "outreach");
    requireNonNull(model, "model");
  }

  /** These sections with the capacity {@code c}. */
  public BacktestSections withCapacity(WeeklyCapacity c) {
    return new BacktestSections(Optional.of(c), sla, outreach, model);
  }

  /** These sections with the SLA report {@code s}. */
  public BacktestSections withSla(SlaReport s) {
    return new BacktestSections(capacity, Optional.of(s), outreach, model);
  }

  /** These sections with the hold-out's lift {@code o}. */
  public BacktestSections withOutreach(OutreachLift o) {
    return new BacktestSections(capacity, sla, Optional.of(o), model);
  }

  /** These sections with the model the backtest replayed, for the weights of its rules. */
  public BacktestSections withModel(Model m) {
    return new BacktestSections(capacity, sla, outreach, Optional.of(m));
  }
}
