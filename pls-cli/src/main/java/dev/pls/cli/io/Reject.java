package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

/**
 * One rejected input record, as written to the rejects file.
 *
 * @param file the file it came from, as named on the command line
 * @param line the line it starts on, counting from 1
 * @param reason why it was rejected
 * @param detail the specifics, e.g. which field and what was wrong with it
 * @param text the record's original text, without its line terminator
 */
public record Reject(String file, long line, RejectReason reason, String detail, String text) {
  public Reject {
    requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line: must be at least 1, was " + line);
    }
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
    requireNonNull(text, "text");
  }
}
