package dev.pls.core.scoring;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.internal.fast.FastScorer;
import dev.pls.core.internal.reference.ReferenceScorer;
import dev.pls.core.model.Model;
import java.time.Instant;

/**
 * Scores entities with one {@link Model}.
 *
 * <p>Implementations are immutable and thread-safe: one scorer may serve any number of threads. For
 * the same model, entity and as-of instant every implementation returns an equal card, whatever the
 * order of the entity's events.
 */
public interface Scorer {

  /**
   * The reference evaluator: the plain, obviously correct reading of the semantics, which every
   * faster evaluator is held to. It recomputes every aggregate from the events on each call.
   */
  static Scorer reference(Model model) {
    return new Engines.EvaluatorScorer(new ReferenceScorer(model));
  }

  /**
   * The fast evaluator: the model planned once (names, windows, caps and constants resolved to
   * array positions), then evaluated over primitives. Its cards equal the {@linkplain #reference
   * reference} evaluator's on every input.
   */
  static Scorer fast(Model model) {
    return new Engines.EvaluatorScorer(new FastScorer(model));
  }

  /** The model this scorer evaluates. */
  Model model();

  /**
   * Scores one entity as of an instant. Events after {@code asOf} are ignored. For an account model
   * that rolls up members, every member of {@code entity} is scored with the member model first,
   * and the account's card lists their cards.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an event belongs to another entity (another user for a user
   *     model, another account for an account model; for a member, another user or another
   *     account), a trait value does not have its declared type, or the entity has members and the
   *     model does not roll members up
   */
  ScoreCard score(Entity entity, Instant asOf);
}
