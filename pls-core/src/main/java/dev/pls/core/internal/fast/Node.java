package dev.pls.core.internal.fast;

import dev.pls.core.internal.Arithmetic;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/*
 * A compiled expression. The generic nodes mirror the reference evaluator's eval() case by case,
 * over slots instead of names; the specialised nodes (SlotRange, ScoreRange) cover the shape that
 * almost every rule has - a signal or trait compared with a number - with a long range test, and
 * hand anything the long path cannot decide (a decimal or missing value) to the generic node
 * compiled for the same expression, so the two paths cannot disagree.
 */
/** A compiled expression over a {@link SlotValues}. */
abstract class Node {

  /** The value, or null when it is missing. */
  abstract Value value(SlotValues f);

  /** Whether the value is {@code true}. */
  boolean test(SlotValues f) {
    return value(f) instanceof Value.Bool b && b.value();
  }

  /**
   * Column-at-a-time: {@code out[i] = test(row from + i)} for {@code i < n}. Nodes that can read
   * columns directly override this; the rest load each row into slot values.
   */
  void testBatch(Rows rows, int from, int n, boolean[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = test(rows.load(from + i));
    }
  }

  /** A boolean node: {@link #test} is the primitive operation. */
  abstract static class Condition extends Node {
    @Override
    final Value value(SlotValues f) {
      return Value.bool(test(f));
    }

    @Override
    abstract boolean test(SlotValues f);
  }

  static final class Literal extends Node {
    final Value value;

    Literal(Value value) {
      this.value = value;
    }

    @Override
    Value value(SlotValues f) {
      return value;
    }
  }

  static final class Slot extends Node {
    final int slot;

    Slot(int slot) {
      this.slot = slot;
    }

    @Override
    Value value(SlotValues f) {
      return f.value(slot);
    }
  }

  /** An event property: of the event a filter is looking at, or of its row of columns. */
  static final class Property extends Node {
    final String name;
    final int column;

    Property(String name, int column) {
      this.name = name;
      this.column = column;
    }

    @Override
    Value value(SlotValues f) {
      return f.event != null ? f.event.properties().get(name) : f.columns.value(f.row, column);
    }
  }

  static final class Score extends Node {
    @Override
    Value value(SlotValues f) {
      return Value.num(BigDecimal.valueOf(f.score, 2));
    }
  }

  /** A category's total after caps, in hundredths, once the rules have been added up. */
  static final class CategoryTotal extends Node {
    final int category;

    CategoryTotal(int category) {
      this.category = category;
    }

    @Override
    Value value(SlotValues f) {
      return Value.num(BigDecimal.valueOf(f.totals[category], 2));
    }
  }

  /** Arithmetic, memoised per entity: a shared subexpression is computed once per card. */
  static final class Arith extends Node {
    final Expr.ArithOp op;
    final Node left;
    final Node right;
    final int memo;

    Arith(Expr.ArithOp op, Node left, Node right, int memo) {
      this.op = op;
      this.left = left;
      this.right = right;
      this.memo = memo;
    }

    @Override
    Value value(SlotValues f) {
      if (memo >= 0 && f.stamp[memo] == f.generation) {
        return f.derived[memo];
      }
      Value v = compute(left.value(f), right.value(f));
      if (memo >= 0) {
        f.derived[memo] = v;
        f.stamp[memo] = f.generation;
      }
      return v;
    }

    private Value compute(Value l, Value r) {
      if (!(l instanceof Value.Num a) || !(r instanceof Value.Num b)) {
        return null;
      }
      BigDecimal result = Arithmetic.apply(op, a.value(), b.value());
      return result == null ? null : new Value.Num(result);
    }
  }

  static final class Compare extends Condition {
    final Expr.CompareOp op;
    final Node left;
    final Node right;

    Compare(Expr.CompareOp op, Node left, Node right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    boolean test(SlotValues f) {
      return test(left.value(f), right.value(f));
    }

    private boolean test(Value l, Value r) {
      int cmp = compare(l, r);
      return cmp != INCOMPARABLE && (!op.ordering() || orderable(l)) && op.test(cmp);
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      Value[] column = left instanceof Slot s ? rows.values[s.slot] : null;
      if (column == null || !(right instanceof Literal literal)) {
        super.testBatch(rows, from, n, out);
        return;
      }
      // A value column against a constant (icp == true): no slot values needed.
      for (int i = 0; i < n; i++) {
        out[i] = test(column[from + i], literal.value);
      }
    }
  }

  static final class Between extends Condition {
    final Node operand;
    final Node low;
    final Node high;

    Between(Node operand, Node low, Node high) {
      this.operand = operand;
      this.low = low;
      this.high = high;
    }

    @Override
    boolean test(SlotValues f) {
      Value v = operand.value(f);
      int lo = compare(v, low.value(f));
      int hi = compare(v, high.value(f));
      return lo != INCOMPARABLE && hi != INCOMPARABLE && orderable(v) && lo >= 0 && hi <= 0;
    }
  }

  static final class In extends Condition {
    final Node operand;
    final Set<Value> values;

    In(Node operand, java.util.List<Value> values) {
      this.operand = operand;
      this.values = new HashSet<>(values);
    }

    @Override
    boolean test(SlotValues f) {
      Value v = operand.value(f);
      return v != null && values.contains(v);
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      Value[] column = operand instanceof Slot s ? rows.values[s.slot] : null;
      if (column == null) {
        super.testBatch(rows, from, n, out);
        return;
      }
      for (int i = 0; i < n; i++) {
        Value v = column[from + i];
        out[i] = v != null && values.contains(v);
      }
    }
  }

  static final class And extends Condition {
    final Node[] operands;

    And(Node[] operands) {
      this.operands = operands;
    }

    @Override
    boolean test(SlotValues f) {
      for (Node o : operands) {
        if (!o.test(f)) {
          return false;
        }
      }
      return true;
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      operands[0].testBatch(rows, from, n, out);
      boolean[] more = new boolean[n];
      for (int k = 1; k < operands.length; k++) {
        operands[k].testBatch(rows, from, n, more);
        for (int i = 0; i < n; i++) {
          out[i] &= more[i];
        }
      }
    }
  }

  static final class Or extends Condition {
    final Node[] operands;

    Or(Node[] operands) {
      this.operands = operands;
    }

    @Override
    boolean test(SlotValues f) {
      for (Node o : operands) {
        if (o.test(f)) {
          return true;
        }
      }
      return false;
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      operands[0].testBatch(rows, from, n, out);
      boolean[] more = new boolean[n];
      for (int k = 1; k < operands.length; k++) {
        operands[k].testBatch(rows, from, n, more);
        for (int i = 0; i < n; i++) {
          out[i] |= more[i];
        }
      }
    }
  }

  static final class Not extends Condition {
    final Node operand;

    Not(Node operand) {
      this.operand = operand;
    }

    @Override
    boolean test(SlotValues f) {
      return !operand.test(f);
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      operand.testBatch(rows, from, n, out);
      for (int i = 0; i < n; i++) {
        out[i] = !out[i];
      }
    }
  }

  static final class IsMissing extends Condition {
    final Node operand;

    IsMissing(Node operand) {
      this.operand = operand;
    }

    @Override
    boolean test(SlotValues f) {
      return operand.value(f) == null;
    }
  }

  static final class Lower extends Node {
    final Node operand;

    Lower(Node operand) {
      this.operand = operand;
    }

    @Override
    Value value(SlotValues f) {
      Value v = operand.value(f);
      return v instanceof Value.Str s ? Value.str(s.value().toLowerCase(Locale.ROOT)) : null;
    }
  }

  /**
   * {@code min <= slot <= max} (negated when {@code negate}) for a slot holding a long; anything
   * else goes to {@code generic}, the same expression compiled without the shortcut.
   */
  static final class SlotRange extends Condition {
    final int slot;
    final long min;
    final long max;
    final boolean negate;

    /** Longs beyond this magnitude go to {@code generic} too (see Plan's division rewrite). */
    final long guard;

    final Node generic;

    SlotRange(int slot, long min, long max, boolean negate, long guard, Node generic) {
      this.slot = slot;
      this.min = min;
      this.max = max;
      this.negate = negate;
      this.guard = guard;
      this.generic = generic;
    }

    @Override
    boolean test(SlotValues f) {
      if (f.kind[slot] == SlotValues.LONG) {
        long x = f.longs[slot];
        if (x >= -guard && x <= guard) {
          return (x >= min && x <= max) != negate;
        }
      }
      return generic.test(f);
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      long[] column = rows.longs[slot];
      if (column == null) {
        super.testBatch(rows, from, n, out);
        return;
      }
      java.util.BitSet missing = rows.missing[slot];
      if (missing == null && guard == Long.MAX_VALUE) {
        // The common case, a dense whole-number column: min <= x <= max as one unsigned
        // compare of x - min with the range's width, without branches.
        if (min > max) {
          java.util.Arrays.fill(out, 0, n, negate);
          return;
        }
        long width = max - min;
        for (int i = 0; i < n; i++) {
          out[i] = (Long.compareUnsigned(column[from + i] - min, width) <= 0) != negate;
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        long x = column[from + i];
        if (missing != null && missing.get(from + i)) {
          // Every comparison on a missing value is false, negated or not.
          out[i] = false;
        } else if (x >= -guard && x <= guard) {
          out[i] = (x >= min && x <= max) != negate;
        } else {
          out[i] = generic.test(rows.load(from + i));
        }
      }
    }
  }

  /** {@code min <= score <= max} in hundredths (negated when {@code negate}). */
  static final class ScoreRange extends Condition {
    final long min;
    final long max;
    final boolean negate;

    ScoreRange(long min, long max, boolean negate) {
      this.min = min;
      this.max = max;
      this.negate = negate;
    }

    @Override
    boolean test(SlotValues f) {
      return (f.score >= min && f.score <= max) != negate;
    }

    @Override
    void testBatch(Rows rows, int from, int n, boolean[] out) {
      long[] scores = rows.scores;
      for (int i = 0; i < n; i++) {
        long x = scores[from + i];
        out[i] = (x >= min && x <= max) != negate;
      }
    }
  }

  static final int INCOMPARABLE = Integer.MIN_VALUE;

  static boolean orderable(Value v) {
    return v instanceof Value.Num || v instanceof Value.Time;
  }

  /** compareTo of two values of one type; INCOMPARABLE when either is missing or types differ. */
  static int compare(Value l, Value r) {
    if (l == null || r == null || l.type() != r.type()) {
      return INCOMPARABLE;
    }
    int c;
    if (l instanceof Value.Num a && r instanceof Value.Num b) {
      c = a.value().compareTo(b.value());
    } else if (l instanceof Value.Time a && r instanceof Value.Time b) {
      c = a.value().compareTo(b.value());
    } else if (l instanceof Value.Str a && r instanceof Value.Str b) {
      c = a.value().compareTo(b.value());
    } else {
      c = Boolean.compare(((Value.Bool) l).value(), ((Value.Bool) r).value());
    }
    return c;
  }
}
