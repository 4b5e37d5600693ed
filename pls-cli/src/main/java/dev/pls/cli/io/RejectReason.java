package dev.pls.cli.io;

import java.util.Locale;

/** Why an input record was rejected; {@link #code()} is what the rejects file and summary show. */
public enum RejectReason {
  /** Not valid JSON, or a CSV record with a broken quote. */
  MALFORMED,
  /** A record holding bytes that are not UTF-8 (or the replacement character U+FFFD). */
  NOT_UTF8,
  /** A line or CSV record longer than 1 MiB (1,048,576 characters). */
  TOO_LONG,
  /** A JSON line that is valid JSON but not an object. */
  NOT_AN_OBJECT,
  /** An event without a user id (nor, for Segment calls, an anonymous id). */
  MISSING_USER,
  /** An event without an event name. */
  MISSING_EVENT,
  /** An event (or a Segment group call with a user) without a timestamp. */
  MISSING_TIME,
  /** A timestamp that does not follow the documented rule. */
  BAD_TIME,
  /** A trait record without its {@code user} or {@code account} key, or a group call without id. */
  MISSING_ID,
  /** A property or trait whose value is a JSON object or array. */
  NESTED_VALUE,
  /** A field of the wrong JSON type, an unknown field, or an id or name that cannot be one. */
  BAD_VALUE,
  /** A Segment call other than track, identify, group, page and screen. */
  UNSUPPORTED_CALL,
  /** A CSV record with more or fewer fields than the header. */
  WRONG_COLUMN_COUNT,
  /** An event property of another type than the model's rules read it as. */
  WRONG_TYPE,
  /**
   * A CSV record whose quoted field is not closed by the end of the file, or not within 1,000 lines
   * or 1 MiB; when it spans lines, only its first line is rejected and reading resumes on the next.
   */
  UNCLOSED_QUOTE,
  /** A line or CSV record holding a NUL byte, in a file that is otherwise text. */
  NUL_BYTE,
  /**
   * A property or trait that is a number out of the range of pls numbers ({@link
   * dev.pls.core.model.NumberRange}).
   */
  NUMBER_RANGE,
  /**
   * A Segment call whose {@code messageId} was already read in this run (Segment delivers at least
   * once); not counted toward {@code --max-rejects}.
   */
  DUPLICATE;

  /** The reason as written in rejects files and summaries: {@code bad_time}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
