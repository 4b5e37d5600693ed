package dev.pls.core.model;

/** The type of a {@link Value} and of an expression. */
public enum ValueType {
  NUMBER,
  STRING,
  BOOLEAN,
  TIME;

  /** The name used in messages and in the rules language: {@code number}, {@code string}... */
  public String displayName() {
    return switch (this) {
      case NUMBER -> "number";
      case STRING -> "string";
      case BOOLEAN -> "bool";
      case TIME -> "time";
    };
  }
}
