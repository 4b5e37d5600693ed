package dev.pls.core.internal.fast;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;

/*
 * Named SlotValues, not Frame: internal.TimeFrame is the calendar of one as-of instant, and the two
 * met in the same methods (an Aggregation takes the one and fills the other).
 */
/**
 * The values one evaluation reads: a slot per distinct (aggregate, window) pair and per trait, the
 * score once it is known, and the event a filter is looking at. One instance serves one thread; it
 * is reset, not reallocated, between entities.
 */
final class SlotValues {
  static final byte MISSING = 0;
  static final byte LONG = 1;
  static final byte VALUE = 2;

  final byte[] kind;
  final long[] longs;

  /** The slot's {@link Value}: set for VALUE slots, a lazily made cache for LONG ones. */
  final Value[] values;

  /** Memoised arithmetic results: valid when {@code stamp[i] == generation}. */
  final Value[] derived;

  final int[] stamp;
  int generation = 1;
  long score;

  /** The category totals in hundredths, by category number, once the rules are added up. */
  long[] totals = new long[0];

  /**
   * What a filter's where-condition is looking at: {@link #event}, or when that is null row {@link
   * #row} of {@link #columns}.
   */
  Event event;

  dev.pls.core.input.EventColumns columns;
  int row;

  SlotValues(int slots, int arithmetic) {
    kind = new byte[slots];
    longs = new long[slots];
    values = new Value[slots];
    derived = new Value[arithmetic];
    stamp = new int[arithmetic];
  }

  /** The totals array, grown to hold at least {@code categories} totals. */
  long[] totals(int categories) {
    if (totals.length < categories) {
      totals = new long[categories];
    }
    return totals;
  }

  /** Forgets memoised arithmetic: the slots are about to hold another entity's values. */
  void nextEntity() {
    generation++;
    if (generation == 0) {
      // Wrapped around after 2^32 entities: clear so that no stale stamp can match.
      java.util.Arrays.fill(stamp, 0);
      generation = 1;
    }
  }

  void setMissing(int slot) {
    kind[slot] = MISSING;
    values[slot] = null;
  }

  void setLong(int slot, long value) {
    kind[slot] = LONG;
    longs[slot] = value;
    values[slot] = null;
  }

  /** Sets a slot to a value, keeping whole numbers that fit a long on the fast path too. */
  void setValue(int slot, Value value) {
    if (value == null) {
      setMissing(slot);
      return;
    }
    values[slot] = value;
    if (value instanceof Value.Num n && Numbers.isLong(n.value())) {
      kind[slot] = LONG;
      longs[slot] = Numbers.toLong(n.value());
    } else {
      kind[slot] = VALUE;
    }
  }

  /** The slot's value, or null when it is missing. */
  Value value(int slot) {
    byte k = kind[slot];
    if (k == MISSING) {
      return null;
    }
    Value v = values[slot];
    if (v == null) {
      v = Value.num(longs[slot]);
      values[slot] = v;
    }
    return v;
  }
}
