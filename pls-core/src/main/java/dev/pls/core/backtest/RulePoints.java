package dev.pls.core.backtest;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per entity and rule, the highest points the rule applied (after caps and floors) at a step
 * strictly before the entity's outcome time: what a comparison explains a change of tier with. An
 * array of a long per rule is kept for each entity for which a rule fired, so memory grows with
 * entities × rules, not with steps or events.
 */
final class RulePoints {
  private static final long NOT_FIRED = Long.MIN_VALUE;

  private final Map<String, Integer> ruleIndex = new HashMap<>();
  private final Optional<Outcomes> outcomes;
  private final Map<String, long[]> highest = new HashMap<>();

  RulePoints(Model model, Optional<Outcomes> outcomes) {
    for (int r = 0; r < model.rules().size(); r++) {
      ruleIndex.put(model.rules().get(r).id(), r);
    }
    this.outcomes = outcomes;
  }

  /** Folds one step's cards, scored as of {@code at}. */
  void fold(BatchScores scores, Instant at) {
    for (int row = 0; row < scores.size(); row++) {
      if (scores.firedRules(row).isEmpty()) {
        continue;
      }
      String entity = scores.entity(row);
      Optional<Instant> outcome = outcomes.flatMap(o -> o.time(entity));
      if (outcome.isPresent() && !at.isBefore(outcome.get())) {
        continue;
      }
      ScoreCard card = scores.card(row);
      long[] points =
          highest.computeIfAbsent(
              entity,
              e -> {
                long[] a = new long[ruleIndex.size()];
                Arrays.fill(a, NOT_FIRED);
                return a;
              });
      for (Contribution c : card.contributions()) {
        Integer r = ruleIndex.get(c.ruleId());
        if (r != null) {
          points[r] = Math.max(points[r], c.applied().hundredths());
        }
      }
    }
  }

  /** The highest points {@code rule} applied for {@code entity}; absent if it never fired. */
  Optional<Points> points(String entity, String rule) {
    long[] points = highest.get(entity);
    Integer r = ruleIndex.get(rule);
    if (points == null || r == null || points[r] == NOT_FIRED) {
      return Optional.empty();
    }
    return Optional.of(new Points(points[r]));
  }
}
