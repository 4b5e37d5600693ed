package dev.pls.core.internal.fast;

import dev.pls.core.internal.Arithmetic;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/**
 * Computes a plan's aggregate slots as of one instant from events fed one at a time (each with the
 * filters it matched and the properties the plan reads), optionally on top of kept state.
 */
final class Aggregation {
  private final Plan plan;
  private final Instant asOf;
  private final long asOfDay;
  private final ZoneRules rules;
  private final Instant[] starts;
  private final Acc[] accs;

  /**
   * What depends only on the plan and the as-of instant: T's epoch day and each slot's window
   * start. Computing it once per scoring pass instead of once per entity saves the calendar
   * arithmetic of every window for every entity.
   */
  record Times(Instant asOf, long asOfDay, Instant[] starts) {
    static Times of(Plan plan, Instant asOf) {
      TimeFrame frame = new TimeFrame(plan.model.resolution(), plan.model.zone(), asOf);
      List<Plan.AggSlot> slots = plan.aggregates;
      Instant[] starts = new Instant[slots.size()];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = slots.get(i).window().map(frame::windowStart).orElse(null);
      }
      return new Times(asOf, frame.asOfDay().toEpochDay(), starts);
    }
  }

  Aggregation(Plan plan, Instant asOf) {
    this(plan, Times.of(plan, asOf));
  }

  Aggregation(Plan plan, Times times) {
    this.plan = plan;
    this.asOf = times.asOf();
    this.rules = plan.model.zone().getRules();
    this.asOfDay = times.asOfDay();
    this.starts = times.starts();
    accs = new Acc[starts.length];
    for (int i = 0; i < accs.length; i++) {
      accs[i] = new Acc();
    }
  }

  /** Starts aggregate {@code i} from a copy of kept state instead of from nothing. */
  void seed(int i, Acc kept) {
    accs[i] = kept.copy();
  }

  /** Folds one event at {@code t <= asOf}. */
  void add(Instant t, boolean[] matched, Value[] properties) {
    long day = Long.MIN_VALUE;
    List<Plan.AggSlot> slots = plan.aggregates;
    for (int i = 0; i < accs.length; i++) {
      if (starts[i] != null && t.isBefore(starts[i])) {
        continue;
      }
      Plan.AggSlot s = slots.get(i);
      int[] filters = s.filters();
      if (filters.length == 2) {
        accs[i].foldBetween(matched[filters[0]], matched[filters[1]], t);
        continue;
      }
      if (!matched[filters[0]]) {
        continue;
      }
      if (day == Long.MIN_VALUE) {
        day = epochDay(t, rules);
      }
      accs[i].fold(s.aggregate(), s.property() < 0 ? null : properties[s.property()], t, day);
    }
  }

  /** Folds one event into kept all-history state {@code acc} of slot {@code s}. */
  static void foldKept(
      Plan.AggSlot s, Acc acc, Instant t, boolean[] matched, Value[] properties, ZoneRules rules) {
    int[] filters = s.filters();
    if (filters.length == 2) {
      acc.foldBetween(matched[filters[0]], matched[filters[1]], t);
    } else if (matched[filters[0]]) {
      Value property = s.property() < 0 ? null : properties[s.property()];
      acc.fold(s.aggregate(), property, t, epochDay(t, rules));
    }
  }

  /** The epoch day of {@code t}'s local date: what {@code LocalDate.toEpochDay} would give. */
  static long epochDay(Instant t, ZoneRules rules) {
    return Math.floorDiv(t.getEpochSecond() + rules.getOffset(t).getTotalSeconds(), 86_400L);
  }

  /** Writes every aggregate slot's value into {@code f}. */
  void finish(SlotValues f) {
    List<Plan.AggSlot> slots = plan.aggregates;
    for (int i = 0; i < accs.length; i++) {
      finish(slots.get(i), accs[i], f);
    }
  }

  private void finish(Plan.AggSlot s, Acc acc, SlotValues f) {
    Aggregate agg = s.aggregate();
    int slot = s.slot();
    if (agg instanceof Aggregate.Count) {
      f.setLong(slot, acc.count);
    } else if (agg instanceof Aggregate.Distinct) {
      f.setLong(slot, acc.distinct == null ? 0 : acc.distinct.size());
    } else if (agg instanceof Aggregate.Sum) {
      // Folded exactly in any order, rounded once: the reference's sum.
      BigDecimal sum = acc.number == null ? BigDecimal.ZERO : Arithmetic.round(acc.number);
      f.setValue(slot, sum == null ? null : new Value.Num(sum));
    } else if (agg instanceof Aggregate.Min || agg instanceof Aggregate.Max) {
      f.setValue(slot, acc.number == null ? null : Value.num(acc.number));
    } else if (agg instanceof Aggregate.ActiveDays) {
      f.setLong(slot, distinctCount(acc.days, acc.size));
    } else if (agg instanceof Aggregate.DaysSince) {
      if (acc.second == null) {
        f.setMissing(slot);
      } else {
        f.setLong(slot, asOfDay - epochDay(acc.second, rules));
      }
    } else if (agg instanceof Aggregate.FirstSeen) {
      f.setValue(slot, acc.first == null ? null : new Value.Time(acc.first));
    } else if (agg instanceof Aggregate.LastSeen) {
      f.setValue(slot, acc.second == null ? null : new Value.Time(acc.second));
    } else if (agg instanceof Aggregate.MinutesBetween) {
      f.setValue(slot, minutesBetween(acc.first, acc.second));
    } else if (agg instanceof Aggregate.GrowthWeeks) {
      f.setLong(slot, growth(acc));
    } else if (agg instanceof Aggregate.Trend t) {
      f.setValue(slot, trend(acc, t.weeks()));
    } else {
      throw new AssertionError("unknown aggregate: " + agg);
    }
  }

  private static long distinctCount(long[] values, int size) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    long n = 1;
    for (int i = 1; i < size; i++) {
      if (sorted[i] != sorted[i - 1]) {
        n++;
      }
    }
    return n;
  }

  /** Minutes from {@code from} to {@code to}, as the reference divides them; null if either is. */
  static Value minutesBetween(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    Duration d = Duration.between(from, to);
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    return new Value.Num(Arithmetic.divide(seconds, BigDecimal.valueOf(60)));
  }

  /** Weeks ago of a matching event's day; days are at most T's day here. */
  private long week(long day) {
    return (asOfDay - day) / 7;
  }

  /** A streak of s needs s+1 strictly falling weekly counts, so weeks 0..count+1 suffice. */
  private long growth(Acc acc) {
    int horizon = (int) Math.min(acc.count + 2, Integer.MAX_VALUE - 8);
    int[] weekly = new int[horizon];
    for (int i = 0; i < acc.size; i++) {
      long w = week(acc.days[i]);
      if (w < horizon) {
        weekly[(int) w]++;
      }
    }
    int streak = 0;
    while (streak + 1 < horizon && weekly[streak] > weekly[streak + 1]) {
      streak++;
    }
    return streak;
  }

  private Value trend(Acc acc, int weeks) {
    long[] weekly = new long[weeks];
    for (int i = 0; i < acc.size; i++) {
      long w = week(acc.days[i]);
      if (w < weeks) {
        weekly[(int) w]++;
      }
    }
    return trend(weekly);
  }

  /** The least-squares slope of weekly counts, {@code weekly[0]} being the newest week. */
  static Value trend(long[] weekly) {
    BigDecimal numerator = BigDecimal.valueOf(trendNumerator(weekly));
    BigDecimal denominator = BigDecimal.valueOf(trendDenominator(weekly.length));
    return new Value.Num(Arithmetic.divide(numerator, denominator));
  }

  /** The slope's numerator, n * sum(xy) - sum(x) * sum(y), x = 0 for the oldest week. */
  static long trendNumerator(long[] weekly) {
    long n = weekly.length;
    long sx = 0;
    long sy = 0;
    long sxy = 0;
    for (int x = 0; x < n; x++) {
      long y = weekly[(int) (n - 1 - x)];
      sx += x;
      sy += y;
      sxy += x * y;
    }
    return n * sxy - sx * sy;
  }

  /** The slope's denominator, n * sum(xx) - sum(x)^2: positive for two weeks or more. */
  static long trendDenominator(int weeks) {
    long n = weeks;
    long sx = n * (n - 1) / 2;
    long sxx = (n - 1) * n * (2 * n - 1) / 6;
    return n * sxx - sx * sx;
  }
}
