package dev.pls.dsl.internal;

/**
 * The stable diagnostic codes. Each is documented in {@code docs/diagnostics.md} with an example
 * and the fix, and has a golden test; a code is never reused for another meaning.
 */
public enum Code {
  /** The file cannot be read. */
  PLS0001,
  /** The file is larger than {@link Limits#MAX_FILE_CHARS}. */
  PLS0002,
  /** Parentheses or prefix operators nest deeper than {@link Limits#MAX_NESTING}. */
  PLS0003,
  /** More syntax errors than {@link Limits#MAX_SYNTAX_ERRORS}; the rest of the file is skipped. */
  PLS0004,
  /** An expression tree deeper than {@link Limits#MAX_EXPR_DEPTH}. */
  PLS0005,
  /** More diagnostics than {@link Limits#MAX_DIAGNOSTICS}; this one counts the rest. */
  PLS0006,
  /** Syntax error. */
  PLS0101,
  /** A literal that does not make sense: a bad timestamp, time zone, resolution or number. */
  PLS0102,
  /** The file has no model header. */
  PLS0103,
  /** Unknown signal, trait or set name. */
  PLS0201,
  /** Unknown event name when the file declares its events. */
  PLS0202,
  /** Unknown function, or wrong arguments to a function. */
  PLS0203,
  /** Unknown trait type, entity kind, rollup kind or alert level. */
  PLS0204,
  /** A name declared twice. */
  PLS0205,
  /** An account model's {@code members} names no model of the file. */
  PLS0206,
  /** An account model's {@code members} names a model it cannot roll up. */
  PLS0207,
  /** A route, hold or trigger names an unknown tier, segment or queue. */
  PLS0208,
  /** A template placeholder that is neither a rule id nor a context value. */
  PLS0209,
  /** An {@code activation} that names neither a rule id nor an event of the model. */
  PLS0219,
  /** Type error. */
  PLS0301,
  /** A window on a condition that reads no aggregate, or on an aggregate that takes none. */
  PLS0302,
  /** A window that is not a positive multiple of the resolution or exceeds the maximum. */
  PLS0303,
  /** A reference that is not allowed where it stands (score outside a tier...). */
  PLS0304,
  /** A member function or rollup outside an account model that has members. */
  PLS0305,
  /** A member function used wrongly: a window where none fits, an unknown member trait or tier. */
  PLS0306,
  /** A rule reads a category's total, which only exists once every rule is added up. */
  PLS0307,
  /** Duplicate rule id. */
  PLS0401,
  /** Duplicate rule label. */
  PLS0402,
  /** Duplicate tier name, or a tier named none. */
  PLS0403,
  /** More rules than {@link Limits#MAX_RULES}. */
  PLS0404,
  /** Points, cap or floor out of range or with more than two decimals. */
  PLS0405,
  /** A hand-off name defined twice: queue, segment, trigger, hold, context value or template. */
  PLS0406,
  /** A holdout percent out of range. */
  PLS0407,
  /** A decay that cannot apply: an unknown shape, a wrong length, or no events to age. */
  PLS0408,
  /**
   * A grid that cannot name cells: a second grid, bands not high to low, a label used twice, a band
   * without a cutoff before the last, or a cutoff on the last.
   */
  PLS0409,
  /** A route names a cell its grid does not have, or a cell when the model has no grid. */
  PLS0410,
  /** A condition that can never hold. */
  PLS0501,
  /** A tier that can never be reached because an earlier tier always wins. */
  PLS0502,
  /** Two rules with the same condition. */
  PLS0503,
  /** A cap smaller than the category's smallest positive rule. */
  PLS0504,
  /** Two event names a typo apart, when events are not declared (warning). */
  PLS0505,
  /** A template that refers to a rule or context value that is not shareable (warning). */
  PLS0506,
  /** A sum rollup that members scoring below zero can take below zero, with no member floor. */
  PLS0507,
  /** A test block that cannot run as written. */
  PLS0601,
  /** A test event the model never reads (warning). */
  PLS0602,
  /** The core model refused the compiled model (a checker gap; please report it). */
  PLS0901;
}
