package dev.pls.core.internal.fast;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The state of one aggregate over some events, independent of the as-of instant: counts, distinct
 * values, a running number, first and last instants, and the epoch days of matching events (for
 * active days, growth and trend). Folding is order-independent, so the state of old events can be
 * kept and later events folded on top of a copy of it.
 */
final class Acc {
  long count;
  Set<Value> distinct;
  BigDecimal number;
  Instant first;
  Instant second;
  long[] days = EMPTY;
  int size;

  private static final long[] EMPTY = new long[0];

  Acc copy() {
    Acc c = new Acc();
    c.count = count;
    c.distinct = distinct == null ? null : new HashSet<>(distinct);
    c.number = number;
    c.first = first;
    c.second = second;
    c.days = size == 0 ? EMPTY : Arrays.copyOf(days, size);
    c.size = size;
    return c;
  }

  void addDay(long day) {
    if (size == days.length) {
      days = Arrays.copyOf(days, Math.max(4, size * 2));
    }
    days[size++] = day;
  }

  /**
   * Folds one event that matched the aggregate's (first) filter. {@code property} is the value of
   * the aggregate's property on the event, or null; {@code day} its epoch day in the model zone.
   */
  void fold(Aggregate agg, Value property, Instant t, long day) {
    if (agg instanceof Aggregate.Count) {
      count++;
    } else if (agg instanceof Aggregate.Distinct) {
      if (property != null) {
        if (distinct == null) {
          distinct = new HashSet<>();
        }
        distinct.add(property);
      }
    } else if (agg instanceof Aggregate.Sum) {
      if (property instanceof Value.Num n) {
        number = number == null ? n.value() : number.add(n.value());
      }
    } else if (agg instanceof Aggregate.Min) {
      if (property instanceof Value.Num n && (number == null || n.value().compareTo(number) < 0)) {
        number = n.value();
      }
    } else if (agg instanceof Aggregate.Max) {
      if (property instanceof Value.Num n && (number == null || n.value().compareTo(number) > 0)) {
        number = n.value();
      }
    } else if (agg instanceof Aggregate.ActiveDays
        || agg instanceof Aggregate.GrowthWeeks
        || agg instanceof Aggregate.Trend) {
      count++;
      addDay(day);
    } else if (agg instanceof Aggregate.DaysSince || agg instanceof Aggregate.LastSeen) {
      if (second == null || t.isAfter(second)) {
        second = t;
      }
    } else if (agg instanceof Aggregate.FirstSeen) {
      if (first == null || t.isBefore(first)) {
        first = t;
      }
    } else {
      throw new AssertionError("not folded by one filter: " + agg);
    }
  }

  /** Folds an event for {@code minutes_between}: which of its two filters it matched. */
  void foldBetween(boolean from, boolean to, Instant t) {
    if (from && (first == null || t.isBefore(first))) {
      first = t;
    }
    if (to && (second == null || t.isBefore(second))) {
      second = t;
    }
  }
}
