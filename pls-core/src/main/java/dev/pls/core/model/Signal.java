package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;

/**
 * A named aggregate: {@code signal invites = count(invite_sent)}.
 *
 * <p>A signal is referenced in conditions with or without a window: {@code
 * invites.within(Window.days(7)).ge(3)} is {@code invites >= 3 within 7d}. Aggregates written
 * inline in a condition are signals named by their own text, e.g. {@code count(any)}.
 *
 * @param name the signal's name, unique in a model
 * @param aggregate what it computes
 */
public record Signal(String name, Aggregate aggregate) {
  public Signal {
    Names.check(name, "name");
    requireNonNull(aggregate, "aggregate");
  }

  /** A signal named after its aggregate's text, for aggregates written inline. */
  public static Signal inline(Aggregate aggregate) {
    return new Signal(requireNonNull(aggregate, "aggregate").toString(), aggregate);
  }

  /** {@code signal name = count(event)}. */
  public static Signal count(String name, String event) {
    return new Signal(name, Aggregate.count(event));
  }

  /** This signal over a window. */
  public Expr.Agg within(Window window) {
    return new Expr.Agg(this, java.util.Optional.of(requireNonNull(window, "window")));
  }

  /** This signal over all history up to the as-of instant (or its own horizon). */
  public Expr.Agg allTime() {
    return new Expr.Agg(this, java.util.Optional.empty());
  }
}
