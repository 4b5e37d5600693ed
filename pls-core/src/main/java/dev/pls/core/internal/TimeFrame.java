package dev.pls.core.internal;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Resolution;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/*
 * The calendar arithmetic of the semantics, in one place so that every evaluator shares it.
 *
 * A window of N buckets ends with the bucket that contains T and stops at T (inclusive):
 *
 * - resolution 1d: the bucket of an instant is its calendar date in the model's zone, so the
 *   window starts at the first instant of the date N-1 days before T's date (start of day as
 *   java.time resolves it, which handles DST gaps at midnight) and days of 23 or 25 hours are
 *   still one bucket each;
 * - resolution 1h: the bucket of T starts at T's local clock time truncated to the hour, and
 *   the window starts N-1 hours of elapsed time before that.
 *
 * Weeks are blocks of 7 calendar days ending with T's date: week k covers the dates from
 * date(T) - 7k - 6 to date(T) - 7k.
 */
/** The window and calendar arithmetic for one model and one as-of instant. */
public final class TimeFrame {
  private final Resolution resolution;
  private final ZoneId zone;
  private final Instant asOf;
  private final LocalDate asOfDay;

  public TimeFrame(Resolution resolution, ZoneId zone, Instant asOf) {
    this.resolution = requireNonNull(resolution, "resolution");
    this.zone = requireNonNull(zone, "zone");
    this.asOf = requireNonNull(asOf, "asOf");
    this.asOfDay = day(asOf);
  }

  /** The as-of instant T. */
  public Instant asOf() {
    return asOf;
  }

  /** T's calendar date in the model's zone. */
  public LocalDate asOfDay() {
    return asOfDay;
  }

  /** The calendar date of {@code t} in the model's zone. */
  public LocalDate day(Instant t) {
    return t.atZone(zone).toLocalDate();
  }

  /** The first instant of {@code date} in the model's zone. */
  public Instant startOfDay(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** The first instant a window reads; it reads up to T inclusive. */
  public Instant windowStart(Window window) {
    int buckets = window.buckets(resolution);
    if (resolution == Resolution.DAY) {
      return startOfDay(asOfDay.minusDays(buckets - 1L));
    }
    ZonedDateTime bucket = asOf.atZone(zone).truncatedTo(ChronoUnit.HOURS);
    return bucket.toInstant().minus(Duration.ofHours(buckets - 1L));
  }

  /** Whether {@code t} is in the window (or, for an empty window, anywhere up to T). */
  public boolean contains(java.util.Optional<Window> window, Instant t) {
    if (t.isAfter(asOf)) {
      return false;
    }
    return window.isEmpty() || !t.isBefore(windowStart(window.get()));
  }

  /** The week {@code t} falls in: 0 for T's date and the six days before it. {@code t <= T}. */
  public long week(Instant t) {
    return ChronoUnit.DAYS.between(day(t), asOfDay) / 7;
  }

  /** Whole calendar days from {@code t}'s date to T's date. */
  public long daysBefore(Instant t) {
    return ChronoUnit.DAYS.between(day(t), asOfDay);
  }

  /**
   * The age of {@code t <= T} in whole resolution buckets, as decay reads it: for {@code 1d} the
   * calendar days from {@code t}'s local date to T's ({@link #daysBefore}); for {@code 1h} the
   * number of hour buckets between {@code t}'s and T's, T's bucket being 0 and bucket k the hour of
   * elapsed time ending where bucket k-1 starts (as windows count them).
   */
  public long bucketsBefore(Instant t) {
    if (resolution == Resolution.DAY) {
      return daysBefore(t);
    }
    Instant bucket = asOf.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    if (!t.isBefore(bucket)) {
      return 0;
    }
    Duration d = Duration.between(t, bucket);
    long hours = d.toHours();
    // bucket k starts k elapsed hours before T's: an instant strictly inside it is k hours old
    return d.equals(Duration.ofHours(hours)) ? hours : hours + 1;
  }
}
