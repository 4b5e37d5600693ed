package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;

/**
 * A named tier: {@code tier hot when score >= 80}. Tiers are tried in order; the first whose
 * condition holds wins, and {@value #NONE} is the tier of everything else.
 *
 * @param name unique in the model, not {@value #NONE}
 * @param condition a boolean expression over the score, category totals, signals and traits
 */
public record Tier(String name, Expr condition) {
  /** The tier of an entity no tier condition holds for, or that is excluded. */
  public static final String NONE = "none";

  public Tier {
    Names.check(name, "name");
    requireNonNull(condition, "condition");
    if (name.equals(NONE)) {
      throw new IllegalArgumentException(
          "name: '" + NONE + "' is reserved for entities in no tier");
    }
  }
}
