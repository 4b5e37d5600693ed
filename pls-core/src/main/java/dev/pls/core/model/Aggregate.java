package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.List;

/**
 * What a signal computes from the events of one entity: a count, a distinct count, a sum, active
 * days, time since, growth... Every kind in this closed family is defined exactly in {@code
 * docs/semantics.md}; the reference evaluator is their executable definition.
 *
 * <p>Windowed aggregates read only events in their window (see {@link Window}); without a window
 * they read all history up to the as-of instant. {@link GrowthWeeks} and {@link Trend} have their
 * own horizon in weeks and take no window.
 */
public sealed interface Aggregate
    permits Aggregate.Count,
        Aggregate.Distinct,
        Aggregate.Sum,
        Aggregate.Min,
        Aggregate.Max,
        Aggregate.ActiveDays,
        Aggregate.DaysSince,
        Aggregate.FirstSeen,
        Aggregate.LastSeen,
        Aggregate.MinutesBetween,
        Aggregate.GrowthWeeks,
        Aggregate.Trend {

  /** The type of the aggregate's value. */
  default ValueType type() {
    return this instanceof FirstSeen || this instanceof LastSeen
        ? ValueType.TIME
        : ValueType.NUMBER;
  }

  /** Whether the aggregate accepts a window ({@code false} for growth and trend). */
  default boolean windowed() {
    return !(this instanceof GrowthWeeks || this instanceof Trend);
  }

  /** The event filters the aggregate reads, in order. */
  List<EventFilter> filters();

  /** The property the aggregate reads from matching events, if any. */
  default java.util.Optional<String> property() {
    return java.util.Optional.empty();
  }

  /** Number of matching events. Zero when there are none. */
  record Count(EventFilter filter) implements Aggregate {
    public Count {
      requireNonNull(filter, "filter");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "count(" + filter + ")";
    }
  }

  /** Number of distinct values of a property among matching events that have it. */
  record Distinct(EventFilter filter, String prop) implements Aggregate {
    public Distinct {
      requireNonNull(filter, "filter");
      Names.check(prop, "prop");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public java.util.Optional<String> property() {
      return java.util.Optional.of(prop);
    }

    @Override
    public String toString() {
      return "distinct(" + filter.toString(prop) + ")";
    }
  }

  /** Exact sum of a numeric property over matching events; zero when there are none. */
  record Sum(EventFilter filter, String prop) implements Aggregate {
    public Sum {
      requireNonNull(filter, "filter");
      Names.check(prop, "prop");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public java.util.Optional<String> property() {
      return java.util.Optional.of(prop);
    }

    @Override
    public String toString() {
      return "sum(" + filter.toString(prop) + ")";
    }
  }

  /** Smallest value of a numeric property over matching events; missing when there are none. */
  record Min(EventFilter filter, String prop) implements Aggregate {
    public Min {
      requireNonNull(filter, "filter");
      Names.check(prop, "prop");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public java.util.Optional<String> property() {
      return java.util.Optional.of(prop);
    }

    @Override
    public String toString() {
      return "min(" + filter.toString(prop) + ")";
    }
  }

  /** Largest value of a numeric property over matching events; missing when there are none. */
  record Max(EventFilter filter, String prop) implements Aggregate {
    public Max {
      requireNonNull(filter, "filter");
      Names.check(prop, "prop");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public java.util.Optional<String> property() {
      return java.util.Optional.of(prop);
    }

    @Override
    public String toString() {
      return "max(" + filter.toString(prop) + ")";
    }
  }

  /** Number of distinct calendar days (model time zone) with a matching event. */
  record ActiveDays(EventFilter filter) implements Aggregate {
    public ActiveDays {
      requireNonNull(filter, "filter");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "active_days(" + filter + ")";
    }
  }

  /**
   * Whole calendar days between the day of the last matching event and the as-of day (0 = the same
   * day); missing when there is none.
   */
  record DaysSince(EventFilter filter) implements Aggregate {
    public DaysSince {
      requireNonNull(filter, "filter");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "days_since(" + filter + ")";
    }
  }

  /** The instant of the first matching event; missing when there is none. */
  record FirstSeen(EventFilter filter) implements Aggregate {
    public FirstSeen {
      requireNonNull(filter, "filter");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "first_seen(" + filter + ")";
    }
  }

  /** The instant of the last matching event; missing when there is none. */
  record LastSeen(EventFilter filter) implements Aggregate {
    public LastSeen {
      requireNonNull(filter, "filter");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "last_seen(" + filter + ")";
    }
  }

  /**
   * Minutes, as an exact decimal, from the first {@code from} event to the first {@code to} event;
   * negative when {@code to} came first; missing unless both occurred.
   */
  record MinutesBetween(EventFilter from, EventFilter to) implements Aggregate {
    public MinutesBetween {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(from, to);
    }

    @Override
    public String toString() {
      return "minutes_between(" + from + ", " + to + ")";
    }
  }

  /**
   * How many weeks in a row, going back from week 0 (the as-of day and the six days before it),
   * each had strictly more matching events than the week before it.
   */
  record GrowthWeeks(EventFilter filter) implements Aggregate {
    public GrowthWeeks {
      requireNonNull(filter, "filter");
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "growth_weeks(" + filter + ")";
    }
  }

  /** Least-squares slope of the weekly counts of the last {@code weeks} weeks, oldest first. */
  record Trend(EventFilter filter, int weeks) implements Aggregate {
    /** The longest trend horizon, in weeks. */
    public static final int MAX_WEEKS = 104;

    public Trend {
      requireNonNull(filter, "filter");
      if (weeks < 2 || weeks > MAX_WEEKS) {
        throw new IllegalArgumentException(
            "weeks: a trend needs 2 to " + MAX_WEEKS + " weeks, was " + weeks);
      }
    }

    @Override
    public List<EventFilter> filters() {
      return List.of(filter);
    }

    @Override
    public String toString() {
      return "trend(" + filter + ", " + weeks + "w)";
    }
  }

  /** {@code count(event)}. */
  static Count count(String event) {
    return new Count(EventFilter.of(event));
  }

  /** {@code count(filter)}. */
  static Count count(EventFilter filter) {
    return new Count(filter);
  }

  /** {@code distinct(filter.property)}. */
  static Distinct distinct(EventFilter filter, String property) {
    return new Distinct(filter, property);
  }

  /** {@code sum(filter.property)}. */
  static Sum sum(EventFilter filter, String property) {
    return new Sum(filter, property);
  }

  /** {@code min(filter.property)}. */
  static Min min(EventFilter filter, String property) {
    return new Min(filter, property);
  }

  /** {@code max(filter.property)}. */
  static Max max(EventFilter filter, String property) {
    return new Max(filter, property);
  }

  /** {@code active_days(filter)}. */
  static ActiveDays activeDays(EventFilter filter) {
    return new ActiveDays(filter);
  }

  /** {@code days_since(filter)}. */
  static DaysSince daysSince(EventFilter filter) {
    return new DaysSince(filter);
  }

  /** {@code first_seen(filter)}. */
  static FirstSeen firstSeen(EventFilter filter) {
    return new FirstSeen(filter);
  }

  /** {@code last_seen(filter)}. */
  static LastSeen lastSeen(EventFilter filter) {
    return new LastSeen(filter);
  }

  /** {@code minutes_between(from, to)}. */
  static MinutesBetween minutesBetween(EventFilter from, EventFilter to) {
    return new MinutesBetween(from, to);
  }

  /** {@code growth_weeks(filter)}. */
  static GrowthWeeks growthWeeks(EventFilter filter) {
    return new GrowthWeeks(filter);
  }

  /** {@code trend(filter, Nw)}. */
  static Trend trend(EventFilter filter, int weeks) {
    return new Trend(filter, weeks);
  }
}
