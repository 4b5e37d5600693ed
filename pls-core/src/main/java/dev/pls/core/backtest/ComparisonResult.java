package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Points;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a {@link Comparison} of a champion (A) with a challenger (B) found; {@code
 * docs/evaluation.md}, "Champion and challenger", defines every figure.
 *
 * @param champion the champion's backtest (its summary names the model and version)
 * @param challenger the challenger's backtest, on the same schedule and outcomes
 * @param transitions how many entities go from each peak tier of A to each of B
 * @param changed every entity whose peak tier differs, ordered by id, with the rules that explain
 *     it
 * @param outcomes with outcomes, the difference in AUC and in each common tier's lift
 */
public record ComparisonResult(
    BacktestResult champion,
    BacktestResult challenger,
    Transitions transitions,
    List<ChangedEntity> changed,
    Optional<OutcomeComparison> outcomes) {
  public ComparisonResult {
    requireNonNull(champion, "champion");
    requireNonNull(challenger, "challenger");
    requireNonNull(transitions, "transitions");
    changed = List.copyOf(changed);
    requireNonNull(outcomes, "outcomes");
  }

  /** Which way an entity's tier moved from A to B. */
  public enum Direction {
    /** B's tier ranks above A's. */
    UP,
    /** B's tier ranks below A's. */
    DOWN,
    /** Different tiers of equal rank (a tier renamed): neither up nor down. */
    ACROSS
  }

  /**
   * The tier transition matrix: {@code counts.get(i).get(j)} entities have peak tier {@code
   * from.get(i)} under A and {@code to.get(j)} under B. An entity one model never scored counts as
   * {@value dev.pls.core.model.Tier#NONE} for it.
   *
   * @param from A's tiers in A's order, then {@value dev.pls.core.model.Tier#NONE}
   * @param to B's tiers in B's order, then {@value dev.pls.core.model.Tier#NONE}
   * @param counts one row per tier of {@code from}, one column per tier of {@code to}
   * @param same entities whose tier has the same name under both
   * @param up entities that moved up
   * @param down entities that moved down
   * @param across entities that moved to a different tier of the same rank
   */
  public record Transitions(
      List<String> from,
      List<String> to,
      List<List<Long>> counts,
      long same,
      long up,
      long down,
      long across) {
    public Transitions {
      from = List.copyOf(from);
      to = List.copyOf(to);
      counts = counts.stream().map(List::copyOf).toList();
      int columns = to.size();
      if (counts.size() != from.size() || counts.stream().anyMatch(row -> row.size() != columns)) {
        throw new IllegalArgumentException("counts: must be " + from.size() + " × " + columns);
      }
    }

    /**
     * The entities that go from {@code a} to {@code b}.
     *
     * @throws IllegalArgumentException if either is not a tier of its model
     */
    public long count(String a, String b) {
      int i = from.indexOf(a);
      int j = to.indexOf(b);
      if (i < 0 || j < 0) {
        throw new IllegalArgumentException(
            i < 0 ? "a: '" + a + "' is not one of " + from : "b: '" + b + "' is not one of " + to);
      }
      return counts.get(i).get(j);
    }

    /** Every entity counted. */
    public long total() {
      return same + up + down + across;
    }
  }

  /**
   * An entity whose peak tier differs between the two models.
   *
   * @param entity its id
   * @param champion its peak tier under A
   * @param challenger its peak tier under B
   * @param direction which way it moved
   * @param championScore its highest score before its outcome under A, absent if A never scored it
   * @param challengerScore the same under B
   * @param rules the rules that differ for it: A's rules in A's order, then B's other rules in B's
   *     order
   */
  public record ChangedEntity(
      String entity,
      String champion,
      String challenger,
      Direction direction,
      Optional<Points> championScore,
      Optional<Points> challengerScore,
      List<RuleChange> rules) {
    public ChangedEntity {
      requireNonNull(entity, "entity");
      requireNonNull(champion, "champion");
      requireNonNull(challenger, "challenger");
      requireNonNull(direction, "direction");
      requireNonNull(championScore, "championScore");
      requireNonNull(challengerScore, "challengerScore");
      rules = List.copyOf(rules);
    }
  }

  /**
   * A rule, matched by id, that fired for an entity under one model and not the other, or fired
   * under both with different points applied.
   *
   * @param rule the rule's id
   * @param inChampion whether A has a rule of that id
   * @param inChallenger whether B has a rule of that id
   * @param championPoints the highest points it applied under A at a step before the outcome (after
   *     caps and floors); absent when it did not fire
   * @param challengerPoints the same under B
   */
  public record RuleChange(
      String rule,
      boolean inChampion,
      boolean inChallenger,
      Optional<Points> championPoints,
      Optional<Points> challengerPoints) {
    public RuleChange {
      requireNonNull(rule, "rule");
      requireNonNull(championPoints, "championPoints");
      requireNonNull(challengerPoints, "challengerPoints");
    }
  }

  /**
   * How the two models compare against the outcomes.
   *
   * @param auc the difference in AUC, over the entities both models scored and neither counts as
   *     prior; absent without a converted entity or one that did not convert among them
   * @param lift per tier both models have (in A's order, then {@value
   *     dev.pls.core.model.Tier#NONE}), B's lift minus A's; absent when either is absent
   */
  public record OutcomeComparison(Optional<AucDifference> auc, Map<String, OptionalDouble> lift) {
    public OutcomeComparison {
      requireNonNull(auc, "auc");
      lift = Collections.unmodifiableMap(new LinkedHashMap<>(lift));
    }
  }

  /**
   * B's AUC minus A's over the same entities, with DeLong's 95% interval for correlated AUCs.
   *
   * @param entities the entities paired (scored by both, prior in neither)
   * @param converted those of them that converted
   * @param champion A's AUC over them
   * @param challenger B's AUC over them
   * @param difference challenger − champion
   * @param standardError DeLong's standard error of the difference; absent with fewer than two
   *     converted entities or fewer than two others
   * @param low the lower end of the 95% interval, difference − 1.96 × standard error
   * @param high the upper end
   */
  public record AucDifference(
      long entities,
      long converted,
      double champion,
      double challenger,
      double difference,
      OptionalDouble standardError,
      OptionalDouble low,
      OptionalDouble high) {
    public AucDifference {
      requireNonNull(standardError, "standardError");
      requireNonNull(low, "low");
      requireNonNull(high, "high");
    }
  }
}
