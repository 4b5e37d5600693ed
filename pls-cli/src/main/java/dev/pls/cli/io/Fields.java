package dev.pls.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/*
 * Reading ids, names, values and times out of JSON nodes and CSV cells, each failure a BadRecord.
 *
 * Typing rule for text cells (CSV properties and traits): an empty cell is absent; exactly "true"
 * or "false" is a boolean; text that is a JSON number literal (optional minus, no leading zeros,
 * optional fraction and exponent: 200, -1.5, 2e3) is an exact number; anything else is a string.
 * "02139" and "+5" therefore stay strings, as identifiers and postcodes should. JSON values keep
 * their JSON type: "200" in quotes is a string. JSON null means absent.
 *
 * Numbers must be in the documented range of pls numbers (NumberRange: 34 significant digits, 34
 * after the point, below 10^34): arithmetic on a 999-digit amount, or on 1e999999999, would make
 * every rule that reads it slow, so such a property or trait, from JSON or a CSV cell, is rejected
 * where it enters (number_range). A CSV cell is checked as text before it is parsed, and the JSON
 * parser refuses a number text longer than 1000 characters unparsed (JsonLines), so a number of a
 * million digits costs no more than a short one. A timestamp out of that range is bad_time.
 *
 * Ids and names are used as they are: one with leading or trailing white space or a control
 * character is rejected rather than trimmed, because a silently trimmed id can merge two users.
 */
final class Fields {
  private Fields() {}

  /**
   * A text cell typed by the rule above; empty when the cell is empty.
   *
   * @param what {@code property} or {@code trait}, for messages
   * @param name the property's or trait's name, for messages
   * @throws BadRecord (number_range) for a number literal out of the range of pls numbers
   */
  static Optional<Value> typed(String cell, String what, String name) throws BadRecord {
    if (cell.isEmpty()) {
      return Optional.empty();
    }
    if (cell.equals("true") || cell.equals("false")) {
      return Optional.of(Value.bool(cell.equals("true")));
    }
    if (isJsonNumber(cell)) {
      boolean inRange;
      try {
        inRange = NumberRange.contains(cell);
      } catch (NumberFormatException e) {
        // An exponent beyond the range of int (1e99999999999) is no BigDecimal at all.
        inRange = false;
      }
      if (!inRange) {
        throw outOfRange(RejectReason.NUMBER_RANGE, what + " '" + name + "'", cell);
      }
      return Optional.of(Value.num(new BigDecimal(cell)));
    }
    return Optional.of(Value.str(cell));
  }

  /**
   * Whether {@code s} is a JSON number literal: an optional minus, no leading zeros, an optional
   * fraction and exponent. Written out rather than as a regular expression so that its cost is
   * plainly linear whatever the length of the cell.
   */
  static boolean isJsonNumber(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    if (i < n && s.charAt(i) == '0') {
      i++;
    } else {
      int digits = digits(s, i);
      if (digits == 0) {
        return false;
      }
      i += digits;
    }
    if (i < n && s.charAt(i) == '.') {
      int digits = digits(s, i + 1);
      if (digits == 0) {
        return false;
      }
      i += 1 + digits;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int digits = digits(s, i);
      if (digits == 0) {
        return false;
      }
      i += digits;
    }
    return i == n;
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** The reject for a number out of range, showing at most the start of its text. */
  private static BadRecord outOfRange(RejectReason reason, String what, String text) {
    String shown =
        text.length() <= 40
            ? text
            : text.substring(0, 40) + "\u2026 (" + text.length() + " characters)";
    return new BadRecord(
        reason,
        what
            + " is a number out of range: "
            + shown
            + " (pls numbers have "
            + NumberRange.describe()
            + ")");
  }

  /**
   * A JSON number as a decimal, checked against the range of pls numbers. (The JSON parser refuses
   * number texts longer than 1000 characters before making a decimal of them; see JsonLines.)
   *
   * @param what {@code field}, {@code property} or {@code trait}, for messages
   */
  private static BigDecimal number(JsonNode node, String what, String name, RejectReason reason)
      throws BadRecord {
    BigDecimal d = node.decimalValue();
    if (!NumberRange.contains(d)) {
      throw outOfRange(reason, what + " '" + name + "'", node.asText());
    }
    return d;
  }

  /** An id or name as text, checked; empty when absent, null or empty. */
  static Optional<String> id(JsonNode node, String field) throws BadRecord {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String text;
    if (node.isTextual()) {
      text = node.textValue();
    } else if (node.isIntegralNumber()) {
      text = node.asText();
    } else {
      throw new BadRecord(
          RejectReason.BAD_VALUE,
          "field '" + field + "' must be a string, was " + describe(node) + ": " + node);
    }
    return id(text, field);
  }

  /** A text id or name, checked; empty when empty. */
  static Optional<String> id(String text, String field) throws BadRecord {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    checkName(text, field);
    return Optional.of(text);
  }

  static void checkName(String text, String what) throws BadRecord {
    if (text.isBlank()) {
      throw new BadRecord(RejectReason.BAD_VALUE, what + " is blank");
    }
    if (!text.strip().equals(text)) {
      throw new BadRecord(
          RejectReason.BAD_VALUE,
          what + " '" + text + "' starts or ends with white space (ids are not trimmed)");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new BadRecord(RejectReason.BAD_VALUE, what + " contains a control character");
      }
    }
  }

  /** A timestamp from a JSON string or number; empty when absent or null. */
  static Optional<Instant> time(JsonNode node, String field, Timestamps timestamps)
      throws BadRecord {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      if (node.isNumber()) {
        return Optional.of(
            Timestamps.fromEpoch(number(node, "field", field, RejectReason.BAD_TIME)));
      }
      if (node.isTextual()) {
        if (node.textValue().isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(timestamps.read(node.textValue()));
      }
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      throw new BadRecord(RejectReason.BAD_TIME, "field '" + field + "': " + e.getMessage());
    }
    throw new BadRecord(
        RejectReason.BAD_TIME,
        "field '" + field + "' must be a string or a number, was " + describe(node));
  }

  /** A timestamp from a text cell; empty when the cell is empty. */
  static Optional<Instant> time(String cell, String field, Timestamps timestamps) throws BadRecord {
    if (cell.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(timestamps.read(cell));
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      throw new BadRecord(RejectReason.BAD_TIME, "field '" + field + "': " + e.getMessage());
    }
  }

  /**
   * The members of a JSON object as values, in order, skipping nulls.
   *
   * @param what "property" or "trait", for messages
   */
  static Map<String, Value> values(JsonNode object, String field, String what) throws BadRecord {
    Map<String, Value> values = new LinkedHashMap<>();
    if (object == null || object.isNull()) {
      return values;
    }
    if (!object.isObject()) {
      throw new BadRecord(
          RejectReason.BAD_VALUE,
          "field '" + field + "' must be an object, was " + describe(object));
    }
    var it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      value(e.getKey(), e.getValue(), what).ifPresent(v -> values.put(e.getKey(), v));
    }
    return values;
  }

  /** One JSON value as a property or trait value; empty for null. */
  static Optional<Value> value(String key, JsonNode node, String what) throws BadRecord {
    checkName(key, what + " name");
    if (node.isNull()) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return Optional.of(Value.str(node.textValue()));
    }
    if (node.isNumber()) {
      return Optional.of(Value.num(number(node, what, key, RejectReason.NUMBER_RANGE)));
    }
    if (node.isBoolean()) {
      return Optional.of(Value.bool(node.booleanValue()));
    }
    if (node.isContainerNode()) {
      throw new BadRecord(
          RejectReason.NESTED_VALUE,
          what + " '" + key + "' is " + describe(node) + "; only strings, numbers and booleans");
    }
    throw new BadRecord(RejectReason.BAD_VALUE, what + " '" + key + "' is " + describe(node));
  }

  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNull()) {
      return "null";
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
