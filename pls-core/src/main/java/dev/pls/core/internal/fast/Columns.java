package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;
import java.util.Arrays;
import java.util.BitSet;

/*
 * A chunk of entities' slot values laid out as columns, so that the store can score a chunk a
 * column of rules at a time (ChunkEvaluator.evaluate and ChunkTests) as the feature-table path does,
 * instead of walking every rule's node tree once per entity.
 *
 * Each slot holds, per row, a long (with a missing bit) or a Value, as a SlotValues does per entity.
 * When the chunk is handed to the evaluator, a slot whose rows are all whole numbers or missing
 * becomes a long column with its missing rows as bit words (the shape ChunkTests runs without a
 * branch per row); a slot with any other value (a decimal, a string, a boolean) becomes a Value
 * column, its whole-number rows boxed then, and so does a slot missing on every row (a trait nobody
 * set, of whatever type: string and boolean tests read value columns without loading slot values). A row is written slot by slot, every slot once per
 * entity, so nothing of the previous chunk survives into the next.
 *
 * Writing a whole number or a missing row touches the long column and the missing bits only; a
 * slot's Value column is written (and emptied again for the next chunk) only in chunks where some
 * row of it held a Value. A store's batch keeps the columns its cards read: handOver gives it the
 * chunk's arrays and puts new ones here, instead of copying them.
 */
/** One thread's scratch columns for a chunk of entities. Not thread-safe. */
final class Columns {
  private final long[][] longs;
  private final Value[][] values;
  private final long[][] missing;
  private final boolean[] boxed;
  // Whether a slot's value column may hold a reference written in this chunk: only then do
  // setLong and setMissing clear the row's reference (a store into a reference array costs a GC
  // card mark), and clear() empties the column for the next chunk.
  private final boolean[] dirty;
  private final int capacity;

  /** Columns for {@code slots} slots and up to {@code capacity} rows. */
  Columns(int slots, int capacity) {
    int words = (capacity + 63) >>> 6;
    this.capacity = capacity;
    longs = new long[slots][capacity];
    values = new Value[slots][capacity];
    missing = new long[slots][words];
    boxed = new boolean[slots];
    dirty = new boolean[slots];
  }

  /** The values of the whole numbers most often boxed (counts, days, small traits), made once. */
  private static final Value[] SMALL = new Value[2048];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = Value.num(i - SMALL.length / 2);
    }
  }

  /**
   * {@code Value.num(v)}: shared for small numbers, so that a chunk whose slot turns into a value
   * column (one decimal slope among 2,048 rows) does not allocate and normalise a number per row.
   */
  static Value box(long v) {
    long i = v + SMALL.length / 2;
    return i >= 0 && i < SMALL.length ? SMALL[(int) i] : Value.num(v);
  }

  /** Starts a chunk: no slot holds a Value yet. */
  void clear() {
    Arrays.fill(boxed, false);
    for (int s = 0; s < dirty.length; s++) {
      if (dirty[s]) {
        Arrays.fill(values[s], null);
        dirty[s] = false;
      }
    }
  }

  void setMissing(int slot, int row) {
    missing[slot][row >>> 6] |= 1L << row;
    if (dirty[slot]) {
      values[slot][row] = null;
    }
  }

  void setLong(int slot, int row, long value) {
    missing[slot][row >>> 6] &= ~(1L << row);
    longs[slot][row] = value;
    if (dirty[slot]) {
      values[slot][row] = null;
    }
  }

  /** Sets a value, keeping a whole number that fits a long on the long path too. */
  void setValue(int slot, int row, Value value) {
    if (value == null) {
      setMissing(slot, row);
      return;
    }
    if (value instanceof Value.Num n && Numbers.isLong(n.value())) {
      // Kept as the long alone: a Value.Num is normalised, so boxing the long again (when the
      // chunk makes this a value column, or a card reads it) gives an equal value.
      setLong(slot, row, Numbers.toLong(n.value()));
      return;
    }
    missing[slot][row >>> 6] &= ~(1L << row);
    values[slot][row] = value;
    dirty[slot] = true;
    boxed[slot] = true;
  }

  /**
   * What a batch keeps of the chunk {@code rows} (bound by {@link #rows} over {@code n} rows) for
   * the slots in {@code keep}: the bound columns themselves, each replaced here by a new array for
   * the next chunk, rather than a copy of each (a copy reads and writes every kept column once more
   * per chunk; a new array is only written, by the next chunk's loads). Missing words, a few longs,
   * are copied.
   */
  CardValues handOver(Rows rows, long[][] missingWords, int n, boolean[] keep) {
    int slots = keep.length;
    long[][] ls = new long[slots][];
    long[][] ms = new long[slots][];
    Value[][] vs = new Value[slots][];
    int words = (n + 63) >>> 6;
    for (int s = 0; s < slots; s++) {
      if (!keep[s]) {
        continue;
      }
      if (rows.longs[s] != null) {
        ls[s] = longs[s];
        longs[s] = new long[capacity];
        ms[s] = missingWords[s] == null ? null : Arrays.copyOf(missingWords[s], words);
      } else {
        vs[s] = values[s];
        values[s] = new Value[capacity];
        dirty[s] = false;
      }
    }
    return new CardValues(ls, ms, vs);
  }

  /** Copies every slot of {@code f} into row {@code row}. */
  void set(int row, SlotValues f) {
    for (int s = 0; s < longs.length; s++) {
      byte k = f.kind[s];
      if (k == SlotValues.MISSING) {
        setMissing(s, row);
      } else if (k == SlotValues.LONG) {
        setLong(s, row, f.longs[s]);
        if (f.values[s] != null) {
          values[s][row] = f.values[s];
          dirty[s] = true;
        }
      } else {
        setValue(s, row, f.values[s]);
      }
    }
  }

  /** Loads row {@code row} into {@code f}, as one entity's slot values. */
  void get(int row, SlotValues f) {
    f.nextEntity();
    for (int s = 0; s < longs.length; s++) {
      if ((missing[s][row >>> 6] & (1L << row)) != 0) {
        f.setMissing(s);
      } else if (values[s][row] != null) {
        f.setValue(s, values[s][row]);
      } else {
        f.setLong(s, longs[s][row]);
      }
    }
  }

  /**
   * The first {@code n} rows as a bound table for the chunk evaluator, with {@code scores} as the
   * chunk's scores; {@code missingWords} receives each long column's missing rows as bit words
   * (null when none is missing).
   */
  Rows rows(int n, long[] scores, SlotValues scratch, long[][] missingWords) {
    int slots = longs.length;
    long[][] ls = new long[slots][];
    BitSet[] ms = new BitSet[slots];
    Value[][] vs = new Value[slots][];
    int words = (n + 63) >>> 6;
    for (int s = 0; s < slots; s++) {
      long[] m = missing[s];
      if (words > 0 && (n & 63) != 0) {
        // Rows past n are stale: clear their bits so that a missing set covers the chunk only.
        m[words - 1] &= -1L >>> (64 - (n & 63));
      }
      boolean all = words > 0;
      for (int w = 0; w < words; w++) {
        all &= m[w] == (w < words - 1 || (n & 63) == 0 ? -1L : -1L >>> (64 - (n & 63)));
      }
      if (boxed[s] || all) {
        Value[] column = values[s];
        long[] l = longs[s];
        dirty[s] = true;
        for (int row = 0; row < n; row++) {
          if (column[row] == null && (m[row >>> 6] & (1L << row)) == 0) {
            column[row] = box(l[row]);
          }
        }
        vs[s] = column;
        missingWords[s] = null;
        continue;
      }
      ls[s] = longs[s];
      boolean any = false;
      for (int w = 0; w < words; w++) {
        any |= m[w] != 0;
      }
      missingWords[s] = any ? m : null;
      ms[s] = any ? BitSet.valueOf(Arrays.copyOf(m, words)) : null;
    }
    return new Rows(ls, ms, vs, scores, scratch);
  }
}
