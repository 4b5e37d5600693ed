package dev.pls.core.card;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Points;

/**
 * A category's total on a {@link ScoreCard}.
 *
 * @param name the category
 * @param positive the sum of its fired positive rules' points, before the cap
 * @param negative the sum of its fired negative rules' points, before the floor
 * @param total what the category adds to the score, after cap and floor
 */
public record CategoryScore(String name, Points positive, Points negative, Points total) {
  public CategoryScore {
    requireNonNull(name, "name");
    requireNonNull(positive, "positive");
    requireNonNull(negative, "negative");
    requireNonNull(total, "total");
  }

  /** Whether a cap or floor changed the category's total. */
  public boolean limited() {
    return !positive.plus(negative).equals(total);
  }
}
