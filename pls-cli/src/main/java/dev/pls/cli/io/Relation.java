package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A relation between users that makes events: {@code invite_sent=invited_by_user_id@creation_time}
 * makes, for every user trait record with a value in {@code invited_by_user_id}, an event {@code
 * invite_sent} of the user that value names, at the time in the record's {@code creation_time}. It
 * counts what it made, and the records it could not make an event of. Not thread-safe.
 */
public final class Relation {
  private final String event;
  private final String column;
  private final String timeColumn;
  private long events;
  private long withoutTime;
  private long badId;

  private Relation(String event, String column, String timeColumn) {
    this.event = event;
    this.column = column;
    this.timeColumn = timeColumn;
  }

  /**
   * Parses {@code EVENT=COLUMN@TIME_COLUMN}.
   *
   * @throws IllegalArgumentException with a reason a user can act on, if the spec is malformed
   */
  public static Relation parse(String spec) {
    requireNonNull(spec, "spec");
    int eq = spec.indexOf('=');
    int at = spec.lastIndexOf('@');
    if (eq <= 0 || at < eq + 2 || at == spec.length() - 1) {
      throw new IllegalArgumentException(
          "expected EVENT=COLUMN@TIME_COLUMN (e.g. invite_sent=invited_by_user_id@creation_time),"
              + " was '"
              + spec
              + "'");
    }
    String event = spec.substring(0, eq);
    String column = spec.substring(eq + 1, at);
    String time = spec.substring(at + 1);
    try {
      Fields.checkName(event, "event name");
      Fields.checkName(column, "column");
      Fields.checkName(time, "time column");
      new Event("u", Optional.empty(), event, Instant.EPOCH, Map.of());
    } catch (BadRecord e) {
      throw new IllegalArgumentException(e.detail() + " in '" + spec + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an event name: '" + event + "' (" + e.getMessage() + ")");
    }
    return new Relation(event, column, time);
  }

  /** A new relation of the same spec, its counts at zero. */
  public Relation fresh() {
    return new Relation(event, column, timeColumn);
  }

  /** The name of the events it makes. */
  public String event() {
    return event;
  }

  /**
   * The event a user's trait record makes, if it names a user in the column and has a time; counted
   * either way.
   */
  Optional<Event> apply(Map<String, Value> traits, Timestamps timestamps) {
    Value target = traits.get(column);
    if (target == null) {
      return Optional.empty();
    }
    String user = text(target);
    try {
      Fields.checkName(user, "user");
    } catch (BadRecord e) {
      badId++;
      return Optional.empty();
    }
    Optional<Instant> time = time(traits.get(timeColumn), timestamps);
    if (time.isEmpty()) {
      withoutTime++;
      return Optional.empty();
    }
    events++;
    return Optional.of(new Event(user, Optional.empty(), event, time.get(), Map.of()));
  }

  /** A value as an id: numbers in plain notation ({@code 10803}, not {@code 10803.0}). */
  static String text(Value v) {
    if (v instanceof Value.Str s) {
      return s.value();
    }
    if (v instanceof Value.Num n) {
      BigDecimal d = n.value().stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
    if (v instanceof Value.Bool b) {
      return Boolean.toString(b.value());
    }
    if (v instanceof Value.Time t) {
      return t.value().toString();
    }
    return String.valueOf(v);
  }

  private static Optional<Instant> time(Value v, Timestamps timestamps) {
    try {
      if (v instanceof Value.Time t) {
        return Optional.of(t.value());
      }
      if (v instanceof Value.Num n) {
        return Optional.of(Timestamps.fromEpoch(n.value()));
      }
      if (v instanceof Value.Str s) {
        return Optional.of(timestamps.read(s.value()));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Events made. */
  public long events() {
    return events;
  }

  /** Records naming a user but without a time, or with one that is not a timestamp. */
  public long withoutTime() {
    return withoutTime;
  }

  /** The summary line: {@code relation invite_sent: 6,417 events from --traits; ...}. */
  public String note() {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT, "relation %s: %,d %s from --traits", event, events, plural(events)));
    if (withoutTime > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "; %,d %s without a time",
              withoutTime,
              withoutTime == 1 ? "record" : "records"));
    }
    if (badId > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "; %,d %s whose %s is not an id",
              badId,
              badId == 1 ? "record" : "records",
              column));
    }
    return s.toString();
  }

  private static String plural(long n) {
    return n == 1 ? "event" : "events";
  }

  /**
   * {@code sink} for reading trait files: every user trait record goes to it and to each relation,
   * whose events go to {@code events}.
   */
  static InputSink applying(
      java.util.List<Relation> relations,
      Timestamps timestamps,
      InputSink sink,
      java.util.function.Consumer<Event> events) {
    if (relations.isEmpty()) {
      return sink;
    }
    return new InputSink() {
      @Override
      public void event(Event event) {
        sink.event(event);
      }

      @Override
      public void traits(dev.pls.core.model.EntityKind kind, String id, Map<String, Value> traits) {
        sink.traits(kind, id, traits);
        if (kind == dev.pls.core.model.EntityKind.USER) {
          for (Relation r : relations) {
            r.apply(traits, timestamps).ifPresent(events);
          }
        }
      }

      @Override
      public void member(String user, String account, Instant time) {
        sink.member(user, account, time);
      }
    };
  }
}
