package dev.pls.core.internal;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Model;
import java.time.Instant;

/**
 * What every engine that scores one entity at a time offers: the reference evaluator and the fast
 * one. The public {@code Scorer} wraps an evaluator, so the engines never import the API package
 * that creates them, and the contract tests run on any evaluator through this one type.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Evaluator {

  /** The model this evaluator scores with. */
  Model model();

  /**
   * Scores one entity as of an instant; see {@code Scorer#score} for the contract.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the entity does not fit the model
   */
  ScoreCard score(Entity entity, Instant asOf);
}
