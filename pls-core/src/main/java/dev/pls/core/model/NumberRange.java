package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The documented range of pls numbers, one rule for rule-file literals, event property values,
 * numeric traits and the Java API.
 *
 * <p>A number is in range when, ignoring trailing zeros after the decimal point, it has at most
 * {@value #DIGITS} significant digits, at most {@value #DIGITS} digits after the point, and an
 * absolute value below 10<sup>{@value #DIGITS}</sup>. The bound keeps the cost of arithmetic on
 * untrusted input bounded: a 999-digit amount is refused where it enters, instead of making every
 * rule that reads it slow.
 */
public final class NumberRange {
  /** The most significant digits, digits after the point and digits before it. */
  public static final int DIGITS = 34;

  /** Texts longer than this are out of range without being parsed. */
  private static final int MAX_TEXT = 3 * DIGITS;

  private NumberRange() {}

  /** Whether {@code value} is in range. */
  public static boolean contains(BigDecimal value) {
    requireNonNull(value, "value");
    if (value.signum() == 0) {
      return true;
    }
    int precision = value.precision();
    int scale = value.scale();
    if (precision <= DIGITS && scale <= DIGITS && precision - scale <= DIGITS) {
      // The common case, decided without stripping: at most 34 digits, none beyond 34 places.
      return true;
    }
    // precision - scale is the count of digits before the point (or minus the leading zeros after
    // it); both are bounded by the representation, so this never strips a huge number.
    if (value.precision() - value.scale() > DIGITS) {
      return false;
    }
    BigDecimal s = value.precision() > 2 * DIGITS + 2 ? null : value.stripTrailingZeros();
    return s != null && s.precision() <= DIGITS && s.scale() <= DIGITS;
  }

  /**
   * Whether the decimal {@code text} is a number in range. Texts longer than a few dozen characters
   * are refused before parsing, so the check costs the same for a 1 MB text as for a short one.
   *
   * @throws NumberFormatException if the text is not a decimal number
   */
  public static boolean contains(CharSequence text) {
    requireNonNull(text, "text");
    if (text.length() > MAX_TEXT) {
      return false;
    }
    return contains(new BigDecimal(text.toString()));
  }

  /**
   * Returns {@code value} if it is in range.
   *
   * @param argument how the caller names the value in the message, e.g. {@code
   *     properties['amount']}
   * @throws IllegalArgumentException naming {@code argument} and the number (by its digit count
   *     when it is long) if it is out of range
   */
  public static BigDecimal check(BigDecimal value, String argument) {
    requireNonNull(value, argument);
    if (contains(value)) {
      return value;
    }
    // A long number is named by its length: printing a 999-digit amount helps nobody.
    String what =
        value.precision() > 2 * DIGITS
            ? value.precision() + "-digit number"
            : value.stripTrailingZeros().toString();
    throw new IllegalArgumentException(
        argument + ": " + what + " is out of range (" + describe() + ")");
  }

  /** The rule in words, for error messages. */
  public static String describe() {
    return "at most "
        + DIGITS
        + " significant digits, at most "
        + DIGITS
        + " digits after the point, and below 10^"
        + DIGITS
        + " in absolute value";
  }
}
