package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;

/**
 * What activation is for a model: the event or the rule whose occurrence says an entity reached the
 * product's aha moment. The readiness gate measures the activation rate with it (seed 002:
 * "activation rate above 20%").
 *
 * @param kind whether {@code name} is a rule id of the model or an event name
 * @param name the rule id, or the event's name in the data
 * @throws IllegalArgumentException if {@code name} is blank, starts or ends with white space or
 *     holds a control character
 */
public record Activation(Kind kind, String name) {
  public Activation {
    requireNonNull(kind, "kind");
    Names.check(name, "name");
  }

  /** What an activation names. */
  public enum Kind {
    /** A rule of the model: an entity is activated when the rule fires. */
    RULE,
    /** An event: an entity is activated when it (or a member) had the event. */
    EVENT
  }

  /** Activation as the rule {@code id} firing. */
  public static Activation rule(String id) {
    return new Activation(Kind.RULE, id);
  }

  /** Activation as having had the event {@code name}. */
  public static Activation event(String name) {
    return new Activation(Kind.EVENT, name);
  }

  @Override
  public String toString() {
    return (kind == Kind.RULE ? "rule " : "event ") + name;
  }
}
