package dev.pls.core.scoring;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.internal.fast.TableScorer;
import dev.pls.core.model.Model;
import java.time.Instant;
import java.util.List;

/**
 * Scores every row of a {@link FeatureTable} with one model, in chunks of rows, by code generated
 * for the model's plan where its condition shapes allow and a column of rules at a time elsewhere
 * (docs/performance.md says which).
 *
 * <p>Two ways to score: {@link #score} returns a {@link BatchScores} with every row's card at hand;
 * {@link #bind} binds the model to a table once and then scores into arrays the caller supplies and
 * reuses, for hot loops.
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
   * The columns the model reads: each trait (a table may leave it out: missing on every row), then
   * each signal over each window a condition reads it (the table must have it, keyed as here or by
   * another signal name with the same aggregate). Each group in the order the model's rules,
   * exclusions and tiers first read it; the same for every call.
   */
  List<FeatureTable.ColumnKey> columns();

  /**
   * The model bound to {@code table}: every column the model reads found and checked once (a {@code
   * Value[]} column's values against the model's types; typed columns were checked when the table
   * was built) and the code for the table's layout generated, or found when a table of the same
   * layout was bound before. Scoring the binding then repeats none of this.
   *
   * @throws IllegalArgumentException naming the column when one the model reads is absent, has the
   *     wrong type, or a {@code Value[]} column holds a value of another type than the model's
   */
  FeatureBinding bind(FeatureTable table);

  /**
   * Scores every row.
   *
   * @param asOf the instant the features were computed as of; it is stamped on cards
   * @throws IllegalArgumentException naming the column when one the model reads is absent, has the
   *     wrong type, or a trait value has a type other than the trait's
   */
  BatchScores score(FeatureTable table, Instant asOf);
}
