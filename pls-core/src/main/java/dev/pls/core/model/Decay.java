package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

/**
 * How a rule's points fade with the age of what made it hold: {@code decay linear 60d} or {@code
 * decay half_life 14d}.
 *
 * <p>The age is the number of the model's resolution buckets (local dates for {@code resolution
 * 1d}, clock hours for {@code 1h}) from the newest event the rule's condition read to the as-of
 * instant, as {@code docs/semantics.md} ("Decay") defines it. A rule with points p and age a gets:
 *
 * <ul>
 *   <li>{@link Shape#LINEAR} over a lifespan L: p × max(0, 1 − a/L), so 0 from a = L on;
 *   <li>{@link Shape#HALF_LIFE} h: p × 2^(−a/h), so exactly half at a = h;
 * </ul>
 *
 * <p>each rounded once, half-even, to hundredths of a point. The length must be a whole number of
 * the model's buckets, which {@link Model.Builder#build()} checks.
 *
 * @param shape linear or half-life
 * @param length the lifespan (linear) or the half-life, positive and at most {@link
 *     Window#MAX_DAYS} days
 */
public record Decay(Shape shape, Window length) {

  /** The two shapes of decay. */
  public enum Shape {
    /** Points fall in a straight line to zero at the end of the lifespan. */
    LINEAR("linear"),
    /** Points halve every half-life. */
    HALF_LIFE("half_life");

    private final String keyword;

    Shape(String keyword) {
      this.keyword = keyword;
    }

    /** The word in the rules language: {@code linear} or {@code half_life}. */
    public String keyword() {
      return keyword;
    }
  }

  public Decay {
    requireNonNull(shape, "shape");
    requireNonNull(length, "length");
  }

  /**
   * Linear decay to zero over {@code lifespan}.
   *
   * @throws IllegalArgumentException if {@code lifespan} is not positive
   */
  public static Decay linear(int amount, Window.Unit unit) {
    return new Decay(Shape.LINEAR, length(amount, unit, "lifespan"));
  }

  /**
   * Exponential decay halving every {@code halfLife}.
   *
   * @throws IllegalArgumentException if the half-life is not positive
   */
  public static Decay halfLife(int amount, Window.Unit unit) {
    return new Decay(Shape.HALF_LIFE, length(amount, unit, "halfLife"));
  }

  private static Window length(int amount, Window.Unit unit, String name) {
    requireNonNull(unit, "unit");
    if (amount <= 0) {
      throw new IllegalArgumentException(
          name + ": must be positive, was " + amount + unit.suffix());
    }
    try {
      return new Window(amount, unit);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + ": " + amount + unit.suffix() + " exceeds the maximum of " + Window.MAX_DAYS + "d",
          e);
    }
  }

  /** The decay as written in the rules language: {@code decay linear 60d}. */
  @Override
  public String toString() {
    return "decay " + shape.keyword() + " " + length;
  }
}
