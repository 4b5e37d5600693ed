package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;
import java.util.BitSet;

/**
 * A feature table bound to a plan's slots: per slot a {@code long[]} column (with its missing
 * rows), a {@code Value[]} column, or a typed column ({@link TypedColumns}), plus the scores
 * computed so far. Rows are loaded into slot values only for nodes that cannot read columns
 * directly; nodes reading {@link #longs} or {@link #values} see null for a typed slot and load its
 * rows.
 */
final class Rows {
  final long[][] longs;
  final BitSet[] missing;
  final Value[][] values;
  final long[] scores;
  private final SlotValues scratch;
  private final Object[] typed;
  private final long[][] typedMissing;
  private final String[][] dictionaries;
  private int loaded = -1;

  // The category totals of rows totalsFrom onwards, row-major, when exclusions or tiers read them.
  private long[] totals;
  private int totalsFrom;
  private int categories;

  Rows(long[][] longs, BitSet[] missing, Value[][] values, long[] scores, SlotValues scratch) {
    this(longs, missing, values, null, null, null, scores, scratch);
  }

  /**
   * Rows with typed columns too: {@code typed[s]} (with its missing rows as bit words and, for
   * codes, its dictionary) for a slot whose {@code longs[s]} and {@code values[s]} are null.
   */
  Rows(
      long[][] longs,
      BitSet[] missing,
      Value[][] values,
      Object[] typed,
      long[][] typedMissing,
      String[][] dictionaries,
      long[] scores,
      SlotValues scratch) {
    this.longs = longs;
    this.missing = missing;
    this.values = values;
    this.typed = typed;
    this.typedMissing = typedMissing;
    this.dictionaries = dictionaries;
    this.scores = scores;
    this.scratch = scratch;
  }

  /**
   * Makes {@link #load} set the category totals of rows {@code from} onwards from {@code totals}
   * (row-major, {@code categories} a row); null when nothing reads them.
   */
  void totals(long[] totals, int from, int categories) {
    this.totals = totals;
    this.totalsFrom = from;
    this.categories = categories;
  }

  /** The slot values of row {@code row}'s values (and its score so far). */
  SlotValues load(int row) {
    SlotValues f = scratch;
    if (loaded != row) {
      f.nextEntity();
      for (int s = 0; s < longs.length; s++) {
        if (longs[s] != null) {
          if (missing[s] != null && missing[s].get(row)) {
            f.setMissing(s);
          } else {
            f.setLong(s, longs[s][row]);
          }
        } else if (values[s] != null) {
          f.setValue(s, values[s][row]);
        } else {
          TypedColumns.load(typed[s], typedMissing[s], dictionaries[s], row, s, f);
        }
      }
      loaded = row;
    }
    f.score = scores[row];
    if (totals != null) {
      System.arraycopy(
          totals, (row - totalsFrom) * categories, f.totals(categories), 0, categories);
    }
    return f;
  }
}
