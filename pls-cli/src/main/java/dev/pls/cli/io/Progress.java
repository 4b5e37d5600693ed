package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/*
 * Progress on stderr while reading, and the summary at the end.
 *
 * The live line is drawn only for a person watching: when the JVM has a console (stdin and stdout
 * are a terminal) and the CI environment variable is not set. In a pipe, a log or CI it would be
 * a wall of carriage returns, so there it is silent. It is redrawn at most five times a second,
 * and the clock is only looked at every 4096 records, so it costs nothing on the hot path. The
 * summary is printed in every case: it is the run's account of what it read.
 */
/** Draws reading progress on a terminal and prints the summary of a read. Not thread-safe. */
public final class Progress implements ReadProgress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream err;
  private final boolean interactive;
  private final LongSupplier nanoTime;
  private final long start;
  private long read;
  private long rejected;
  private long lastDraw;
  private boolean drawn;
  private int stepsDone = -1;
  private int stepsTotal;

  private Progress(PrintStream err, boolean interactive, LongSupplier nanoTime) {
    this.err = err;
    this.interactive = interactive;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.lastDraw = start;
  }

  /** Progress on {@code System.err}, drawn only on a terminal outside CI. */
  public static Progress toStderr() {
    return new Progress(
        System.err, System.console() != null && System.getenv("CI") == null, System::nanoTime);
  }

  /**
   * Progress on {@code err}.
   *
   * @param interactive whether to draw the live line
   * @param nanoTime the clock, as {@link System#nanoTime()}
   */
  public static Progress create(PrintStream err, boolean interactive, LongSupplier nanoTime) {
    return new Progress(
        requireNonNull(err, "err"), interactive, requireNonNull(nanoTime, "nanoTime"));
  }

  @Override
  public void recordRead() {
    read++;
    if (interactive && (read & 4095) == 0) {
      long now = nanoTime.getAsLong();
      if (now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
    }
  }

  @Override
  public void recordRejected() {
    rejected++;
  }

  /**
   * Notes that a replay scored its {@code done}-th step of {@code total} (-1: a cohort, whose steps
   * are entities), for the live line.
   */
  public void stepped(int done, int total) {
    stepsDone = done;
    stepsTotal = total;
    if (interactive) {
      long now = nanoTime.getAsLong();
      if (now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
    }
  }

  private void draw(long now) {
    String steps =
        stepsDone < 0
            ? ""
            : stepsTotal < 0
                ? String.format(Locale.ROOT, ", %d scored", stepsDone)
                : String.format(Locale.ROOT, ", step %d of %d", stepsDone, stepsTotal);
    err.print(
        String.format(
            Locale.ROOT,
            "\rreading: %d records, %d rejected%s, %s ",
            read,
            rejected,
            steps,
            seconds(now - start)));
    err.flush();
    drawn = true;
  }

  /**
   * Clears the live line, if one was drawn, and prints the summary and any file errors, timed from
   * this progress's creation.
   */
  public void finish(ReadSummary summary) {
    finish(summary, nanoTime.getAsLong() - start);
  }

  /**
   * Clears the live line, if one was drawn, and prints the summary and any file errors; reading
   * took {@code elapsedNanos}.
   */
  public void finish(ReadSummary summary, long elapsedNanos) {
    requireNonNull(summary, "summary");
    if (drawn) {
      err.print("\r\033[K");
    }
    err.println(summaryLine(summary, elapsedNanos));
    if (summary.files().size() > 1) {
      for (FileSummary f : summary.files()) {
        err.println("  " + fileLine(f));
      }
    }
    summary.notes().forEach(err::println);
    for (FileSummary f : summary.errors()) {
      err.println("error: " + f.file() + ": " + f.error().orElseThrow());
    }
    if (summary.limitExceeded()) {
      err.println("error: stopped: more records rejected than --max-rejects allows");
    }
    err.flush();
  }

  /**
   * The summary line: {@code read 18, accepted 3, rejected 15 (bad_time 3, malformed 2), 0.4 s, 45
   * records/s}.
   */
  static String summaryLine(ReadSummary summary, long elapsedNanos) {
    StringBuilder sb = new StringBuilder();
    sb.append("read ")
        .append(summary.read())
        .append(", accepted ")
        .append(summary.accepted())
        .append(", rejected ")
        .append(summary.rejected());
    reasons(sb, summary.rejectedByReason());
    // Below a millisecond the rate is noise; count it as one.
    long nanos = Math.max(elapsedNanos, 1_000_000L);
    long perSecond = Math.round(summary.read() * 1e9 / nanos);
    sb.append(", ").append(seconds(elapsedNanos)).append(", ").append(perSecond);
    return sb.append(" records/s").toString();
  }

  /** One file's line: {@code a.jsonl: read 20, accepted 18, rejected 2 (bad_time 2)}. */
  static String fileLine(FileSummary f) {
    StringBuilder sb = new StringBuilder(f.file());
    sb.append(": read ").append(f.read());
    sb.append(", accepted ").append(f.accepted());
    sb.append(", rejected ").append(f.rejected());
    reasons(sb, f.rejectedByReason());
    return sb.toString();
  }

  private static void reasons(StringBuilder sb, Map<String, Long> byReason) {
    if (byReason.isEmpty()) {
      return;
    }
    sb.append(" (");
    boolean first = true;
    for (Map.Entry<String, Long> e : byReason.entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
      first = false;
    }
    sb.append(')');
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
