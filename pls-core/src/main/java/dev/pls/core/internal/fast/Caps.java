package dev.pls.core.internal.fast;

/*
 * Caps and floors, once for every fast path: the chunk loop (ChunkEvaluator.evaluate), one row
 * (ChunkEvaluator.evaluateOne) and the card (CardAssembler), which must apply them alike or a card's
 * contributions would not add up to the score the batch holds.
 *
 * Within a category rules fill the cap in rule order: a fired positive rule adds its points, or
 * what room the positive rules before it left under the cap; negative rules and the floor
 * likewise. Points are longs of hundredths. The reference evaluator applies the same rule to
 * Points on its own (see CardAssembler for why it does not call this).
 */
/** Caps and floors over hundredths. */
final class Caps {
  private Caps() {}

  /**
   * What a fired rule of {@code points >= 0} adds, when the positive rules before it in its
   * category added {@code added}.
   */
  static long positive(long points, boolean hasCap, long cap, long added) {
    return hasCap ? Math.min(points, Math.max(0, cap - added)) : points;
  }

  /**
   * What a fired rule of {@code points < 0} adds, when the negative rules before it in its category
   * added {@code added}.
   */
  static long negative(long points, boolean hasFloor, long floor, long added) {
    return hasFloor ? Math.max(points, Math.min(0, floor - added)) : points;
  }
}
