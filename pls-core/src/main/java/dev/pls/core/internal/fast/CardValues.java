package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;
import java.util.Arrays;

/*
 * The slot values a batch keeps so that it can build any row's card later from what it holds,
 * rather than score the entity again: a card lists the values its fired rules read and the hand-off
 * facts, which the batch's primitives (score, tier, exclusion, fired bits) do not hold.
 *
 * Per slot a long[] column with its missing rows as bit words, or a Value[] column (null =
 * missing), as ChunkTests reads them; a null slot was not kept and loads as missing.
 *
 * - A feature table's batch keeps the table's own bound columns: no copy (a FeatureTable's arrays
 *   must not change while it is scored, and its batch reads them the same way).
 * - A store's batch keeps, per chunk, a copy of the chunk's columns for the slots a card reads
 *   (Plan.cardSlots: what fired rules show and what the hand-off reads; tier and exclusion are in
 *   the primitives already). The chunk's columns are the scoring thread's scratch, so they must be
 *   copied; reloading the entity from the store instead would not do: events older than T may
 *   still arrive inside the span, and a newer one makes T unscoreable, so a card made later would
 *   disagree with the batch's score or fail. The copy costs 8 bytes per kept whole-number slot (4
 *   per value slot) per row for as long as the batch lives, one array copy per kept slot per chunk,
 *   and nothing per row beyond that. For the seed template every one of its 25 slots is read by
 *   some card: about 200 bytes per row, against 24 for the primitives (docs/performance.md's
 *   rescoring figures predate this and should be measured again).
 */
/** The slot values a batch keeps for cards. Immutable once built. */
final class CardValues {
  private final long[][] longs;
  private final long[][] missingWords;
  private final Value[][] values;

  /**
   * Columns per slot: {@code longs[s]} with {@code missingWords[s]} (null when none is missing), or
   * {@code values[s]}; both null for a slot not kept.
   */
  CardValues(long[][] longs, long[][] missingWords, Value[][] values) {
    this.longs = longs;
    this.missingWords = missingWords;
    this.values = values;
  }

  /** Copies the first {@code n} rows of a bound chunk for the slots in {@code keep}. */
  static CardValues copyOf(Rows rows, long[][] missingWords, int n, boolean[] keep) {
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
        ls[s] = Arrays.copyOf(rows.longs[s], n);
        ms[s] = missingWords[s] == null ? null : Arrays.copyOf(missingWords[s], words);
      } else {
        vs[s] = Arrays.copyOf(rows.values[s], n);
      }
    }
    return new CardValues(ls, ms, vs);
  }

  /** Loads row {@code row} into {@code f}, as one entity's values. */
  void load(int row, SlotValues f) {
    f.nextEntity();
    for (int s = 0; s < longs.length; s++) {
      if (longs[s] != null) {
        long[] m = missingWords[s];
        if (m != null && (m[row >>> 6] & (1L << row)) != 0) {
          f.setMissing(s);
        } else {
          f.setLong(s, longs[s][row]);
        }
      } else if (values[s] != null) {
        f.setValue(s, values[s][row]);
      } else {
        f.setMissing(s);
      }
    }
  }
}
