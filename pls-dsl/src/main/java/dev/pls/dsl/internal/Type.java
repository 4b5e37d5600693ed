package dev.pls.dsl.internal;

import dev.pls.core.model.ValueType;

/**
 * The type the checker gives an expression: a value type, a type only each event knows, or the
 * error type of an expression that has errors.
 */
enum Type {
  NUMBER,
  STRING,
  BOOLEAN,
  TIME,
  /** An event property: each event decides its type, so nothing about it can be checked. */
  DYNAMIC,
  /**
   * The expression has errors, already reported: what contains it is neither checked nor reported
   * again, so one mistake makes one diagnostic.
   */
  ERROR;

  static Type of(ValueType t) {
    return switch (t) {
      case NUMBER -> NUMBER;
      case STRING -> STRING;
      case BOOLEAN -> BOOLEAN;
      case TIME -> TIME;
    };
  }

  /** Whether this is a value type, one a check can hold an expression to. */
  boolean known() {
    return this != DYNAMIC && this != ERROR;
  }

  /** The value type; only for a {@linkplain #known() known} type. */
  ValueType valueType() {
    return switch (this) {
      case NUMBER -> ValueType.NUMBER;
      case STRING -> ValueType.STRING;
      case BOOLEAN -> ValueType.BOOLEAN;
      case TIME -> ValueType.TIME;
      case DYNAMIC, ERROR -> throw new AssertionError(this + " is not a value type");
    };
  }

  /** The name used in messages: {@code number}, {@code string}...; only for a known type. */
  String displayName() {
    return valueType().displayName();
  }

  /** Whether values of this type are ordered, so {@code <} and {@code between} apply. */
  boolean orderable() {
    return this == NUMBER || this == TIME;
  }
}
