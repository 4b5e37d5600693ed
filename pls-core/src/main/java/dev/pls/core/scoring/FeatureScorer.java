package dev.pls.core.scoring;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.internal.fast.TableScorer;
import dev.pls.core.model.Model;
import java.time.Instant;

/**
 * Scores every row of a {@link FeatureTable} with one model, in chunks of rows, by code generated
 * for the model's plan where its condition shapes allow and a column of rules at a time elsewhere
 * (docs/performance.md says which).
 *
 * <p>Immutable and thread-safe. For a row whose columns hold the values the fast evaluator would
 * compute from an entity's events, the card equals that evaluator's card.
 */
public interface FeatureScorer {

  /**
   * A scorer for {@code model}, planned once.
   *
   * @throws IllegalArgumentException if a rule of the model decays ({@code decay linear 60d}),
   *     naming it: decay needs the time of events, which a feature table does not hold
   */
  static FeatureScorer of(Model model) {
    return new Engines.TableFeatureScorer(new TableScorer(model));
  }

  /** The model this scorer evaluates. */
  Model model();

  /**
   * Scores every row.
   *
   * @param asOf the instant the features were computed as of; it is stamped on cards
   * @throws IllegalArgumentException naming the column when one the model reads is absent, has the
   *     wrong type, or a trait value has a type other than the trait's
   */
  BatchScores score(FeatureTable table, Instant asOf);
}
