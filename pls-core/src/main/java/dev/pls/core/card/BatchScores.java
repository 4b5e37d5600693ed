package dev.pls.core.card;

import dev.pls.core.model.Points;
import java.util.List;

/**
 * The scores of many entities: score, tier and fired rules per row, held as primitives; names and
 * cards are made only when asked for.
 *
 * <p>Immutable and thread-safe.
 */
public interface BatchScores {

  /** The number of rows. */
  int size();

  /** The entity id of a row. */
  String entity(int row);

  /** The score of a row, in hundredths of a point. */
  long scoreHundredths(int row);

  /** The score of a row. */
  default Points score(int row) {
    return new Points(scoreHundredths(row));
  }

  /** The tier of a row, or {@value Tier#NONE}. */
  String tier(int row);

  /** Whether an exclusion held for the row. */
  boolean excluded(int row);

  /**
   * Whether the model's {@code rule}-th rule (in {@link Model#rules()} order) fired for the row.
   */
  boolean fired(int row, int rule);

  /** The ids of the rules that fired for the row, in model order. */
  List<String> firedRules(int row);

  /** The full card of a row, equal to the card the fast evaluator gives for the same values. */
  ScoreCard card(int row);
}
