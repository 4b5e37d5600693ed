package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A typed value: an event property, a trait, a signal's result or a literal in a condition.
 *
 * <p>Numbers are exact decimals. Two numbers that differ only in trailing zeros ({@code 1} and
 * {@code 1.00}) are the same value: {@link Num} normalises its decimal on construction, so {@code
 * equals} is numeric equality.
 *
 * <p>The factories ({@link #num(BigDecimal)}, {@link #num(String)}, {@link #of}) refuse numbers
 * outside {@link NumberRange}, and so do events, entities, feature tables and literals, whichever
 * way their values were made: a {@link Num} built directly may hold any decimal (a parser holds a
 * literal in one before reporting it), but no such number reaches an engine.
 */
public sealed interface Value permits Value.Str, Value.Num, Value.Bool, Value.Time {

  /** The type of this value. */
  ValueType type();

  /** A string value; comparisons on it are exact and case-sensitive. */
  record Str(String value) implements Value {
    public Str {
      requireNonNull(value, "value");
    }

    @Override
    public ValueType type() {
      return ValueType.STRING;
    }

    @Override
    public String toString() {
      return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
  }

  /**
   * An exact decimal number. The constructor takes any decimal; the factories, events, entities,
   * feature tables and literals take only numbers in {@link NumberRange}.
   */
  record Num(BigDecimal value) implements Value {
    public Num {
      requireNonNull(value, "value");
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }

    @Override
    public String toString() {
      return value.toPlainString();
    }
  }

  /** A boolean value. */
  record Bool(boolean value) implements Value {
    @Override
    public ValueType type() {
      return ValueType.BOOLEAN;
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** An instant, the result of {@code first_seen}/{@code last_seen}. */
  record Time(Instant value) implements Value {
    public Time {
      requireNonNull(value, "value");
    }

    @Override
    public ValueType type() {
      return ValueType.TIME;
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** A number value. */
  static Num num(long value) {
    return new Num(BigDecimal.valueOf(value));
  }

  /**
   * A number value.
   *
   * @throws IllegalArgumentException if {@code value} is outside {@link NumberRange}
   */
  static Num num(BigDecimal value) {
    return new Num(NumberRange.check(value, "value"));
  }

  /**
   * A number value parsed from its decimal text, e.g. {@code "12.5"}.
   *
   * @throws IllegalArgumentException if {@code decimal} is not a number or is outside {@link
   *     NumberRange}
   */
  static Num num(String decimal) {
    requireNonNull(decimal, "decimal");
    // As NumberRange does: a text this long holds no number in range, and is not parsed.
    if (decimal.length() > 3 * NumberRange.DIGITS) {
      throw new IllegalArgumentException(
          "decimal: "
              + decimal.length()
              + " characters, too long for a number in range ("
              + NumberRange.describe()
              + ")");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(decimal);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("decimal: not a number: '" + decimal + "'", e);
    }
    return new Num(NumberRange.check(d, "decimal"));
  }

  /** A string value. */
  static Str str(String value) {
    return new Str(value);
  }

  /** A boolean value. */
  static Bool bool(boolean value) {
    return new Bool(value);
  }

  /**
   * Converts a plain Java object: {@link String}, {@link Boolean}, any integral {@link Number},
   * {@link BigDecimal}, {@link BigInteger}, a finite {@link Double} or {@link Float} (by its
   * shortest decimal representation), an {@link Instant}, or a {@code Value} itself.
   *
   * @throws NullPointerException if {@code object} is null
   * @throws IllegalArgumentException if {@code object} has another type, is a non-finite
   *     floating-point number or a number outside {@link NumberRange}
   */
  static Value of(Object object) {
    requireNonNull(object, "object");
    if (object instanceof Value v) {
      return v;
    }
    if (object instanceof String s) {
      return new Str(s);
    }
    if (object instanceof Boolean b) {
      return new Bool(b);
    }
    if (object instanceof BigDecimal d) {
      return new Num(NumberRange.check(d, "object"));
    }
    if (object instanceof BigInteger i) {
      return new Num(NumberRange.check(new BigDecimal(i), "object"));
    }
    if (object instanceof Long
        || object instanceof Integer
        || object instanceof Short
        || object instanceof Byte) {
      return num(((Number) object).longValue());
    }
    if (object instanceof Double || object instanceof Float) {
      double d = ((Number) object).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("object: not a finite number: " + d);
      }
      // Float.toString, not the widened double: 0.1f must be 0.1, not 0.10000000149011612.
      String shortest = object instanceof Float f ? Float.toString(f) : Double.toString(d);
      return new Num(NumberRange.check(new BigDecimal(shortest), "object"));
    }
    if (object instanceof Instant t) {
      return new Time(t);
    }
    throw new IllegalArgumentException(
        "object: cannot be a value: "
            + object.getClass().getName()
            + " (expected String, Boolean, Number or Instant)");
  }
}
