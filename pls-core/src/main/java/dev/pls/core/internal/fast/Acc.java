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

  /**
   * Folds {@code other}, the state of another entity's events for the same aggregate {@code agg},
   * into this one, as if this state had folded those events too (two ids found to be one person).
   */
  void merge(Aggregate agg, Acc other) {
    count += other.count;
    if (other.distinct != null) {
      if (distinct == null) {
        distinct = new HashSet<>();
      }
      distinct.addAll(other.distinct);
    }
    if (other.number != null) {
      if (number == null) {
        number = other.number;
      } else if (agg instanceof Aggregate.Sum) {
        number = number.add(other.number);
      } else if (agg instanceof Aggregate.Min) {
        number = number.min(other.number);
      } else if (agg instanceof Aggregate.Max) {
        number = number.max(other.number);
      }
    }
    for (int i = 0; i < other.size; i++) {
      addDay(other.days[i]);
    }
    // first is always an earliest instant; second the latest for days_since and last_seen, and
    // for minutes_between the earliest of its second filter.
    if (other.first != null && (first == null || other.first.isBefore(first))) {
      first = other.first;
    }
    if (other.second != null) {
      boolean earliest = agg instanceof Aggregate.MinutesBetween;
      if (second == null
          || (earliest ? other.second.isBefore(second) : other.second.isAfter(second))) {
        second = other.second;
      }
    }
  }

  /** Writes this state for a snapshot (see StoreSnapshot). */
  void write(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeLong(count);
    out.writeInt(distinct == null ? -1 : distinct.size());
    if (distinct != null) {
      for (Value v : distinct) {
        SnapshotData.value(out, v);
      }
    }
    out.writeBoolean(number != null);
    if (number != null) {
      SnapshotData.decimal(out, number);
    }
    SnapshotData.instantOrNull(out, first);
    SnapshotData.instantOrNull(out, second);
    out.writeInt(size);
    SnapshotData.longs(out, days, size);
  }

  /** The state {@link #write} wrote, its values passed through {@code intern}. */
  static Acc read(java.io.DataInputStream in, java.util.function.UnaryOperator<Value> intern)
      throws java.io.IOException {
    Acc a = new Acc();
    a.count = in.readLong();
    int distinct = SnapshotData.countOrNull(in);
    if (distinct >= 0) {
      a.distinct = new HashSet<>();
      for (int i = 0; i < distinct; i++) {
        a.distinct.add(intern.apply(SnapshotData.value(in)));
      }
    }
    a.number = in.readBoolean() ? SnapshotData.decimal(in) : null;
    a.first = SnapshotData.instantOrNull(in);
    a.second = SnapshotData.instantOrNull(in);
    a.size = SnapshotData.count(in);
    a.days = a.size == 0 ? EMPTY : SnapshotData.longs(in, a.size);
    return a;
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
