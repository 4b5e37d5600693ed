package dev.pls.core.model;

/** The declared type of a trait. */
public enum TraitType {
  /** A whole number, such as a head count. */
  INT(ValueType.NUMBER),
  /** Any exact decimal number. */
  NUMBER(ValueType.NUMBER),
  STRING(ValueType.STRING),
  BOOL(ValueType.BOOLEAN);

  private final ValueType valueType;

  TraitType(ValueType valueType) {
    this.valueType = valueType;
  }

  /** The type of the trait's values in expressions. */
  public ValueType valueType() {
    return valueType;
  }

  /** Whether {@code value} is a valid value of a trait of this type. */
  public boolean accepts(Value value) {
    if (value.type() != valueType) {
      return false;
    }
    if (this == INT) {
      java.math.BigDecimal d = ((Value.Num) value).value();
      return d.signum() == 0 || d.scale() <= 0;
    }
    return true;
  }

  /**
   * The name used in the rules language: {@code int}, {@code number}, {@code string}, {@code bool}.
   */
  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
