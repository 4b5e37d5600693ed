package dev.pls.dsl.internal;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Expr;
import dev.pls.core.model.ValueType;

/**
 * An expression lowered to the core model, with its type; {@link #ERROR} for one with errors, which
 * has no lowering.
 */
record Typed(Expr expr, Type type) {

  /** An expression with errors, already reported. */
  static final Typed ERROR = new Typed(null, Type.ERROR);

  Typed {
    requireNonNull(type, "type");
    if ((type == Type.ERROR) != (expr == null)) {
      throw new AssertionError("an expression has a lowering exactly when it has no errors");
    }
  }

  static Typed of(Expr expr, ValueType type) {
    return new Typed(requireNonNull(expr, "expr"), Type.of(type));
  }

  static Typed bool(Expr expr) {
    return of(expr, ValueType.BOOLEAN);
  }

  /** Whether the expression has errors (reported when they were found). */
  boolean failed() {
    return type == Type.ERROR;
  }

  /** The lowered expression; a failed one has none. */
  @Override
  public Expr expr() {
    if (failed()) {
      throw new AssertionError("an expression with errors has no lowering");
    }
    return expr;
  }
}
