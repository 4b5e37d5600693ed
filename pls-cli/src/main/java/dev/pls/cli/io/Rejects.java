package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Where rejected records go: a JSON Lines rejects file, a count, and the {@code --max-rejects}
 * limit.
 *
 * <p>Each reject is one line: {@code {"file":…,"line":…,"reason":…,"detail":…,"text":…}}. Once more
 * than {@code maxRejects} records have been rejected, {@link #add} returns false and readers stop.
 * Duplicates ({@link RejectReason#DUPLICATE}) are written and counted but not held against the
 * limit: a redelivered record is not bad data. Not thread-safe.
 */
public final class Rejects {
  private final JsonGenerator json;
  private final long maxRejects;
  private long count;
  private long limited;

  private Rejects(Writer out, long maxRejects) {
    this.json = JsonCardWriter.lines(out);
    this.maxRejects = maxRejects;
  }

  /**
   * Rejects written to {@code out}, allowing at most {@code maxRejects} before reading stops.
   *
   * @throws IllegalArgumentException if {@code maxRejects} is negative
   */
  public static Rejects to(Writer out, long maxRejects) {
    if (maxRejects < 0) {
      throw new IllegalArgumentException("maxRejects: must not be negative, was " + maxRejects);
    }
    return new Rejects(out, maxRejects);
  }

  /** Rejects written to {@code out}, without limit. */
  public static Rejects to(Writer out) {
    return new Rejects(out, Long.MAX_VALUE);
  }

  /** Rejects that are counted but not written, without limit. */
  public static Rejects discarding() {
    return to(Writer.nullWriter());
  }

  /**
   * Writes and counts a reject.
   *
   * @return false once the limit is exceeded: the caller stops reading
   * @throws UncheckedIOException if the rejects file cannot be written
   */
  public boolean add(Reject reject) {
    requireNonNull(reject, "reject");
    try {
      json.writeStartObject();
      json.writeStringField("file", reject.file());
      json.writeNumberField("line", reject.line());
      json.writeStringField("reason", reject.reason().code());
      json.writeStringField("detail", reject.detail());
      json.writeStringField("text", reject.text());
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejects file", e);
    }
    count++;
    if (reject.reason() != RejectReason.DUPLICATE) {
      limited++;
    }
    return !limitExceeded();
  }

  /** Records rejected so far. */
  public long count() {
    return count;
  }

  /** Whether more records were rejected than the limit allows (duplicates aside). */
  public boolean limitExceeded() {
    return limited > maxRejects;
  }

  /**
   * Flushes the rejects written so far to the underlying writer (which stays open).
   *
   * @throws UncheckedIOException if that fails
   */
  public void flush() {
    try {
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejects file", e);
    }
  }
}
