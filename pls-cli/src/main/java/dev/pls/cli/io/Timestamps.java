package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/*
 * The one rule for reading a point in time from an input file or the command line.
 *
 * - ISO-8601 date and time with a UTC offset: 2026-11-20T12:00:00Z, 2026-11-20T13:00:00+01:00,
 *   +0100 and +01 too, a space instead of the T, any fraction of a second. The offset is required:
 *   a time without one means a different instant in every zone, and guessing (the machine's zone,
 *   or UTC) silently moves events across day boundaries, which changes windows and scores. So a
 *   local time is rejected with a reason that says to add Z or an offset, unless the user states
 *   the zone such times are in (assumingZone): then a local date-time is read in that zone and a
 *   date alone is the start of that day there (a time in a DST gap moves forward by the gap, one
 *   in an overlap takes the earlier offset, as java.time does).
 * - A date alone (2014-04-22, as login exports write them) is a day, and a model already says in
 *   which zone its days are: its windows count calendar days there. So a run reads a date alone as
 *   the start of that day in the model's zone (datesIn), or in the --zone when one is given. That
 *   is no guess: the event lands on the very day the model counts it in. A local date-time still
 *   needs --zone: its hour would move across a day boundary in another zone. The run counts the
 *   dates it read so that its summary can say how they were read; a rule without a model (the
 *   command line's --as-of) still refuses a date alone.
 * - Epoch numbers, as JSON numbers or as text, possibly with a decimal fraction, told apart by
 *   magnitude: |n| < 10^11 is seconds (10^11 seconds is the year 5138, while 10^11 milliseconds
 *   is only 1973-03-03), |n| < 10^14 is milliseconds, larger is rejected (micro- and nanoseconds
 *   are not guessed at). Fractions below a nanosecond are rounded half-even.
 */
/**
 * Parses timestamps: ISO-8601 with a UTC offset, or epoch seconds or milliseconds; local times only
 * in a zone the user states; dates alone in the model's zone once a run names it ({@link
 * #datesIn}). Immutable but for the count of dates read, which is thread-safe.
 */
public final class Timestamps {
  private static final Timestamps STRICT = new Timestamps(null, null, new AtomicLong());

  private final ZoneId localZone;
  // Where a date alone is read when no --zone is given: the model's zone; null to refuse dates.
  private final ZoneId modelZone;
  private final AtomicLong datesOnly;

  private Timestamps(ZoneId localZone, ZoneId modelZone, AtomicLong datesOnly) {
    this.localZone = localZone;
    this.modelZone = modelZone;
    this.datesOnly = datesOnly;
  }

  /** The default rule: a time without a UTC offset is rejected. */
  public static Timestamps strict() {
    return STRICT;
  }

  /** The rule with local date-times, and dates alone, read in {@code zone}. */
  public static Timestamps assumingZone(ZoneId zone) {
    return new Timestamps(requireNonNull(zone, "zone"), null, new AtomicLong());
  }

  /**
   * This rule for the inputs of a model whose days are in {@code modelZone}: a date alone is the
   * start of that day in the zone this rule assumes ({@link #assumingZone}), else in {@code
   * modelZone}. The returned rule counts the dates it reads ({@link #datesNote}), from zero;
   * reading is thread-safe.
   */
  public Timestamps datesIn(ZoneId modelZone) {
    return new Timestamps(localZone, requireNonNull(modelZone, "modelZone"), new AtomicLong());
  }

  /**
   * What a run's summary says about the dates alone this rule read, e.g. "2 timestamps were dates
   * only: read as midnight in UTC, the model's zone"; empty when it read none.
   */
  public Optional<String> datesNote() {
    long n = datesOnly.get();
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(
        n
            + (n == 1 ? " timestamp was a date" : " timestamps were dates")
            + " only: read as midnight in "
            + (localZone != null
                ? shown(localZone) + " (--zone)"
                : shown(modelZone) + ", the model's zone"));
  }

  private static String shown(ZoneId zone) {
    return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  private static final BigDecimal SECONDS_LIMIT = BigDecimal.TEN.pow(11);
  private static final BigDecimal MILLIS_LIMIT = BigDecimal.TEN.pow(14);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private static final DateTimeFormatter WITH_OFFSET =
      new DateTimeFormatterBuilder()
          .append(LOCAL)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  /**
   * Parses a timestamp written as text, by the strict rule.
   *
   * @throws IllegalArgumentException with a reason a user can act on, if {@code text} is not a
   *     timestamp under the rule above
   */
  public static Instant parse(String text) {
    return STRICT.read(text);
  }

  /**
   * Reads a timestamp written as text.
   *
   * @throws IllegalArgumentException with a reason a user can act on, if {@code text} is not a
   *     timestamp under this rule
   */
  public Instant read(String text) {
    requireNonNull(text, "text");
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty timestamp");
    }
    Instant utc = utc(t);
    if (utc != null) {
      return utc;
    }
    return formatted(t);
  }

  /**
   * The instant of {@code t} when it has the form exports write most, {@code
   * yyyy-MM-ddTHH:mm:ss[.f…]Z} (a four-digit year, 'T' or a space, one to nine digits of fraction),
   * and every field is in range; else null, and the formatter decides (and words any error). The
   * same instant as the formatter's for every text it takes, read without it: the formatter copies
   * its parsed fields into maps, several times per timestamp, which made reading the time most of
   * the cost of reading an event.
   */
  static Instant utc(String t) {
    int n = t.length();
    if (n < 20
        || n > 30
        || n == 21
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || (n > 20 && t.charAt(19) != '.')) {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = digits(t, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The number the ASCII digits of {@code t} from {@code from} to {@code to} spell, or -1. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** {@link #read} of a stripped, non-empty text, by the formatter (and the epoch rule). */
  Instant formatted(String t) {
    if (DECIMAL.matcher(t).matches()) {
      return fromEpoch(new BigDecimal(t));
    }
    if (t.length() == 10) {
      // A date alone: decided here, as a failed parse with its exception costs more than a read.
      return date(t);
    }
    TemporalAccessor parsed;
    try {
      parsed = WITH_OFFSET.parse(t);
    } catch (DateTimeException e) {
      throw notATimestamp(t);
    }
    if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      if (localZone != null) {
        return LocalDateTime.from(parsed).atZone(localZone).toInstant();
      }
      throw new IllegalArgumentException(
          "timestamp has no UTC offset: '"
              + t
              + "' (add Z or an offset such as +01:00, or give the zone such times are in; a local"
              + " time is never guessed)");
    }
    return Instant.from(parsed);
  }

  private Instant date(String t) {
    LocalDate date;
    try {
      date = LocalDate.parse(t, DATE);
    } catch (DateTimeException e) {
      throw notATimestamp(t);
    }
    ZoneId zone = localZone != null ? localZone : modelZone;
    if (zone == null) {
      throw new IllegalArgumentException(
          "timestamp is a date without a time or UTC offset: '"
              + t
              + "' (give the zone such dates are in; a local date is never guessed)");
    }
    datesOnly.incrementAndGet();
    return date.atStartOfDay(zone).toInstant();
  }

  private static IllegalArgumentException notATimestamp(String t) {
    return new IllegalArgumentException(
        "not a timestamp: '"
            + t
            + "' (expected ISO-8601 with an offset such as 2026-11-20T12:00:00Z, or epoch"
            + " seconds or milliseconds)");
  }

  /**
   * Reads an epoch number: seconds when its magnitude is below 10^11, milliseconds when below
   * 10^14.
   *
   * @throws IllegalArgumentException if the magnitude is 10^14 or more
   */
  public static Instant fromEpoch(BigDecimal epoch) {
    requireNonNull(epoch, "epoch");
    BigDecimal abs = epoch.abs();
    if (abs.compareTo(MILLIS_LIMIT) >= 0) {
      throw new IllegalArgumentException(
          "epoch number too large: "
              + (abs.precision() - abs.scale() > 40 ? epoch.toString() : epoch.toPlainString())
              + " (seconds must be below 10^11 and milliseconds below 10^14; microseconds and"
              + " nanoseconds are not supported)");
    }
    // Digits beyond nanoseconds do not matter; dropping them first keeps 1e-999999 cheap.
    if (epoch.scale() > 12) {
      epoch =
          epoch.scale() - epoch.precision() > 12
              ? BigDecimal.ZERO
              : epoch.setScale(12, RoundingMode.HALF_EVEN);
    }
    BigDecimal seconds;
    if (abs.compareTo(SECONDS_LIMIT) < 0) {
      seconds = epoch;
    } else {
      seconds = epoch.divide(THOUSAND);
    }
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    int nanos =
        seconds
            .subtract(whole)
            .movePointRight(9)
            .setScale(0, RoundingMode.HALF_EVEN)
            .intValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}
