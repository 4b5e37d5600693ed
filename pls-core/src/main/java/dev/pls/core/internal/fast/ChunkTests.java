package dev.pls.core.internal.fast;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Value;

/*
 * Branch-free column loops for the condition shapes the feature-table path meets most, used by
 * TableScorer in place of Node.testBatch where they apply.
 *
 * Node.testBatch is exact but, for a range test over a column with missing rows or under a
 * division rewrite's guard, decides each row with branches (is it missing? is it inside the
 * guard?) and a BitSet lookup; on sparse data those branches are unpredictable. Here the range
 * test runs over the whole chunk as one unsigned compare per row, the missing rows are then
 * cleared from the result with the missing set's bit words (padded to the table's size once per
 * table), and the guard is checked by or-ing an out-of-range flag over the chunk: if any row is
 * beyond the guard, the chunk is redone by the node itself, so a value the long path cannot
 * decide still goes to the generic node. And/or/not combine their operands' results with
 * element-wise loops. Anything else is the node's own testBatch.
 */
/** Column-at-a-time condition tests over a chunk of a bound feature table. */
final class ChunkTests {
  private ChunkTests() {}

  /**
   * {@code out[i] = node holds for row from + i}, for {@code i < n}. {@code missingWords[slot]} is
   * the slot's missing rows as bit words covering the whole table, or null when none is missing.
   */
  static void test(Node node, Rows rows, long[][] missingWords, int from, int n, boolean[] out) {
    if (node instanceof Node.SlotRange s
        && rows.longs[s.slot] != null
        && s.min <= s.max
        && range(s, rows.longs[s.slot], missingWords[s.slot], from, n, out)) {
      return;
    }
    if (node instanceof Node.SlotRange s && rows.longs[s.slot] == null) {
      // A column of values (decimals among the rows): every row goes where SlotRange.test sends a
      // value it cannot read as a long, the same expression's generic node, whose result the range
      // test only shortcuts; over a value column it needs no slot values per row.
      test(s.generic, rows, missingWords, from, n, out);
      return;
    }
    if (node instanceof Node.Compare c && boolEquality(c, rows, from, n, out)) {
      return;
    }
    if (node instanceof Node.In in && stringMembership(in, rows, from, n, out)) {
      return;
    }
    if (node instanceof Node.And a) {
      test(a.operands[0], rows, missingWords, from, n, out);
      boolean[] more = new boolean[n];
      for (int k = 1; k < a.operands.length; k++) {
        test(a.operands[k], rows, missingWords, from, n, more);
        for (int i = 0; i < n; i++) {
          out[i] &= more[i];
        }
      }
      return;
    }
    if (node instanceof Node.Or o) {
      test(o.operands[0], rows, missingWords, from, n, out);
      boolean[] more = new boolean[n];
      for (int k = 1; k < o.operands.length; k++) {
        test(o.operands[k], rows, missingWords, from, n, more);
        for (int i = 0; i < n; i++) {
          out[i] |= more[i];
        }
      }
      return;
    }
    if (node instanceof Node.Not not) {
      test(not.operand, rows, missingWords, from, n, out);
      for (int i = 0; i < n; i++) {
        out[i] = !out[i];
      }
      return;
    }
    node.testBatch(rows, from, n, out);
  }

  /**
   * For a range test over a long column inside no guard: sets {@code bit} in word {@code word} of
   * the fired mask and adds {@code points} to the score of each row where it holds, in one
   * branch-free pass (a missing row never holds). False, having done nothing, for other nodes.
   */
  static boolean add(
      Node node,
      Rows rows,
      long[][] missingWords,
      int from,
      int n,
      long[] fired,
      int words,
      int word,
      long bit,
      long[] scores,
      long points) {
    if (!(node instanceof Node.SlotRange s)
        || rows.longs[s.slot] == null
        || s.min > s.max
        || s.guard != Long.MAX_VALUE) {
      return false;
    }
    long[] column = rows.longs[s.slot];
    long[] missing = missingWords[s.slot];
    long min = s.min;
    long width = s.max - min;
    boolean negate = s.negate;
    if (missing == null) {
      for (int i = 0; i < n; i++) {
        int row = from + i;
        boolean hit = (Long.compareUnsigned(column[row] - min, width) <= 0) != negate;
        long all = -(long) (hit ? 1 : 0);
        fired[row * words + word] |= bit & all;
        scores[row] += points & all;
      }
    } else {
      for (int i = 0; i < n; i++) {
        int row = from + i;
        boolean hit =
            ((Long.compareUnsigned(column[row] - min, width) <= 0) != negate)
                & ((missing[row >>> 6] >>> row) & 1) == 0;
        long all = -(long) (hit ? 1 : 0);
        fired[row * words + word] |= bit & all;
        scores[row] += points & all;
      }
    }
    return true;
  }

  /**
   * The range test of {@code s} over a long column; false (with {@code out} unspecified) when a row
   * is beyond the guard and the node must decide the chunk.
   */
  private static boolean range(
      Node.SlotRange s, long[] column, long[] missing, int from, int n, boolean[] out) {
    long min = s.min;
    long width = s.max - min;
    boolean negate = s.negate;
    long guard = s.guard;
    if (guard == Long.MAX_VALUE) {
      for (int i = 0; i < n; i++) {
        out[i] = (Long.compareUnsigned(column[from + i] - min, width) <= 0) != negate;
      }
    } else if (guard > Long.MAX_VALUE / 2) {
      return false;
    } else {
      // |x| <= guard as one unsigned compare: x + guard in [0, 2 * guard].
      long span = 2 * guard;
      boolean beyond = false;
      for (int i = 0; i < n; i++) {
        long x = column[from + i];
        out[i] = (Long.compareUnsigned(x - min, width) <= 0) != negate;
        beyond |= Long.compareUnsigned(x + guard, span) > 0;
      }
      if (beyond) {
        return false;
      }
    }
    if (missing != null) {
      // Every comparison on a missing value is false, negated or not.
      for (int i = 0; i < n; i++) {
        int row = from + i;
        out[i] &= ((missing[row >>> 6] >>> row) & 1) == 0;
      }
    }
    return true;
  }

  /**
   * {@code trait == true} (or {@code !=}) over a value column: holds for a present boolean equal
   * (unequal) to the literal, as Node.compare decides it; false when not that shape.
   */
  private static boolean boolEquality(Node.Compare c, Rows rows, int from, int n, boolean[] out) {
    if (!(c.left instanceof Node.Slot slot)
        || rows.values[slot.slot] == null
        || !(c.right instanceof Node.Literal literal)
        || !(literal.value instanceof Value.Bool b)
        || (c.op != Expr.CompareOp.EQ && c.op != Expr.CompareOp.NE)) {
      return false;
    }
    Value[] column = rows.values[slot.slot];
    boolean wanted = b.value() == (c.op == Expr.CompareOp.EQ);
    for (int i = 0; i < n; i++) {
      out[i] = column[from + i] instanceof Value.Bool v && v.value() == wanted;
    }
    return true;
  }

  /**
   * {@code trait in {"a", "b"}} over a value column of a set of strings only: a string compare per
   * candidate instead of hashing the row's value; false when not that shape.
   */
  private static boolean stringMembership(Node.In in, Rows rows, int from, int n, boolean[] out) {
    if (!(in.operand instanceof Node.Slot slot)
        || rows.values[slot.slot] == null
        || in.values.size() > 8) {
      return false;
    }
    String[] strings = new String[in.values.size()];
    int k = 0;
    for (Value v : in.values) {
      if (!(v instanceof Value.Str str)) {
        return false;
      }
      strings[k++] = str.value();
    }
    Value[] column = rows.values[slot.slot];
    for (int i = 0; i < n; i++) {
      boolean found = false;
      if (column[from + i] instanceof Value.Str v) {
        String x = v.value();
        for (String candidate : strings) {
          found |= candidate.equals(x);
        }
      }
      out[i] = found;
    }
    return true;
  }
}
