package dev.pls.cli.io;

/**
 * Why the record being parsed is rejected. Thrown inside one record's parsing and caught by its
 * reader's loop, which turns it into a {@link Reject}; it never leaves a reader.
 */
final class BadRecord extends Exception {
  private final RejectReason reason;

  BadRecord(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  /** A record longer than {@link TextSource#MAX_RECORD}; its reject holds its beginning. */
  static BadRecord tooLong() {
    return new BadRecord(
        RejectReason.TOO_LONG,
        "longer than " + TextSource.MAX_RECORD + " characters; the text is its beginning");
  }

  RejectReason reason() {
    return reason;
  }

  String detail() {
    return getMessage();
  }
}
