package dev.pls.core.scoring;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Model;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A model bound to one {@link FeatureTable} ({@link FeatureScorer#bind}), scoring its rows into
 * arrays the caller supplies and may reuse across calls: for hot loops that want no allocation per
 * row and no names until asked.
 *
 * <p>What a row gets, indexed by its row number {@code r}:
 *
 * <ul>
 *   <li>{@code scores[r]}: the score in hundredths of a point ({@code 1234} is 12.34);
 *   <li>{@code tiers[r]}: the index of the tier in {@link #tierNames}, or {@code -1} for none (also
 *       when an exclusion held);
 *   <li>{@code fired[r * firedStride() + w]}: bit {@code k % 64} of word {@code w = k / 64} is set
 *       when the model's {@code k}-th rule (in {@link Model#rules()} order) fired. Passing {@code
 *       null} scores score and tier only, which skips recording fired rules.
 * </ul>
 *
 * <p>The values equal {@link FeatureScorer#score}'s for the same table: {@link
 * dev.pls.core.card.BatchScores#scoreHundredths}, the index of {@link
 * dev.pls.core.card.BatchScores#tier}, and {@link dev.pls.core.card.BatchScores#fired}. For the
 * names, ids and cards behind a row, score it with {@link FeatureScorer#score}.
 *
 * <p>Immutable and thread-safe: calls on disjoint row ranges may run at once, each writing only its
 * own rows. The table's arrays must not change while it is bound.
 */
public interface FeatureBinding {

  /** The model this binding scores with. */
  Model model();

  /** The number of rows of the bound table. */
  int size();

  /** The number of {@code long} words of fired rules per row: ceil(rules / 64), at least 1. */
  int firedStride();

  /** The tier names, in the order of the indexes {@code tiers} holds. */
  List<String> tierNames();

  /**
   * Scores rows {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param fired the fired-rule words, or null to score score and tier only
   * @throws IndexOutOfBoundsException if the range is not within the table
   * @throws IllegalArgumentException naming the array that is too short for rows up to {@code to}
   * @throws NullPointerException if {@code scores} or {@code tiers} is null
   */
  void score(int from, int to, long[] scores, int[] tiers, long[] fired);

  /**
   * Scores every row, in up to {@code tasks} ranges of rows run on {@code executor} at once, and
   * returns when every range is scored; an exception thrown by a range is rethrown.
   *
   * @param fired the fired-rule words, or null to score score and tier only
   * @param tasks how many ranges to split the rows into, at least 1 (say, the executor's threads)
   * @throws IllegalArgumentException naming the array that is too short for the table, or {@code
   *     tasks} if it is below 1
   * @throws NullPointerException if {@code scores}, {@code tiers} or {@code executor} is null
   */
  void score(long[] scores, int[] tiers, long[] fired, Executor executor, int tasks);
}
