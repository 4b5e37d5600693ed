package dev.pls.core.internal.fast;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * The day-bucket layout of a store (see Buckets for the state and why it is exact): per entity a
 * BucketState. A distinct aggregate's values are kept as int codes, equal values equal codes,
 * numbered in a dictionary this layout shares among all entities and threads.
 */
/** Day buckets as a store layout. Thread-safe. */
final class BucketLayout implements StoreLayout {
  private final Plan plan;
  private final Buckets buckets;
  private final ConcurrentHashMap<Value, Integer> codes = new ConcurrentHashMap<>();
  private final AtomicInteger nextCode = new AtomicInteger();

  BucketLayout(Plan plan, Buckets buckets) {
    this.plan = plan;
    this.buckets = buckets;
  }

  @Override
  public EntityState newState() {
    return new Buckets.BucketState();
  }

  @Override
  public EntityState copy(EntityState state) {
    Buckets.BucketState s = (Buckets.BucketState) state;
    Buckets.BucketState c = new Buckets.BucketState();
    c.traits = s.traits;
    c.cells = s.cells == null ? null : s.cells.clone();
    c.n = s.n;
    c.seen = s.seen == null ? null : s.seen.clone();
    return c;
  }

  @Override
  public void merge(EntityState from, EntityState into, Instant spanStart, long spanStartDay) {
    Buckets.BucketState f = (Buckets.BucketState) from;
    buckets.merge(f, (Buckets.BucketState) into, spanStartDay);
    f.cells = null;
    f.n = 0;
    f.seen = null;
  }

  @Override
  public void writeShared(java.io.DataOutputStream out) throws java.io.IOException {
    // The dictionary in code order: codes are assigned in order, so a restored one continues it.
    Value[] byCode = new Value[nextCode.get()];
    codes.forEach((v, c) -> byCode[c] = v);
    out.writeInt(byCode.length);
    for (Value v : byCode) {
      SnapshotData.value(out, v);
    }
  }

  @Override
  public void readShared(java.io.DataInputStream in) throws java.io.IOException {
    int n = SnapshotData.count(in);
    for (int c = 0; c < n; c++) {
      Value v = SnapshotData.value(in);
      if (v == null || codes.putIfAbsent(v, c) != null) {
        throw new SnapshotData.Corrupted("a distinct value missing or numbered twice");
      }
    }
    nextCode.set(n);
  }

  @Override
  public void write(EntityState state, java.io.DataOutputStream out) throws java.io.IOException {
    Buckets.BucketState s = (Buckets.BucketState) state;
    int cells = buckets.cellsUsed(s);
    out.writeInt(cells);
    SnapshotData.longs(out, s.cells, cells);
    int seen = buckets.seenUsed(s);
    out.writeInt(seen);
    SnapshotData.longs(out, s.seen, seen);
  }

  @Override
  public EntityState read(java.io.DataInputStream in) throws java.io.IOException {
    Buckets.BucketState s = new Buckets.BucketState();
    int cells = SnapshotData.count(in);
    s.n = buckets.cellCount(cells);
    s.cells = cells == 0 ? null : SnapshotData.longs(in, cells);
    int seen = SnapshotData.count(in);
    if (seen > 0) {
      s.seen = SnapshotData.longs(in, seen);
      buckets.checkSeen(s.seen);
    }
    return s;
  }

  @Override
  public boolean fits(long day) {
    // Beyond +-5.8 million years: a bucket's day is an int.
    return day == (int) day;
  }

  @Override
  public Writer newWriter() {
    return new BucketWriter();
  }

  @Override
  public Pass pass(Instant asOf) {
    return new BucketPass(Buckets.Times.of(plan, asOf));
  }

  @Override
  public Loader newLoader() {
    return new BucketLoader();
  }

  private record BucketPass(Buckets.Times times) implements Pass {
    @Override
    public Instant asOf() {
      return times.asOf();
    }
  }

  private final class BucketWriter implements Writer {
    /** Per distinct key, the code of the event's value, -1 for none. */
    private final int[] keyCodes = new int[buckets.keys()];

    /** Per distinct key, the number of its property among the plan's columns. */
    private final int[] keyColumns = new int[buckets.keys()];

    BucketWriter() {
      for (int k = 0; k < keyColumns.length; k++) {
        keyColumns[k] = plan.columns.indexOf(plan.properties.get(buckets.keyProperty[k]));
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
      for (int k = 0; k < keyCodes.length; k++) {
        Value v =
            (mask & (1L << buckets.keyFilter[k])) == 0
                ? null
                : event != null
                    ? event.properties().get(plan.properties.get(buckets.keyProperty[k]))
                    : columns.value(row, keyColumns[k]);
        keyCodes[k] = v == null ? -1 : code(v);
      }
      Buckets.BucketState s = (Buckets.BucketState) state;
      synchronized (s) {
        buckets.add(s, seconds, nano, (int) day, mask, keyCodes, beyond, spanStartDay);
        s.touched = true;
      }
    }

    @Override
    public void trim(EntityState state, int events) {
      synchronized (state) {
        buckets.trim((Buckets.BucketState) state, events);
      }
    }
  }

  private final class BucketLoader implements Loader {
    /** Accumulators and memos, kept across passes. */
    private final Buckets.Work work = new Buckets.Work(buckets);

    private Buckets.Times times;

    @Override
    public void start(Pass pass) {
      times = ((BucketPass) pass).times();
    }

    @Override
    public Instant asOf() {
      return times.asOf();
    }

    @Override
    public long touch(EntityState[] block, int n) {
      return Buckets.touch(block, n);
    }

    @Override
    public void load(EntityState state, Columns c, int row) {
      buckets.load((Buckets.BucketState) state, times, c, row, work);
    }
  }

  /** The code of a value a distinct aggregate reads: equal values, equal codes. */
  private int code(Value v) {
    Integer c = codes.get(v);
    return c != null ? c : codes.computeIfAbsent(v, x -> nextCode.getAndIncrement());
  }
}
