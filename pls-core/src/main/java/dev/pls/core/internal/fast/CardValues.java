package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;

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
 * - A store's batch keeps, per chunk, the chunk's columns for the slots a card reads
 *   (Plan.cardSlots: what fired rules show and what the hand-off reads; tier and exclusion are in
 *   the primitives already). The chunk's columns are the scoring thread's scratch, so the batch
 *   takes them and the scratch gets fresh arrays (Columns.handOver); reloading the entity from the
 *   store instead would not do: events older than T may still arrive inside the span, and a newer
 *   one makes T unscoreable, so a card made later would disagree with the batch's score or fail.
 *   This costs 8 bytes per kept whole-number slot (4 per value slot) per row for as long as the
 *   batch lives, and nothing per row beyond that. For the seed template every one of its 25 slots
 *   is read by some card: about 200 bytes per row, against 24 for the primitives.
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

  /** Loads row {@code row} into {@code f}, as one entity's values. */
  void load(int row, SlotValues f) {
    f.nextEntity();
    for (int s = 0; s < longs.length; s++) {
      if (longs[s] != null) {
        long[] m = missingWords[s];
        if (TypedColumns.missing(m, row)) {
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
