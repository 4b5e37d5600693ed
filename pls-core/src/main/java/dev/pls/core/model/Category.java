package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A group of rules whose positive total may be capped and whose negative total may be floored.
 *
 * <p>Caps and floors are applied in rule order: each fired positive rule contributes its points, or
 * what is left under the cap if that is less, so earlier rules keep their full points and a rule
 * fired after the cap is reached contributes zero. Negative rules fill the floor the same way. The
 * contributions on a card therefore always add up to the category's total.
 *
 * @param name unique in the model
 * @param cap the most the category's positive rules may add, if bounded ({@code >= 0})
 * @param floor the most the category's negative rules may take away, if bounded ({@code <= 0})
 * @param rules the rules, in order
 */
public record Category(
    String name, Optional<Points> cap, Optional<Points> floor, List<Rule> rules) {

  public Category {
    Names.check(name, "name");
    requireNonNull(cap, "cap");
    requireNonNull(floor, "floor");
    rules = List.copyOf(requireNonNull(rules, "rules"));
    cap.ifPresent(
        c -> {
          if (c.signum() < 0) {
            throw new IllegalArgumentException("cap: must not be negative, was " + c);
          }
        });
    floor.ifPresent(
        f -> {
          if (f.signum() > 0) {
            throw new IllegalArgumentException("floor: must not be positive, was " + f);
          }
        });
  }

  /** A builder for the category {@code name}. */
  public static Builder builder(String name) {
    return new Builder(Names.check(name, "name"));
  }

  /**
   * Builds a {@link Category}; each method checks its arguments at once.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private Points cap;
    private Points floor;
    private final List<Rule> rules = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Caps the positive total at {@code cap} whole points. */
    public Builder cap(long cap) {
      return cap(Points.of(cap));
    }

    /** Caps the positive total. */
    public Builder cap(Points cap) {
      requireNonNull(cap, "cap");
      if (cap.signum() < 0) {
        throw new IllegalArgumentException("cap: must not be negative, was " + cap);
      }
      this.cap = cap;
      return this;
    }

    /** Floors the negative total at {@code floor} (a negative number of whole points). */
    public Builder floor(long floor) {
      return floor(Points.of(floor));
    }

    /** Floors the negative total. */
    public Builder floor(Points floor) {
      requireNonNull(floor, "floor");
      if (floor.signum() > 0) {
        throw new IllegalArgumentException("floor: must not be positive, was " + floor);
      }
      this.floor = floor;
      return this;
    }

    /** Adds a rule with whole points. */
    public Builder rule(String id, Expr condition, long points, String label) {
      return rule(new Rule(id, label, condition, Points.of(points)));
    }

    /** Adds a rule. */
    public Builder rule(String id, Expr condition, Points points, String label) {
      return rule(new Rule(id, label, condition, points));
    }

    /**
     * Adds a rule.
     *
     * @throws IllegalArgumentException if the category already has a rule with that id
     */
    public Builder rule(Rule rule) {
      requireNonNull(rule, "rule");
      for (Rule r : rules) {
        if (r.id().equals(rule.id())) {
          throw new IllegalArgumentException(
              "rule: id '" + rule.id() + "' is already used in category '" + name + "'");
        }
      }
      rules.add(rule);
      return this;
    }

    /** The category. */
    public Category build() {
      return new Category(name, Optional.ofNullable(cap), Optional.ofNullable(floor), rules);
    }
  }
}
