package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Points;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backtest saw of one entity.
 *
 * @param entity the entity's id
 * @param entered its first step: the first step at or after its first event, or the first step of
 *     the backtest when it had a trait record (in a cohort backtest, its own instant)
 * @param steps the steps it was scored at
 * @param firstInTier per tier in model order, the first step at which its card had that tier; tiers
 *     it never held are left out ({@value dev.pls.core.model.Tier#NONE} is never in it)
 * @param peakTier the first-declared tier it held at a step strictly before its outcome time (at
 *     any step when it has none), or {@value dev.pls.core.model.Tier#NONE}
 * @param highestScore its highest score at a step strictly before its outcome time (at any step
 *     when it has none); absent when there is no such step
 * @param outcome its outcome time: the earliest outcome record's, if it has one
 * @param prior whether its outcome time is at or before its first step, so that no step scored it
 *     before the outcome: such an entity is left out of every outcome figure
 * @param firedBeforeOutcome the ids of the rules that fired for it at a step strictly before its
 *     outcome time (at any step when it has none), in model order
 */
public record EntityResult(
    String entity,
    Instant entered,
    int steps,
    Map<String, Instant> firstInTier,
    String peakTier,
    Optional<Points> highestScore,
    Optional<Instant> outcome,
    boolean prior,
    List<String> firedBeforeOutcome) {
  public EntityResult {
    requireNonNull(entity, "entity");
    requireNonNull(entered, "entered");
    firstInTier = Collections.unmodifiableMap(new LinkedHashMap<>(firstInTier));
    requireNonNull(peakTier, "peakTier");
    requireNonNull(highestScore, "highestScore");
    requireNonNull(outcome, "outcome");
    firedBeforeOutcome = List.copyOf(firedBeforeOutcome);
  }

  /** Whether the entity has an outcome and is not {@linkplain #prior() prior}. */
  public boolean converted() {
    return outcome.isPresent() && !prior;
  }
}
