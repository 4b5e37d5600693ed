package dev.pls.core.internal.fast;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/*
 * The row layout of a store, for every model day buckets cannot serve exactly: per entity a
 * RowState holding, per kept event, its epoch seconds (long), nanos (int), filter mask (long) and,
 * when aggregates read properties, one interned Value reference per such property; state of events
 * beyond the retained span is folded into per-aggregate Acc state for the all-history aggregates
 * only. Scoring re-folds the kept events through Aggregation on top of a copy of that state.
 *
 * When an entity's columns fill, kept events that fell out of the span are folded first and the
 * columns compacted; only then do they double.
 */
/** Per-event rows as a store layout. Thread-safe. */
final class RowLayout implements StoreLayout {
  private static final long[] NO_LONGS = new long[0];
  private static final int[] NO_INTS = new int[0];

  private final Plan plan;
  private final ZoneRules rules;
  private final int properties;
  private final UnaryOperator<Value> intern;

  /** One entity's columns and folded state. Guarded by its own monitor. */
  static final class RowState extends EntityState {
    long[] seconds = NO_LONGS;
    int[] nanos = NO_INTS;
    long[] masks = NO_LONGS;
    Value[] props;
    int n;
    Acc[] folded;
  }

  /** A layout for {@code plan} keeping property values as {@code intern} returns them. */
  RowLayout(Plan plan, UnaryOperator<Value> intern) {
    this.plan = plan;
    this.rules = plan.model.zone().getRules();
    this.properties = plan.properties.size();
    this.intern = intern;
  }

  @Override
  public EntityState newState() {
    return new RowState();
  }

  @Override
  public EntityState copy(EntityState state) {
    RowState s = (RowState) state;
    RowState c = new RowState();
    c.traits = s.traits;
    c.seconds = s.seconds.clone();
    c.nanos = s.nanos.clone();
    c.masks = s.masks.clone();
    c.props = s.props == null ? null : s.props.clone();
    c.n = s.n;
    if (s.folded != null) {
      c.folded = new Acc[s.folded.length];
      for (int i = 0; i < s.folded.length; i++) {
        c.folded[i] = s.folded[i] == null ? null : s.folded[i].copy();
      }
    }
    return c;
  }

  @Override
  public void merge(EntityState from, EntityState into, Instant spanStart, long spanStartDay) {
    RowState f = (RowState) from;
    RowState t = (RowState) into;
    Value[] props = new Value[properties];
    for (int j = 0; j < f.n; j++) {
      if (properties > 0) {
        System.arraycopy(f.props, j * properties, props, 0, properties);
      }
      append(t, f.seconds[j], f.nanos[j], f.masks[j], props, spanStart);
    }
    if (f.folded != null) {
      if (t.folded == null) {
        t.folded = new Acc[f.folded.length];
      }
      for (int i = 0; i < f.folded.length; i++) {
        if (f.folded[i] != null) {
          if (t.folded[i] == null) {
            t.folded[i] = new Acc();
          }
          t.folded[i].merge(plan.aggregates.get(i).aggregate(), f.folded[i]);
        }
      }
    }
    f.seconds = NO_LONGS;
    f.nanos = NO_INTS;
    f.masks = NO_LONGS;
    f.props = null;
    f.n = 0;
    f.folded = null;
  }

  @Override
  public void writeShared(java.io.DataOutputStream out) {
    // Nothing shared: property values are interned again as they are read.
  }

  @Override
  public void readShared(java.io.DataInputStream in) {}

  @Override
  public void write(EntityState state, java.io.DataOutputStream out) throws java.io.IOException {
    RowState s = (RowState) state;
    out.writeInt(s.n);
    SnapshotData.longs(out, s.seconds, s.n);
    SnapshotData.ints(out, s.nanos, s.n);
    SnapshotData.longs(out, s.masks, s.n);
    for (int i = 0; i < s.n * properties; i++) {
      SnapshotData.value(out, s.props[i]);
    }
    out.writeInt(s.folded == null ? -1 : s.folded.length);
    if (s.folded != null) {
      for (Acc a : s.folded) {
        out.writeBoolean(a != null);
        if (a != null) {
          a.write(out);
        }
      }
    }
  }

  @Override
  public EntityState read(java.io.DataInputStream in) throws java.io.IOException {
    RowState s = new RowState();
    int n = SnapshotData.count(in);
    if (n > 0) {
      s.seconds = SnapshotData.longs(in, n);
      s.nanos = SnapshotData.ints(in, n);
      s.masks = SnapshotData.longs(in, n);
      if (properties > 0) {
        s.props = new Value[Math.min(n, 4096) * properties];
        for (int i = 0; i < n * properties; i++) {
          if (i == s.props.length) {
            s.props = Arrays.copyOf(s.props, (int) Math.min(n * (long) properties, 2L * i));
          }
          s.props[i] = intern.apply(SnapshotData.value(in));
        }
      }
      s.n = n;
    }
    int folded = SnapshotData.countOrNull(in);
    if (folded >= 0) {
      if (folded != plan.aggregates.size()) {
        throw new SnapshotData.Corrupted("folded state for another number of aggregates");
      }
      s.folded = new Acc[folded];
      for (int i = 0; i < folded; i++) {
        if (in.readBoolean()) {
          s.folded[i] = Acc.read(in, intern);
        }
      }
    }
    return s;
  }

  @Override
  public boolean fits(long day) {
    return true;
  }

  @Override
  public Writer newWriter() {
    return new RowWriter();
  }

  @Override
  public Pass pass(Instant asOf) {
    return new RowPass(Aggregation.Times.of(plan, asOf));
  }

  @Override
  public Loader newLoader() {
    return new RowLoader();
  }

  private record RowPass(Aggregation.Times times) implements Pass {
    @Override
    public Instant asOf() {
      return times.asOf();
    }
  }

  private final class RowWriter implements Writer {
    private final boolean[] matched = new boolean[plan.filters.size()];
    private final Value[] props = new Value[properties];

    /** Per property an aggregate reads, its number among the plan's columns. */
    private final int[] propColumns = new int[properties];

    RowWriter() {
      for (int i = 0; i < properties; i++) {
        propColumns[i] = plan.columns.indexOf(plan.properties.get(i));
      }
    }

    @Override
    public void add(
        EntityState state,
        Event event,
        dev.pls.core.input.EventColumns columns,
        int row,
        long seconds,
        int nano,
        long day,
        long mask,
        boolean beyond,
        Instant spanStart,
        long spanStartDay) {
      for (int i = 0; i < matched.length; i++) {
        matched[i] = (mask & (1L << i)) != 0;
      }
      for (int i = 0; i < properties; i++) {
        props[i] =
            intern.apply(
                event != null
                    ? event.properties().get(plan.properties.get(i))
                    : columns.value(row, propColumns[i]));
      }
      RowState rows = (RowState) state;
      synchronized (rows) {
        if (beyond) {
          fold(rows, Instant.ofEpochSecond(seconds, nano), matched, props);
        } else {
          append(rows, seconds, nano, mask, props, spanStart);
        }
        rows.touched = true;
      }
    }

    @Override
    public void trim(EntityState state, int events) {
      // Rows grow by doubling and are compacted as they fill: nothing to trim.
    }
  }

  private final class RowLoader implements Loader {
    /** Where an entity's aggregates are folded before they go into columns. */
    private final SlotValues values = new SlotValues(plan.slots, plan.memos);

    private Aggregation.Times times;

    @Override
    public void start(Pass pass) {
      times = ((RowPass) pass).times();
    }

    @Override
    public Instant asOf() {
      return times.asOf();
    }

    @Override
    public long touch(EntityState[] block, int n) {
      // Read-ahead was built and measured for the bucket layout only (see Buckets.touch).
      return 0;
    }

    @Override
    public void load(EntityState state, Columns c, int row) {
      values.nextEntity();
      loadRows((RowState) state, times, values);
      c.set(row, values);
    }
  }

  /** Puts a row entity's aggregate values as of {@code times} into {@code f}. */
  private void loadRows(RowState state, Aggregation.Times times, SlotValues f) {
    Instant asOf = times.asOf();
    Aggregation aggregation = new Aggregation(plan, times);
    boolean[] matched = new boolean[plan.filters.size()];
    Value[] props = new Value[properties];
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
    aggregation.finish(f);
  }

  /** Appends a kept event, first folding events that fell out of the span when columns are full. */
  private void append(RowState s, long seconds, int nano, long mask, Value[] props, Instant start) {
    if (s.n == s.seconds.length) {
      expire(s, start);
    }
    if (s.n == s.seconds.length) {
      int capacity = Math.max(2, s.n * 2);
      s.seconds = Arrays.copyOf(s.seconds, capacity);
      s.nanos = Arrays.copyOf(s.nanos, capacity);
      s.masks = Arrays.copyOf(s.masks, capacity);
      if (properties > 0) {
        s.props =
            s.props == null
                ? new Value[capacity * properties]
                : Arrays.copyOf(s.props, capacity * properties);
      }
    }
    int j = s.n++;
    s.seconds[j] = seconds;
    s.nanos[j] = nano;
    s.masks[j] = mask;
    if (properties > 0) {
      System.arraycopy(props, 0, s.props, j * properties, properties);
    }
  }

  /** Folds kept events before {@code start} into all-history state and compacts the columns. */
  private void expire(RowState s, Instant start) {
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
      Arrays.fill(s.props, out * properties, s.n * properties, null);
    }
    s.n = out;
  }

  /** Folds an event beyond the span into the all-history aggregates' state. */
  private void fold(RowState s, Instant t, boolean[] matched, Value[] props) {
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
}
