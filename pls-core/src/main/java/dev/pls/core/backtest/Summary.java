package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures of a backtest, defined in {@code docs/evaluation.md} and written as {@code
 * summary.json} by {@code pls backtest}.
 *
 * @param model the model's id
 * @param version the model's version
 * @param schedule when entities were scored
 * @param steps for a grid, the steps scored; for a cohort, the entities scored
 * @param entities the entities scored at one step or more
 * @param skipped in a cohort backtest, entities without the cohort's event (never scored); 0 for a
 *     grid
 * @param tiers per tier in model order, then {@value dev.pls.core.model.Tier#NONE}
 * @param outcomes the outcome figures, when the backtest was given outcomes
 */
public record Summary(
    String model,
    int version,
    Schedule schedule,
    int steps,
    long entities,
    long skipped,
    Map<String, TierCounts> tiers,
    Optional<OutcomeFigures> outcomes) {

  public Summary {
    requireNonNull(model, "model");
    requireNonNull(schedule, "schedule");
    tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
    requireNonNull(outcomes, "outcomes");
  }

  /**
   * How many entities held a tier.
   *
   * @param ever entities whose card had the tier at one step or more
   * @param peak entities whose {@linkplain EntityResult#peakTier() peak tier} it is
   */
  public record TierCounts(long ever, long peak) {}

  /**
   * The outcome figures, over the entities that are not {@linkplain EntityResult#prior() prior}.
   *
   * @param name the outcome's name, e.g. {@code converted}
   * @param entities entities scored and not prior
   * @param prior entities whose outcome is at or before their first step
   * @param unmatched outcome records of entities the backtest never scored
   * @param converted entities (not prior) with an outcome
   * @param baseRate converted ÷ entities; absent when entities is 0
   * @param tiers per tier in model order, then {@value dev.pls.core.model.Tier#NONE}, over the
   *     entities whose peak tier it is
   * @param rules per rule in model order
   * @param auc the ROC AUC of each entity's highest score before its outcome against converted,
   *     ties counted half; absent when there is no converted entity or none that did not convert
   */
  public record OutcomeFigures(
      String name,
      long entities,
      long prior,
      long unmatched,
      long converted,
      Optional<Rate> baseRate,
      Map<String, TierOutcome> tiers,
      Map<String, RuleOutcome> rules,
      OptionalDouble auc) {
    public OutcomeFigures {
      requireNonNull(name, "name");
      requireNonNull(baseRate, "baseRate");
      tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
      rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
      requireNonNull(auc, "auc");
    }
  }

  /**
   * One tier's outcome figures, over the entities whose peak tier it is.
   *
   * @param entities those entities
   * @param converted those of them that converted
   * @param rate converted ÷ entities; absent when entities is 0
   * @param lift rate ÷ base rate; absent when either is absent or the base rate is 0
   */
  public record TierOutcome(
      long entities, long converted, Optional<Rate> rate, Optional<Lift> lift) {
    public TierOutcome {
      requireNonNull(rate, "rate");
      requireNonNull(lift, "lift");
    }
  }

  /**
   * One rule's outcome figures, over the steps strictly before each entity's outcome time.
   *
   * @param fired entities for which it fired at one step or more
   * @param convertedFired those of them that converted
   * @param rateFired convertedFired ÷ fired; absent when fired is 0
   * @param rateNotFired (converted − convertedFired) ÷ (entities − fired); absent when that
   *     denominator is 0
   * @param lift rateFired ÷ rateNotFired; absent when either is absent or rateNotFired is 0
   */
  public record RuleOutcome(
      long fired,
      long convertedFired,
      Optional<Rate> rateFired,
      Optional<Rate> rateNotFired,
      Optional<Lift> lift) {
    public RuleOutcome {
      requireNonNull(rateFired, "rateFired");
      requireNonNull(rateNotFired, "rateNotFired");
      requireNonNull(lift, "lift");
    }
  }
}
