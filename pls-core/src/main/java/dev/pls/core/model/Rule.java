package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.Optional;

/**
 * A scoring rule: when the condition holds, the entity gets the points.
 *
 * @param id stable identifier, unique in the model; cards and explanations refer to it
 * @param label what a person reads, e.g. "Invited 3-5 teammates"
 * @param condition a boolean expression over signals and traits
 * @param points the points, positive or negative, at most two decimal places
 * @param shareable when the reason may be shared with the customer, the phrase a seller may use
 *     ("setting up SSO"); empty for internal reasons
 * @param decay how the points fade with the age of the newest event the condition read; empty for
 *     points that hold in full while the condition does
 */
public record Rule(
    String id,
    String label,
    Expr condition,
    Points points,
    Optional<String> shareable,
    Optional<Decay> decay) {
  public Rule {
    Names.check(id, "id");
    Names.check(label, "label");
    requireNonNull(condition, "condition");
    requireNonNull(points, "points");
    requireNonNull(shareable, "shareable");
    shareable.ifPresent(s -> Names.check(s, "shareable"));
    requireNonNull(decay, "decay");
  }

  /** A rule without decay. */
  public Rule(String id, String label, Expr condition, Points points, Optional<String> shareable) {
    this(id, label, condition, points, shareable, Optional.empty());
  }

  /** An internal rule: its reason is not shared with the customer. */
  public Rule(String id, String label, Expr condition, Points points) {
    this(id, label, condition, points, Optional.empty());
  }

  /** This rule, shareable with the customer in the words of {@code phrase}. */
  public Rule shareable(String phrase) {
    return new Rule(
        id, label, condition, points, Optional.of(Names.check(phrase, "phrase")), decay);
  }

  /**
   * This rule, its points fading by {@code decay}. The condition must read events; {@link
   * Model.Builder#build()} checks that and that the decay's length fits the model's resolution.
   */
  public Rule decay(Decay decay) {
    return new Rule(
        id, label, condition, points, shareable, Optional.of(requireNonNull(decay, "decay")));
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
        + decay.map(d -> " " + d).orElse("")
        + " "
        + new Value.Str(label)
        + shareable.map(p -> " share " + new Value.Str(p)).orElse("")
        + " ["
        + id
        + "]";
  }
}
