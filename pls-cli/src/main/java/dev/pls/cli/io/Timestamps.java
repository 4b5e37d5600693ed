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
 *   in an overlap takes the earlier offset, as java.time does). Real exports often carry local
 *   dates only; stating their zone is the user's decision, never the tool's.
 * - Epoch numbers, as JSON numbers or as text, possibly with a decimal fraction, told apart by
 *   magnitude: |n| < 10^11 is seconds (10^11 seconds is the year 5138, while 10^11 milliseconds
 *   is only 1973-03-03), |n| < 10^14 is milliseconds, larger is rejected (micro- and nanoseconds
 *   are not guessed at). Fractions below a nanosecond are rounded half-even.
 */
/**
 * Parses timestamps: ISO-8601 with a UTC offset, or epoch seconds or milliseconds; local times only
 * in a zone the user states. Immutable.
 */
public final class Timestamps {
  private static final Timestamps STRICT = new Timestamps(null);

  private final ZoneId localZone;

  private Timestamps(ZoneId localZone) {
    this.localZone = localZone;
  }

  /** The default rule: a time without a UTC offset is rejected. */
  public static Timestamps strict() {
    return STRICT;
  }

  /** The rule with local date-times, and dates alone, read in {@code zone}. */
  public static Timestamps assumingZone(ZoneId zone) {
    return new Timestamps(requireNonNull(zone, "zone"));
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
    if (localZone == null) {
      throw new IllegalArgumentException(
          "timestamp is a date without a time or UTC offset: '"
              + t
              + "' (give the zone such dates are in; a local date is never guessed)");
    }
    return date.atStartOfDay(localZone).toInstant();
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
