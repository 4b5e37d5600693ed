package dev.pls.dsl.internal;

/**
 * Where an expression stands, which decides what its names mean (see {@link Conditions}) and
 * whether it may take a window.
 */
enum Scope {
  /** A rule's condition: signals, traits, events; no score yet. */
  RULE,
  /** An exclusion's condition: as a rule's, and category totals. */
  EXCLUSION,
  /** A tier's condition: the score and category totals too. */
  TIER,
  /** A hand-off condition or context value: the score and category totals too. */
  HANDOFF,
  /** An event filter's {@code where}: every name is a property of the event. */
  FILTER,
  /** A member condition, {@code members(where ...)}: every name is a trait of the member model. */
  MEMBER,
  /** A test's {@code value} expectation: one signal or trait. */
  VALUE
}
