package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * How many entities were in each tier at one step of a backtest.
 *
 * @param at the step's instant
 * @param entities the entities scored at the step (those that had entered)
 * @param tiers per tier in model order, then {@value dev.pls.core.model.Tier#NONE}: the entities
 *     whose card had that tier at the step (an excluded entity counts as {@code none})
 */
public record StepCount(Instant at, long entities, Map<String, Long> tiers) {
  public StepCount {
    requireNonNull(at, "at");
    tiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tiers));
  }
}
