package dev.pls.core.internal.fast;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/*
 * Per-entity state as per-day buckets, for plans whose every aggregate a day bucket can serve
 * exactly (see servingExactly()). Three parts, all primitive arrays:
 *
 * - Cells: one long per (local day, set of matched filters) with the number of events:
 *   day (32 bits, signed epoch day) | filter mask (20 bits) | count (12 bits), sorted by day then
 *   mask. Events of the same kind on the same day share a cell, so a windowed count is a sum over
 *   the cells of at most N days, active days are the distinct days of cells, and weekly counts
 *   (growth, trend) are sums by week. A cell whose count is full is followed by another with the
 *   same key. Only filters read by count, active_days, growth_weeks or trend are in a cell's
 *   mask ("cell filters").
 * - Extremes: per filter read by days_since (the latest day), last_seen (the latest instant),
 *   first_seen or minutes_between (the earliest instant), one or two longs, then the folded
 *   all-history counts, at the front of the cells' array (one object, one cache miss). These are exact
 *   whatever the as-of instant, because scoring is only allowed at or after the newest event:
 *   every event kept is at or before T. A windowed days_since or last_seen reads the latest
 *   one and is missing when it falls before the window. first_seen and minutes_between with a
 *   window would need the earliest event inside the window; servingExactly() refuses those.
 * - Distinct values: per (filter, property) a distinct aggregate reads ("key"), value code -> the
 *   latest day it was seen (code in the high 32 bits, day in the low 32), so a windowed distinct
 *   count is the number of entries whose day is in the window. One array per entity: the number
 *   of entries of each key, then each key's entries in key order.
 *
 * Windows in a day-resolution model are whole local days ending with T's day, so "t is at or
 * after the window's first instant" is "t's local date is at or after the window's first day"
 * as long as local dates never go backwards in the model's zone; servingExactly() checks that from the zone's
 * transitions (a zone that falls back across midnight keeps the row store).
 *
 * Days older than the retained span are dropped from cells when the cell array is full, their
 * counts folded into one long per all-history count; cells of filters read by an all-history
 * active_days or by growth_weeks are kept for ever (their days are the state), as are distinct
 * values of an all-history distinct. An event older than the span is folded the same way at
 * once.
 */
/** The day-bucket layout of a plan's aggregates, and the operations on one entity's state. */
final class Buckets {
  static final int COUNT = 0;
  static final int ACTIVE_DAYS = 1;
  static final int TREND = 2;
  static final int GROWTH = 3;
  static final int DISTINCT = 4;
  static final int DAYS_SINCE = 5;
  static final int LAST_SEEN = 6;
  static final int FIRST_SEEN = 7;
  static final int MINUTES_BETWEEN = 8;

  /** At most this many filters: a cell's mask has 20 bits. */
  static final int MAX_FILTERS = 20;

  private static final int COUNT_BITS = 12;
  private static final long FULL = (1L << COUNT_BITS) - 1;
  private static final long MASK_BITS = 0xFFFFFL;
  private static final long ABSENT_MAX = Long.MIN_VALUE;
  private static final long ABSENT_MIN = Long.MAX_VALUE;

  /** One entity's bucket state. Guarded by its own monitor. */
  static final class BucketState extends EntityState {
    /**
     * The extremes and folded all-history counts (the layout's first extLongs longs), then {@code
     * n} cells; null until the first matched event. One array, so that scoring an entity misses the
     * cache once for both.
     */
    long[] cells;

    int n;

    /**
     * Per distinct key its number of entries, then the entries of every key, key by key (one array
     * for all keys: one object, one header); null until the first value is seen.
     */
    long[] seen;
  }

  private final Plan plan;
  private final ZoneRules rules;

  // Per aggregate slot of the plan (same order as plan.aggregates).
  private final int[] kind;
  private final int[] planSlot;
  private final int[] days; // window length in days; 0 for all history
  private final int[] filter;
  private final int[] trendWeeks; // trend: its number of weeks
  private final int[] distinctKey; // distinct: its (filter, property) key
  private final int[] extAt; // days_since, *_seen, minutes_between, all-history count: its long
  private final int[] toExtAt; // minutes_between: where its second filter's earliest instant is

  private final long cellMask;
  private final long keepMask;
  private final int[][] cellSlots; // per filter: count, active-days, trend, growth slots reading it
  private final int[] growthSlots;

  // Extremes: filter, kind (DAYS_SINCE = max day, LAST_SEEN = max instant, FIRST_SEEN = min).
  private final int[] extFilter;
  private final int[] extKind;
  private final int[] extOffset;
  private final int extLongs;
  private final long extMask;
  private final long[] emptyExt;

  // Folded all-history counts: slot index -> offset in ext.
  private final int[] foldedSlot;
  private final int[] foldedOffset;

  // Distinct keys.
  final int[] keyFilter;
  final int[] keyProperty;
  private final boolean[] keyAllHistory;

  /** The layout for {@code plan}, or empty when buckets cannot serve it exactly. */
  static Optional<Buckets> servingExactly(Plan plan) {
    if (plan.model.resolution() != Resolution.DAY
        || plan.filters.size() > MAX_FILTERS
        || !datesMonotone(plan.model.zone().getRules())) {
      return Optional.empty();
    }
    for (Plan.AggSlot a : plan.aggregates) {
      Aggregate agg = a.aggregate();
      if (agg instanceof Aggregate.Sum
          || agg instanceof Aggregate.Min
          || agg instanceof Aggregate.Max
          || ((agg instanceof Aggregate.FirstSeen || agg instanceof Aggregate.MinutesBetween)
              && a.window().isPresent())) {
        return Optional.empty();
      }
    }
    return Optional.of(new Buckets(plan));
  }

  /**
   * Whether local dates never go backwards as instants go forwards: no transition moves the clock
   * back from after midnight to the day before (Goose Bay did, 1987-2010, at 00:01). Checked over
   * the zone's recorded transitions and its yearly rules.
   */
  static boolean datesMonotone(ZoneRules rules) {
    List<ZoneOffsetTransition> all = new ArrayList<>(rules.getTransitions());
    for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
      // A rule's wall-clock time and offsets are the same every year; two years cover a
      // day-of-week rule landing on either side of a month end.
      all.add(r.createTransition(2001));
      all.add(r.createTransition(2002));
    }
    for (ZoneOffsetTransition t : all) {
      // The last local time before the transition; getDateTimeBefore() is its exclusive end, so
      // a clock set back at midnight (to 23:00 of the same date) keeps dates in order.
      LocalDate before = t.getDateTimeBefore().minusNanos(1).toLocalDate();
      LocalDate after = t.getDateTimeAfter().toLocalDate();
      if (after.isBefore(before)) {
        return false;
      }
    }
    return true;
  }

  private Buckets(Plan plan) {
    this.plan = plan;
    this.rules = plan.model.zone().getRules();
    List<Plan.AggSlot> slots = plan.aggregates;
    int n = slots.size();
    kind = new int[n];
    planSlot = new int[n];
    days = new int[n];
    filter = new int[n];
    trendWeeks = new int[n];
    distinctKey = new int[n];
    extAt = new int[n];
    toExtAt = new int[n];
    List<Integer> extF = new ArrayList<>();
    List<Integer> extK = new ArrayList<>();
    List<Integer> keyF = new ArrayList<>();
    List<Integer> keyP = new ArrayList<>();
    List<Boolean> keyAll = new ArrayList<>();
    List<Integer> folded = new ArrayList<>();
    List<Integer> growth = new ArrayList<>();
    long cells = 0;
    long keep = 0;
    for (int i = 0; i < n; i++) {
      Plan.AggSlot a = slots.get(i);
      Aggregate agg = a.aggregate();
      planSlot[i] = a.slot();
      filter[i] = a.filters()[0];
      days[i] = a.window().map(w -> w.buckets(Resolution.DAY)).orElse(0);
      long bit = 1L << filter[i];
      if (agg instanceof Aggregate.Count) {
        kind[i] = COUNT;
        cells |= bit;
        if (days[i] == 0) {
          folded.add(i);
        }
      } else if (agg instanceof Aggregate.ActiveDays) {
        kind[i] = ACTIVE_DAYS;
        cells |= bit;
        if (days[i] == 0) {
          keep |= bit;
        }
      } else if (agg instanceof Aggregate.Trend t) {
        kind[i] = TREND;
        cells |= bit;
        trendWeeks[i] = t.weeks();
      } else if (agg instanceof Aggregate.GrowthWeeks) {
        kind[i] = GROWTH;
        cells |= bit;
        keep |= bit;
        growth.add(i);
      } else if (agg instanceof Aggregate.Distinct) {
        kind[i] = DISTINCT;
        int key = -1;
        for (int k = 0; k < keyF.size(); k++) {
          if (keyF.get(k) == filter[i] && keyP.get(k) == a.property()) {
            key = k;
          }
        }
        if (key < 0) {
          key = keyF.size();
          keyF.add(filter[i]);
          keyP.add(a.property());
          keyAll.add(false);
        }
        if (days[i] == 0) {
          keyAll.set(key, true);
        }
        distinctKey[i] = key;
      } else if (agg instanceof Aggregate.DaysSince) {
        kind[i] = DAYS_SINCE;
        extAt[i] = extreme(extF, extK, filter[i], DAYS_SINCE);
      } else if (agg instanceof Aggregate.LastSeen) {
        kind[i] = LAST_SEEN;
        extAt[i] = extreme(extF, extK, filter[i], LAST_SEEN);
      } else if (agg instanceof Aggregate.FirstSeen) {
        kind[i] = FIRST_SEEN;
        extAt[i] = extreme(extF, extK, filter[i], FIRST_SEEN);
      } else if (agg instanceof Aggregate.MinutesBetween) {
        kind[i] = MINUTES_BETWEEN;
        extAt[i] = extreme(extF, extK, a.filters()[0], FIRST_SEEN);
        toExtAt[i] = extreme(extF, extK, a.filters()[1], FIRST_SEEN);
      } else {
        throw new AssertionError("not served by buckets: " + agg);
      }
    }
    cellMask = cells;
    keepMask = keep;
    extFilter = extF.stream().mapToInt(Integer::intValue).toArray();
    extKind = extK.stream().mapToInt(Integer::intValue).toArray();
    extOffset = new int[extFilter.length];
    int longs = 0;
    long mask = 0;
    for (int e = 0; e < extFilter.length; e++) {
      extOffset[e] = longs;
      longs += extKind[e] == DAYS_SINCE ? 1 : 2;
      mask |= 1L << extFilter[e];
    }
    extMask = mask;
    foldedSlot = folded.stream().mapToInt(Integer::intValue).toArray();
    foldedOffset = new int[foldedSlot.length];
    for (int j = 0; j < foldedSlot.length; j++) {
      foldedOffset[j] = longs++;
      extAt[foldedSlot[j]] = foldedOffset[j];
    }
    extLongs = longs;
    emptyExt = new long[longs];
    for (int e = 0; e < extFilter.length; e++) {
      emptyExt[extOffset[e]] = extKind[e] == FIRST_SEEN ? ABSENT_MIN : ABSENT_MAX;
    }
    // Slots that read an extreme point at its offset, not its index.
    for (int i = 0; i < n; i++) {
      if (kind[i] >= DAYS_SINCE) {
        extAt[i] = extOffset[extAt[i]];
        if (kind[i] == MINUTES_BETWEEN) {
          toExtAt[i] = extOffset[toExtAt[i]];
        }
      }
    }
    keyFilter = keyF.stream().mapToInt(Integer::intValue).toArray();
    keyProperty = keyP.stream().mapToInt(Integer::intValue).toArray();
    keyAllHistory = new boolean[keyAll.size()];
    for (int k = 0; k < keyAllHistory.length; k++) {
      keyAllHistory[k] = keyAll.get(k);
    }
    int filters = plan.filters.size();
    cellSlots = new int[filters][];
    for (int f = 0; f < filters; f++) {
      List<Integer> reading = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (filter[i] == f
            && (kind[i] == COUNT
                || kind[i] == ACTIVE_DAYS
                || kind[i] == TREND
                || kind[i] == GROWTH)) {
          reading.add(i);
        }
      }
      cellSlots[f] = reading.stream().mapToInt(Integer::intValue).toArray();
    }
    growthSlots = growth.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int extreme(List<Integer> filters, List<Integer> kinds, int filter, int kind) {
    for (int e = 0; e < filters.size(); e++) {
      if (filters.get(e) == filter && kinds.get(e) == kind) {
        return e;
      }
    }
    filters.add(filter);
    kinds.add(kind);
    return filters.size() - 1;
  }

  /** How many longs of {@code s.cells} are in use: the extremes and folded counts, then cells. */
  int cellsUsed(BucketState s) {
    return s.cells == null ? 0 : extLongs + s.n;
  }

  /** How many cells {@code used} longs of cells hold, checking it could have been written. */
  int cellCount(int used) {
    if (used != 0 && used < extLongs) {
      throw new SnapshotData.Corrupted("an entity's cells shorter than its extremes");
    }
    return used == 0 ? 0 : used - extLongs;
  }

  /** How many longs of {@code s.seen} are in use. */
  int seenUsed(BucketState s) {
    return s.seen == null ? 0 : from(s.seen, keyFilter.length);
  }

  /** Checks that {@code seen}, read from a snapshot, is consistent with its counts. */
  void checkSeen(long[] seen) {
    int keys = keyFilter.length;
    long total = keys;
    for (int k = 0; k < keys && k < seen.length; k++) {
      if (seen[k] < 0) {
        throw new SnapshotData.Corrupted("a negative count of distinct values");
      }
      total += seen[k];
    }
    if (seen.length < keys || total != seen.length) {
      throw new SnapshotData.Corrupted("distinct values that do not add up");
    }
  }

  /** How many distinct (filter, property) pairs distinct aggregates read. */
  int keys() {
    return keyFilter.length;
  }

  // ---- ingest ----

  /**
   * Adds one event to {@code s}: at {@code seconds} epoch seconds and {@code nano} nanoseconds, on
   * local day {@code day}, matching {@code mask}, with value codes {@code codes} per distinct key
   * (-1 where the key's filter did not match or the property is absent). {@code beyond} says the
   * event is older than the span starting at local day {@code spanDay}.
   */
  void add(
      BucketState s,
      long seconds,
      int nano,
      int day,
      long mask,
      int[] codes,
      boolean beyond,
      long spanDay) {
    if (s.cells == null) {
      s.cells = Arrays.copyOf(emptyExt, extLongs + 2);
    }
    long cm = mask & cellMask;
    if (cm != 0) {
      if (beyond && (cm & keepMask) == 0) {
        fold(s, cm, 1);
      } else {
        addCell(s, day, cm, spanDay);
      }
    }
    if ((mask & extMask) != 0) {
      for (int e = 0; e < extFilter.length; e++) {
        if ((mask & (1L << extFilter[e])) != 0) {
          extreme(s.cells, extOffset[e], extKind[e], seconds, nano, day);
        }
      }
    }
    for (int k = 0; k < codes.length; k++) {
      if (codes[k] >= 0 && !(beyond && !keyAllHistory[k])) {
        see(s, k, codes[k], day, spanDay);
      }
    }
  }

  /**
   * Adds {@code from}'s state to {@code into}'s: cells' counts, extremes, folded counts and
   * distinct values, as if {@code into} had been given {@code from}'s events (two ids found to be
   * one person). {@code from} is left as it was. {@code spanDay} is the retained span's first day.
   */
  void merge(BucketState from, BucketState into, long spanDay) {
    if (from.cells != null) {
      if (into.cells == null) {
        into.cells = Arrays.copyOf(emptyExt, extLongs + 2);
      }
      for (int e = 0; e < extFilter.length; e++) {
        int at = extOffset[e];
        long v = from.cells[at];
        if (extKind[e] == DAYS_SINCE) {
          into.cells[at] = Math.max(into.cells[at], v);
        } else if (v != (extKind[e] == FIRST_SEEN ? ABSENT_MIN : ABSENT_MAX)) {
          extreme(into.cells, at, extKind[e], v, (int) from.cells[at + 1], (int) v);
        }
      }
      for (int j = 0; j < foldedOffset.length; j++) {
        into.cells[foldedOffset[j]] += from.cells[foldedOffset[j]];
      }
      for (int i = extLongs; i < extLongs + from.n; i++) {
        long c = from.cells[i];
        int day = (int) (c >> 32);
        long mask = (c >>> COUNT_BITS) & MASK_BITS;
        for (long k = c & FULL; k > 0; k--) {
          addCell(into, day, mask, spanDay);
        }
      }
    }
    if (from.seen != null) {
      long[] a = from.seen;
      int at = keyFilter.length;
      for (int k = 0; k < keyFilter.length; k++) {
        int n = (int) a[k];
        for (int j = at; j < at + n; j++) {
          see(into, k, (int) (a[j] >>> 32), (int) a[j], spanDay);
        }
        at += n;
      }
    }
  }

  private static void extreme(long[] ext, int at, int kind, long seconds, int nanos, int day) {
    if (kind == DAYS_SINCE) {
      ext[at] = Math.max(ext[at], day);
      return;
    }
    boolean earliest = kind == FIRST_SEEN;
    boolean replace;
    if (ext[at] == (earliest ? ABSENT_MIN : ABSENT_MAX)) {
      replace = true;
    } else {
      int c =
          seconds != ext[at] ? Long.compare(seconds, ext[at]) : Long.compare(nanos, ext[at + 1]);
      replace = earliest ? c < 0 : c > 0;
    }
    if (replace) {
      ext[at] = seconds;
      ext[at + 1] = nanos;
    }
  }

  /** Adds {@code count} to every all-history count whose filter is in {@code mask}. */
  private void fold(BucketState s, long mask, long count) {
    for (int j = 0; j < foldedSlot.length; j++) {
      if ((mask & (1L << filter[foldedSlot[j]])) != 0) {
        s.cells[foldedOffset[j]] += count;
      }
    }
  }

  private void addCell(BucketState s, int day, long mask, long spanDay) {
    long key = ((long) day << 20) | mask;
    int i = last(s, key);
    if (i >= extLongs && (s.cells[i] >> COUNT_BITS) == key && (s.cells[i] & FULL) != FULL) {
      s.cells[i]++;
      return;
    }
    if (extLongs + s.n == s.cells.length) {
      prune(s, spanDay);
      if (extLongs + s.n == s.cells.length) {
        s.cells = Arrays.copyOf(s.cells, extLongs + Math.max(2, s.n * 2));
      }
      i = last(s, key);
    }
    int end = extLongs + s.n;
    System.arraycopy(s.cells, i + 1, s.cells, i + 2, end - i - 1);
    s.cells[i + 1] = (key << COUNT_BITS) | 1;
    s.n++;
  }

  /**
   * The index of the last cell whose key is at most {@code key}, or extLongs - 1; cells are mostly
   * appended in order.
   */
  private int last(BucketState s, long key) {
    int i = extLongs + s.n - 1;
    while (i >= extLongs && (s.cells[i] >> COUNT_BITS) > key) {
      i--;
    }
    return i;
  }

  /** Folds and drops cells of days before {@code spanDay} that no all-history day state needs. */
  private void prune(BucketState s, long spanDay) {
    int out = extLongs;
    for (int i = extLongs; i < extLongs + s.n; i++) {
      long c = s.cells[i];
      long mask = (c >>> COUNT_BITS) & MASK_BITS;
      if ((c >> 32) < spanDay && (mask & keepMask) == 0) {
        fold(s, mask, c & FULL);
      } else {
        s.cells[out++] = c;
      }
    }
    s.n = out - extLongs;
  }

  private void see(BucketState s, int key, int code, int day, long spanDay) {
    int keys = keyFilter.length;
    long[] a = s.seen;
    if (a == null) {
      a = new long[keys + 2];
      s.seen = a;
    }
    int from = from(a, key);
    int n = (int) a[key];
    long entry = ((long) code << 32) | (day & 0xFFFFFFFFL);
    for (int j = from; j < from + n; j++) {
      if ((int) (a[j] >>> 32) == code) {
        if (day > (int) a[j]) {
          a[j] = entry;
        }
        return;
      }
    }
    int used = from(a, keys);
    if (used == a.length) {
      used = dropOld(a, spanDay);
      if (used == a.length) {
        a = Arrays.copyOf(a, a.length + Math.max(2, used - keys));
        s.seen = a;
      }
      from = from(a, key);
      n = (int) a[key];
    }
    System.arraycopy(a, from + n, a, from + n + 1, used - from - n);
    a[from + n] = entry;
    a[key] = n + 1;
  }

  /**
   * Where key {@code key}'s entries start in a distinct array (for {@code key} = keys(), where they
   * all end).
   */
  private int from(long[] a, int key) {
    int at = keyFilter.length;
    for (int k = 0; k < key; k++) {
      at += (int) a[k];
    }
    return at;
  }

  /**
   * Drops, in place, the entries of windowed-only keys last seen before {@code spanDay} (no window
   * can reach them); returns how many longs of {@code a} are in use.
   */
  private int dropOld(long[] a, long spanDay) {
    int keys = keyFilter.length;
    int at = keys;
    int out = keys;
    for (int k = 0; k < keys; k++) {
      int n = (int) a[k];
      int kept = 0;
      for (int j = at; j < at + n; j++) {
        if (keyAllHistory[k] || (int) a[j] >= spanDay) {
          a[out++] = a[j];
          kept++;
        }
      }
      at += n;
      a[k] = kept;
    }
    return out;
  }

  /**
   * Drops the slack that doubling left in {@code s}'s arrays after a run of {@code events} events
   * of its own, when copying them costs at most 8 longs per event of the run (so trimming adds a
   * bounded amount to each event, and an entity trimmed after every run keeps its cost linear).
   */
  void trim(BucketState s, int events) {
    long budget = 8L * events;
    if (s.cells != null && s.cells.length > extLongs + s.n && extLongs + s.n <= budget) {
      // Empty (no extremes, no cells: only distinct values), it is null as before the first event.
      s.cells = extLongs + s.n == 0 ? null : Arrays.copyOf(s.cells, extLongs + s.n);
    }
    if (s.seen != null) {
      int used = from(s.seen, keyFilter.length);
      if (s.seen.length > used && used <= budget) {
        s.seen = Arrays.copyOf(s.seen, used);
      }
    }
  }

  // ---- scoring ----

  /** Per-pass values: T's epoch day and each slot's first day (Long.MIN_VALUE: all history). */
  record Times(Instant asOf, long asOfDay, long[] start) {
    static Times of(Plan plan, Instant asOf) {
      long day = Aggregation.epochDay(asOf, plan.model.zone().getRules());
      List<Plan.AggSlot> slots = plan.aggregates;
      long[] start = new long[slots.size()];
      for (int i = 0; i < start.length; i++) {
        Plan.AggSlot a = slots.get(i);
        start[i] =
            a.window().isEmpty()
                ? Long.MIN_VALUE
                : day - a.window().get().buckets(Resolution.DAY) + 1;
      }
      return new Times(asOf, day, start);
    }
  }

  /**
   * Weeks of a growth_weeks count summed in the one walk of an entity's cells: a streak needs week
   * 0 to hold more events than this many weeks, else the cells are walked again (growth()).
   */
  static final int GROWTH_WEEKS = 64;

  /** Per-thread scratch for scoring. */
  static final class Work {
    final long[] acc;
    final long[] lastDay;
    final long[][] weekly;

    /**
     * Per growth slot, how many of its weekly counts the last entity may have written: only those
     * are zeroed for the next (most entities reach a few of the 64 weeks; zeroing all was a
     * 512-byte fill per entity and slot).
     */
    final int[] weeksUsed;

    /**
     * Slopes and minutes that are not whole numbers, already divided, by (numerator, denominator)
     * and by (seconds, nanos): most entities have one of few of each, and a 34-digit division costs
     * more than the rest of the entity. Direct-mapped, so a miss just divides again.
     */
    final Memo slopes = new Memo();

    final Memo minutes = new Memo();

    Work(Buckets b) {
      int n = b.kind.length;
      acc = new long[n];
      lastDay = new long[n];
      weekly = new long[n][];
      weeksUsed = new int[n];
      for (int i = 0; i < n; i++) {
        if (b.kind[i] == TREND) {
          weekly[i] = new long[b.trendWeeks[i]];
        } else if (b.kind[i] == GROWTH) {
          weekly[i] = new long[GROWTH_WEEKS];
        }
      }
    }
  }

  /**
   * Reads a word of each of the first {@code n} entities' objects and arrays, level by level,
   * before they are loaded one by one; returns a sum of what it read.
   *
   * <p>Why: an entity's state is three or four objects scattered over the heap (the state, its
   * cells, its distinct values, its traits), each a cache miss, and each depends on the one before.
   * Loading one entity runs a thousand instructions, so misses of consecutive entities cannot
   * overlap. Here each level is a short loop of loads independent across entities, so their misses
   * are in flight together, and a block of entities is in cache when it is loaded. The reads take
   * no lock: a value read while an ingest replaces an array is stale, and is only summed.
   */
  static long touch(EntityState[] block, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      BucketState s = (BucketState) block[i];
      sum += s.n;
    }
    for (int i = 0; i < n; i++) {
      BucketState s = (BucketState) block[i];
      long[] cells = s.cells;
      long[] seen = s.seen;
      Value[] traits = s.traits;
      sum += (cells == null ? 0 : cells[0]) + (seen == null ? 0 : seen[0]);
      sum += traits == null ? 0 : traits.length;
    }
    return sum;
  }

  /** Writes every aggregate slot's value as of {@code tm} into row {@code row} of {@code f}. */
  void load(BucketState s, Times tm, Columns f, int row, Work w) {
    int n = kind.length;
    long[] acc = w.acc;
    long[] lastDay = w.lastDay;
    long[] start = tm.start();
    long asOfDay = tm.asOfDay();
    Arrays.fill(acc, 0);
    Arrays.fill(lastDay, Long.MIN_VALUE);
    int[] used = w.weeksUsed;
    for (int i = 0; i < n; i++) {
      if (kind[i] == GROWTH) {
        Arrays.fill(w.weekly[i], 0, used[i], 0);
        used[i] = 0;
      } else if (w.weekly[i] != null) {
        Arrays.fill(w.weekly[i], 0);
      }
    }
    long[] cells = s.cells;
    for (int c = extLongs; c < extLongs + s.n; c++) {
      long cell = cells[c];
      long day = cell >> 32;
      long count = cell & FULL;
      long bits = (cell >>> COUNT_BITS) & MASK_BITS;
      while (bits != 0) {
        int fi = Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        for (int i : cellSlots[fi]) {
          int k = kind[i];
          if (k == GROWTH) {
            // All history, whatever a window says, as growth() reads it.
            long week = (asOfDay - day) / 7;
            if (week < GROWTH_WEEKS) {
              w.weekly[i][(int) week] += count;
              used[i] = Math.max(used[i], (int) week + 1);
            }
            continue;
          }
          if (day < start[i]) {
            continue;
          }
          if (k == COUNT) {
            acc[i] += count;
          } else if (k == ACTIVE_DAYS) {
            if (day != lastDay[i]) {
              acc[i]++;
              lastDay[i] = day;
            }
          } else {
            long week = (asOfDay - day) / 7;
            if (week < trendWeeks[i]) {
              w.weekly[i][(int) week] += count;
            }
          }
        }
      }
    }
    for (int i : growthSlots) {
      long streak = streak(w.weekly[i]);
      acc[i] = streak >= 0 ? streak : growth(s, extLongs, 1L << filter[i], asOfDay);
    }
    long[] ext = s.cells == null ? emptyExt : s.cells;
    for (int i = 0; i < n; i++) {
      int slot = planSlot[i];
      switch (kind[i]) {
        case COUNT:
          f.setLong(slot, row, days[i] == 0 ? acc[i] + ext[extAt[i]] : acc[i]);
          break;
        case ACTIVE_DAYS:
        case GROWTH:
          f.setLong(slot, row, acc[i]);
          break;
        case TREND:
          slope(w, w.weekly[i], f, slot, row);
          break;
        case DISTINCT:
          f.setLong(slot, row, distinct(s, distinctKey[i], start[i]));
          break;
        case DAYS_SINCE:
          {
            long last = ext[extAt[i]];
            if (last == ABSENT_MAX || last < start[i]) {
              f.setMissing(slot, row);
            } else {
              f.setLong(slot, row, asOfDay - last);
            }
            break;
          }
        case LAST_SEEN:
          {
            Instant last = instant(ext, extAt[i], ABSENT_MAX);
            if (last == null || Aggregation.epochDay(last, rules) < start[i]) {
              f.setMissing(slot, row);
            } else {
              f.setValue(slot, row, new Value.Time(last));
            }
            break;
          }
        case FIRST_SEEN:
          {
            Instant first = instant(ext, extAt[i], ABSENT_MIN);
            f.setValue(slot, row, first == null ? null : new Value.Time(first));
            break;
          }
        case MINUTES_BETWEEN:
          minutes(w, ext, extAt[i], toExtAt[i], f, slot, row);
          break;
        default:
          throw new AssertionError("unknown bucket kind: " + kind[i]);
      }
    }
  }

  /** The trend's slope: a long when the division is exact, else the reference's quotient. */
  private static void slope(Work w, long[] weekly, Columns f, int slot, int row) {
    long numerator = Aggregation.trendNumerator(weekly);
    long denominator = Aggregation.trendDenominator(weekly.length);
    if (numerator % denominator == 0) {
      f.setLong(slot, row, numerator / denominator);
      return;
    }
    Value v = w.slopes.get(numerator, denominator);
    if (v == null) {
      v = quotient(numerator, denominator);
      if (v == null) {
        v = Aggregation.trend(weekly);
      }
      w.slopes.put(numerator, denominator, v);
    }
    f.setValue(slot, row, v);
  }

  /**
   * {@code numerator / denominator} without a division when the denominator divides a power of ten
   * up to 10^18 (a 4-week trend's is 20) and the scaled numerator fits a long: the quotient is then
   * exact in at most 19 digits, which is what the reference's 34-digit division gives. Null
   * otherwise.
   */
  static Value quotient(long numerator, long denominator) {
    long power = 1;
    int scale = 0;
    while (power % denominator != 0 && scale < 18) {
      power *= 10;
      scale++;
    }
    if (power % denominator != 0) {
      return null;
    }
    long factor = power / denominator;
    if (numerator == Long.MIN_VALUE || Math.abs(numerator) > Long.MAX_VALUE / factor) {
      return null;
    }
    return Value.num(java.math.BigDecimal.valueOf(numerator * factor, scale));
  }

  /**
   * Minutes from the earliest instant at {@code from} to the one at {@code to} in {@code ext}: a
   * long when whole, missing if either is absent. The difference is taken as Duration.between
   * normalises it (seconds, then nanos in [0, 10^9)), without making an Instant unless the minutes
   * are not whole and not memoised.
   */
  private static void minutes(Work w, long[] ext, int from, int to, Columns f, int slot, int row) {
    if (ext[from] == ABSENT_MIN || ext[to] == ABSENT_MIN) {
      f.setMissing(slot, row);
      return;
    }
    // Epoch seconds of kept events are within +-5.8 million years: no overflow.
    long seconds = ext[to] - ext[from];
    long nanos = ext[to + 1] - ext[from + 1];
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000L;
    }
    if (nanos == 0 && seconds % 60 == 0) {
      f.setLong(slot, row, seconds / 60);
      return;
    }
    Value v = w.minutes.get(seconds, nanos);
    if (v == null) {
      v = Aggregation.minutesBetween(instant(ext, from, ABSENT_MIN), instant(ext, to, ABSENT_MIN));
      w.minutes.put(seconds, nanos, v);
    }
    f.setValue(slot, row, v);
  }

  /** A direct-mapped cache of values by a pair of longs. */
  static final class Memo {
    private static final int SIZE = 1024;
    private final long[] first = new long[SIZE];
    private final long[] second = new long[SIZE];
    private final Value[] values = new Value[SIZE];

    Value get(long a, long b) {
      int i = index(a, b);
      return values[i] != null && first[i] == a && second[i] == b ? values[i] : null;
    }

    void put(long a, long b, Value v) {
      int i = index(a, b);
      first[i] = a;
      second[i] = b;
      values[i] = v;
    }

    private static int index(long a, long b) {
      long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
      return (int) (h ^ (h >>> 29)) & (SIZE - 1);
    }
  }

  private static Instant instant(long[] ext, int at, long absent) {
    return ext[at] == absent ? null : Instant.ofEpochSecond(ext[at], ext[at + 1]);
  }

  private long distinct(BucketState s, int key, long start) {
    long[] a = s.seen;
    if (a == null) {
      return 0;
    }
    int n = (int) a[key];
    if (start == Long.MIN_VALUE) {
      return n;
    }
    int from = from(a, key);
    long count = 0;
    for (int j = from; j < from + n; j++) {
      if ((int) a[j] >= start) {
        count++;
      }
    }
    return count;
  }

  /**
   * Weeks in a row, from week 0 back, each with strictly more events than the week before it, from
   * the first {@link #GROWTH_WEEKS} weekly counts; -1 when the streak reaches the last of them (it
   * may go on beyond).
   */
  static long streak(long[] weekly) {
    for (int week = 1; week < weekly.length; week++) {
      if (weekly[week - 1] <= weekly[week]) {
        return week - 1;
      }
    }
    return -1;
  }

  /**
   * Weeks in a row, from week 0 back, each with strictly more matching events than the week before
   * it: the cells are walked newest first, closing each week as an older one begins.
   */
  private static long growth(BucketState s, int first, long bit, long asOfDay) {
    long week = 0;
    long count = 0;
    long previous = -1;
    long streak = 0;
    for (int c = first + s.n - 1; c >= first - 1; c--) {
      long cellWeek;
      long cellCount = 0;
      if (c >= first) {
        long cell = s.cells[c];
        if (((cell >>> COUNT_BITS) & bit) == 0) {
          continue;
        }
        cellWeek = ((asOfDay - (cell >> 32)) / 7);
        cellCount = cell & FULL;
      } else {
        // Past the oldest cell every week counts zero: two more weeks settle the streak.
        cellWeek = week + 2;
      }
      while (cellWeek > week) {
        if (week > 0) {
          if (previous > count) {
            streak = week;
          } else {
            return streak;
          }
        }
        previous = count;
        count = 0;
        week++;
      }
      count += cellCount;
    }
    return streak;
  }
}
