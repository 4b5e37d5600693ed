package dev.pls.core.internal;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import java.util.List;
import java.util.Optional;

/**
 * The grid cell of a card, beside its tier: every engine (reference, fast, store, feature table)
 * asks here, so the cell is computed from the card's own category totals in one place.
 */
public final class Cells {
  private Cells() {}

  /**
   * The cell for a card with these category totals, empty when the model has no grid or the entity
   * is excluded.
   */
  public static Optional<String> of(
      Model model, Optional<String> excluded, List<CategoryScore> categories) {
    if (model.grid().isEmpty() || excluded.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        model
            .grid()
            .get()
            .cell(
                name ->
                    categories.stream()
                        .filter(c -> c.name().equals(name))
                        .map(CategoryScore::total)
                        .findFirst()
                        .orElse(Points.ZERO)));
  }
}
