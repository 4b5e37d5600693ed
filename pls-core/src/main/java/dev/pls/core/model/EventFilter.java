package dev.pls.core.model;

import dev.pls.core.internal.base.Names;
import java.util.Optional;

/**
 * Which events an aggregate reads: an event name (or any event) and an optional condition on the
 * event's properties, e.g. {@code page_viewed where path == "/pricing"}.
 *
 * @param event the event name, or empty for any event
 * @param where a boolean condition over {@link Expr#prop properties}, or empty
 */
public record EventFilter(Optional<String> event, Optional<Expr> where) {

  public EventFilter {
    java.util.Objects.requireNonNull(event, "event");
    java.util.Objects.requireNonNull(where, "where");
    event.ifPresent(e -> Names.check(e, "event"));
  }

  /** Events named {@code event}. */
  public static EventFilter of(String event) {
    return new EventFilter(Optional.of(Names.check(event, "event")), Optional.empty());
  }

  /** Every event. */
  public static EventFilter any() {
    return new EventFilter(Optional.empty(), Optional.empty());
  }

  /** This filter narrowed by a condition on event properties. */
  public EventFilter where(Expr condition) {
    java.util.Objects.requireNonNull(condition, "condition");
    Expr w =
        where
            .<Expr>map(existing -> new Expr.And(java.util.List.of(existing, condition)))
            .orElse(condition);
    return new EventFilter(event, Optional.of(w));
  }

  /** The filter as written in the rules language: {@code any}, {@code x where p == 1}. */
  @Override
  public String toString() {
    String e = event.map(Syntax::name).orElse("any");
    return where.map(w -> e + " where " + w).orElse(e);
  }

  /** Like {@link #toString()} with a property: {@code feature_used.feature where ...}. */
  String toString(String property) {
    String e = event.map(Syntax::name).orElse("any") + "." + Syntax.name(property);
    return where.map(w -> e + " where " + w).orElse(e);
  }
}
