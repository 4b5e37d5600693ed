package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.BatchScores;
import dev.pls.core.EntityKind;
import dev.pls.core.EntityStore;
import dev.pls.core.Event;
import dev.pls.core.Model;
import dev.pls.core.ScoreCard;
import dev.pls.core.Value;
import dev.pls.core.internal.InputChecks;
import dev.pls.core.internal.TimeFrame;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/*
 * The columnar entity store.
 *
 * Ids are dictionary-encoded: a concurrent map from id to a dense int, and entity state in pages
 * of 4,096 that never move once allocated (so a writer never races a copy). Per entity the store
 * keeps, column-wise, only what the plan reads of each event it keeps: epoch seconds (long),
 * nanos (int), the bit mask of the plan's filters the event matched (long; evaluated once at
 * ingest, where-conditions included) and, when aggregates read properties, one interned Value
 * reference per such property. Events that match no filter are counted and not kept.
 *
 * The retained span is computed from the newest event ingested (the watermark): the earliest
 * instant any window or trend of the plan can reach for an as-of instant at or after the
 * watermark. Kept events older than it are folded, when a page of an entity's columns fills, into
 * per-entity state for the all-history aggregates only (Acc: counts, distinct values, running
 * numbers, first/last instants, epoch days for growth) and their columns reused; an arriving
 * event older than it goes straight there and is counted as beyond the span. Folding is
 * order-independent, so out-of-order events inside the span simply land in the columns.
 *
 * Scoring as of T >= watermark is exact: windowed aggregates read the kept columns (everything
 * they can reach is there), all-history aggregates start from a copy of the folded state and
 * fold the kept columns on top. Scoring all entities runs over the common fork-join pool in
 * chunks; each entity is scored row-at-a-time into primitive arrays (Scores).
 *
 * Memory per entity (64-bit JVM, compressed oops): a State object with its column arrays and a
 * dictionary entry (String id, map node, boxed index); then 20 bytes per kept event (8 seconds +
 * 4 nanos + 8 mask) plus 4 per property an aggregate reads, with arrays grown by doubling;
 * folded all-history state adds one Acc per all-history aggregate that has seen an old event,
 * plus a set entry per distinct value or 8 bytes per old event's day where those kinds are used.
 * docs/performance.md has the measured figure for the seed template.
 */
/** The {@link EntityStore} implementation. Thread-safe. */
public final class ColumnarStore implements EntityStore {
  private static final int PAGE_BITS = 12;
  private static final int PAGE = 1 << PAGE_BITS;
  private static final long[] NO_LONGS = new long[0];
  private static final int[] NO_INTS = new int[0];

  private final Plan plan;
  private final ZoneRules rules;
  private final int properties;
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Value, Value> interned = new ConcurrentHashMap<>();
  private final Object grow = new Object();
  private volatile State[][] pages = new State[16][];
  private volatile int size;
  private final AtomicReference<Instant> watermark = new AtomicReference<>();
  private volatile Span span;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder kept = new LongAdder();
  private final LongAdder beyondSpan = new LongAdder();
  private final LongAdder ignored = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final ThreadLocal<Scratch> scratch;

  public ColumnarStore(Model model) {
    if (requireNonNull(model, "model").members().isPresent()) {
      throw new IllegalArgumentException(
          "model: '"
              + model.id()
              + "' rolls up members, which "
              + "the entity store"
              + " does not hold; score its accounts with Scorer.fast");
    }
    this.plan = new Plan(model);
    if (plan.filters.size() > 64) {
      throw new IllegalArgumentException(
          "model: a store supports up to 64 distinct event filters, the model has "
              + plan.filters.size());
    }
    this.rules = model.zone().getRules();
    this.properties = plan.properties.size();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(plan));
  }

  /** Per-thread scratch: a frame for where-conditions and the matched filters and properties. */
  private static final class Scratch {
    final Frame frame;
    final boolean[] matched;
    final Value[] props;

    Scratch(Plan plan) {
      frame = new Frame(plan.slots, plan.memos);
      matched = new boolean[plan.filters.size()];
      props = new Value[plan.properties.size()];
    }
  }

  /**
   * The retained span for watermarks in one local bucket (day or hour, with the zone offset, which
   * tells the two occurrences of a repeated DST hour apart): events before {@code start} are beyond
   * it. Window starts depend only on the bucket of T, so the span is recomputed when the watermark
   * enters a new bucket, not on every event.
   */
  private record Span(long bucket, int offset, Instant start) {}

  /** One entity's columns and folded state. Guarded by its own monitor. */
  static final class State {
    final String id;
    long[] seconds = NO_LONGS;
    int[] nanos = NO_INTS;
    long[] masks = NO_LONGS;
    Value[] props;
    int n;
    Acc[] folded;
    Value[] traits;
    volatile boolean touched = true;

    State(String id) {
      this.id = id;
    }
  }

  @Override
  public Model model() {
    return plan.model;
  }

  @Override
  public boolean ingest(Event event) {
    requireNonNull(event, "event");
    String key =
        plan.model.entity() == EntityKind.USER ? event.user() : event.account().orElse(null);
    if (key == null) {
      rejected.increment();
      return false;
    }
    accepted.increment();
    Instant t = event.time();
    advance(t);
    Scratch s = scratch.get();
    plan.match(event, s.frame, s.matched, s.props);
    long mask = 0;
    for (int i = 0; i < s.matched.length; i++) {
      if (s.matched[i]) {
        mask |= 1L << i;
      }
    }
    State state = state(key);
    if (mask == 0) {
      ignored.increment();
      state.touched = true;
      return true;
    }
    for (int i = 0; i < properties; i++) {
      s.props[i] = intern(s.props[i]);
    }
    Instant start = span().start();
    synchronized (state) {
      if (t.isBefore(start)) {
        fold(state, t, s.matched, s.props);
        beyondSpan.increment();
      } else {
        append(state, t, mask, s.props, start);
        kept.increment();
      }
      state.touched = true;
    }
    return true;
  }

  @Override
  public int ingest(Collection<Event> events) {
    requireNonNull(events, "events");
    int n = 0;
    for (Event e : events) {
      if (ingest(requireNonNull(e, "events element"))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void traits(String entity, Map<String, Value> traits) {
    requireNonNull(entity, "entity");
    requireNonNull(traits, "traits");
    InputChecks.traitsTyped(plan.model.traits(), traits, "traits");
    Value[] values = new Value[plan.traitNames.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = intern(traits.get(plan.traitNames.get(i)));
    }
    State state = state(entity);
    synchronized (state) {
      state.traits = values;
      state.touched = true;
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Optional<Instant> watermark() {
    return Optional.ofNullable(watermark.get());
  }

  @Override
  public Stats stats() {
    return new Stats(accepted.sum(), kept.sum(), beyondSpan.sum(), ignored.sum(), rejected.sum());
  }

  @Override
  public ScoreCard score(String entity, Instant asOf) {
    requireNonNull(entity, "entity");
    checkAsOf(asOf);
    Integer index = ids.get(entity);
    State state = index == null ? new State(entity) : state(index);
    Frame f = new Frame(plan.slots, plan.memos);
    load(state, Aggregation.Times.of(plan, asOf), f);
    return FastScorer.card(plan, entity, asOf, f);
  }

  @Override
  public BatchScores scoreAll(Instant asOf) {
    checkAsOf(asOf);
    int n = size;
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return score(rows, asOf);
  }

  @Override
  public BatchScores scoreTouched(Instant asOf) {
    checkAsOf(asOf);
    int n = size;
    int[] rows = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      State s = state(i);
      if (s.touched) {
        // Cleared before scoring: an event arriving meanwhile marks the entity again.
        s.touched = false;
        rows[count++] = i;
      }
    }
    return score(java.util.Arrays.copyOf(rows, count), asOf);
  }

  private BatchScores score(int[] rows, Instant asOf) {
    TableScorer.Scores out = new TableScorer.Scores(plan, rows.length);
    out.ids = row -> state(rows[row]).id;
    out.cards = row -> score(state(rows[row]).id, asOf);
    int chunks = (rows.length + TableScorer.CHUNK - 1) / TableScorer.CHUNK;
    Aggregation.Times times = Aggregation.Times.of(plan, asOf);
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              Frame f = new Frame(plan.slots, plan.memos);
              int end = Math.min(rows.length, (c + 1) * TableScorer.CHUNK);
              for (int row = c * TableScorer.CHUNK; row < end; row++) {
                load(state(rows[row]), times, f);
                TableScorer.evaluateRow(plan, f, row, out);
              }
            });
    return out;
  }

  private void checkAsOf(Instant asOf) {
    requireNonNull(asOf, "asOf");
    Instant w = watermark.get();
    if (w != null && asOf.isBefore(w)) {
      throw new IllegalArgumentException(
          "asOf: " + asOf + " is before the newest event ingested, " + w);
    }
  }

  /** Puts an entity's aggregate and trait values as of {@code asOf} into {@code f}. */
  private void load(State state, Aggregation.Times times, Frame f) {
    Instant asOf = times.asOf();
    f.nextEntity();
    Aggregation aggregation = new Aggregation(plan, times);
    boolean[] matched = new boolean[plan.filters.size()];
    Value[] props = new Value[properties];
    synchronized (state) {
      if (state.folded != null) {
        for (int i = 0; i < state.folded.length; i++) {
          if (state.folded[i] != null) {
            aggregation.seed(i, state.folded[i]);
          }
        }
      }
      for (int j = 0; j < state.n; j++) {
        Instant t = Instant.ofEpochSecond(state.seconds[j], state.nanos[j]);
        if (t.isAfter(asOf)) {
          continue;
        }
        long mask = state.masks[j];
        for (int i = 0; i < matched.length; i++) {
          matched[i] = (mask & (1L << i)) != 0;
        }
        if (properties > 0) {
          System.arraycopy(state.props, j * properties, props, 0, properties);
        }
        aggregation.add(t, matched, props);
      }
      for (int i = 0; i < plan.traitNames.size(); i++) {
        f.setValue(plan.traitSlots.get(i), state.traits == null ? null : state.traits[i]);
      }
    }
    aggregation.finish(f);
  }

  /** Appends a kept event, first folding events that fell out of the span when columns are full. */
  private void append(State s, Instant t, long mask, Value[] props, Instant start) {
    if (s.n == s.seconds.length) {
      expire(s, start);
    }
    if (s.n == s.seconds.length) {
      int capacity = Math.max(2, s.n * 2);
      s.seconds = java.util.Arrays.copyOf(s.seconds, capacity);
      s.nanos = java.util.Arrays.copyOf(s.nanos, capacity);
      s.masks = java.util.Arrays.copyOf(s.masks, capacity);
      if (properties > 0) {
        s.props =
            s.props == null
                ? new Value[capacity * properties]
                : java.util.Arrays.copyOf(s.props, capacity * properties);
      }
    }
    int j = s.n++;
    s.seconds[j] = t.getEpochSecond();
    s.nanos[j] = t.getNano();
    s.masks[j] = mask;
    if (properties > 0) {
      System.arraycopy(props, 0, s.props, j * properties, properties);
    }
  }

  /** Folds kept events before {@code start} into all-history state and compacts the columns. */
  private void expire(State s, Instant start) {
    if (s.n == 0) {
      return;
    }
    boolean[] matched = new boolean[plan.filters.size()];
    Value[] props = new Value[properties];
    int out = 0;
    for (int j = 0; j < s.n; j++) {
      Instant t = Instant.ofEpochSecond(s.seconds[j], s.nanos[j]);
      if (t.isBefore(start)) {
        for (int i = 0; i < matched.length; i++) {
          matched[i] = (s.masks[j] & (1L << i)) != 0;
        }
        if (properties > 0) {
          System.arraycopy(s.props, j * properties, props, 0, properties);
        }
        fold(s, t, matched, props);
        continue;
      }
      s.seconds[out] = s.seconds[j];
      s.nanos[out] = s.nanos[j];
      s.masks[out] = s.masks[j];
      if (properties > 0) {
        System.arraycopy(s.props, j * properties, s.props, out * properties, properties);
      }
      out++;
    }
    if (s.props != null) {
      java.util.Arrays.fill(s.props, out * properties, s.n * properties, null);
    }
    s.n = out;
  }

  /** Folds an event beyond the span into the all-history aggregates' state. */
  private void fold(State s, Instant t, boolean[] matched, Value[] props) {
    List<Plan.AggSlot> slots = plan.aggregates;
    for (int i = 0; i < slots.size(); i++) {
      Plan.AggSlot slot = slots.get(i);
      if (!slot.allHistory()) {
        continue;
      }
      if (s.folded == null) {
        s.folded = new Acc[slots.size()];
      }
      if (s.folded[i] == null) {
        s.folded[i] = new Acc();
      }
      Aggregation.foldKept(slot, s.folded[i], t, matched, props, rules);
    }
  }

  private Value intern(Value v) {
    if (v == null) {
      return null;
    }
    Value existing = interned.putIfAbsent(v, v);
    return existing == null ? v : existing;
  }

  private void advance(Instant t) {
    watermark.accumulateAndGet(t, (a, b) -> a == null || b.isAfter(a) ? b : a);
  }

  /** The retained span for the current watermark, recomputed when the watermark moved. */
  private Span span() {
    Instant w = watermark.get();
    int offset = rules.getOffset(w).getTotalSeconds();
    long bucket =
        Math.floorDiv(
            w.getEpochSecond() + offset,
            plan.model.resolution() == dev.pls.core.Resolution.DAY ? 86_400L : 3_600L);
    Span s = span;
    if (s != null && s.bucket() == bucket && s.offset() == offset) {
      return s;
    }
    TimeFrame frame = new TimeFrame(plan.model.resolution(), plan.model.zone(), w);
    Instant start = w;
    for (Plan.AggSlot a : plan.aggregates) {
      Instant reach = null;
      if (a.window().isPresent()) {
        reach = frame.windowStart(a.window().get());
      } else if (a.aggregate() instanceof dev.pls.core.Aggregate.Trend trend) {
        // Trend weeks are calendar dates whatever the resolution.
        reach = frame.startOfDay(frame.asOfDay().minusDays(7L * trend.weeks() - 1));
      }
      if (reach != null && reach.isBefore(start)) {
        start = reach;
      }
    }
    s = new Span(bucket, offset, start);
    span = s;
    return s;
  }

  private State state(int index) {
    return pages[index >>> PAGE_BITS][index & (PAGE - 1)];
  }

  private State state(String id) {
    Integer index = ids.get(id);
    if (index != null) {
      return state(index);
    }
    synchronized (grow) {
      index = ids.get(id);
      if (index != null) {
        return state(index);
      }
      int i = size;
      int page = i >>> PAGE_BITS;
      State[][] p = pages;
      if (page == p.length) {
        p = java.util.Arrays.copyOf(p, p.length * 2);
      }
      if (p[page] == null) {
        p[page] = new State[PAGE];
      }
      State s = new State(id);
      p[page][i & (PAGE - 1)] = s;
      pages = p;
      // Published after the state: a reader that finds the id finds its state.
      ids.put(id, i);
      size = i + 1;
      return s;
    }
  }
}
