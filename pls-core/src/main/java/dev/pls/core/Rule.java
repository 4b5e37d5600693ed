package dev.pls.core;

import static java.util.Objects.requireNonNull;

/**
 * A scoring rule: when the condition holds, the entity gets the points.
 *
 * @param id stable identifier, unique in the model; cards and explanations refer to it
 * @param label what a person reads, e.g. "Invited 3-5 teammates"
 * @param condition a boolean expression over signals and traits
 * @param points the points, positive or negative, at most two decimal places
 */
public record Rule(String id, String label, Expr condition, Points points) {
  public Rule {
    Names.check(id, "id");
    Names.check(label, "label");
    requireNonNull(condition, "condition");
    requireNonNull(points, "points");
  }

  /** A rule whose label is its id. */
  public static Rule of(String id, Expr condition, Points points) {
    return new Rule(id, id, condition, points);
  }

  /** A rule with whole points. */
  public static Rule of(String id, Expr condition, long points, String label) {
    return new Rule(id, label, condition, Points.of(points));
  }

  @Override
  public String toString() {
    return condition
        + " : "
        + points.toSignedString()
        + " "
        + new Value.Str(label)
        + " ["
        + id
        + "]";
  }
}
