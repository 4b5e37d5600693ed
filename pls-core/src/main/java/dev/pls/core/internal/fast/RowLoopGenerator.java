package dev.pls.core.internal.fast;

import static dev.pls.core.internal.fast.ClassFile.AALOAD;
import static dev.pls.core.internal.fast.ClassFile.ALOAD;
import static dev.pls.core.internal.fast.ClassFile.ASTORE;
import static dev.pls.core.internal.fast.ClassFile.BALOAD;
import static dev.pls.core.internal.fast.ClassFile.GOTO;
import static dev.pls.core.internal.fast.ClassFile.IADD;
import static dev.pls.core.internal.fast.ClassFile.IAND;
import static dev.pls.core.internal.fast.ClassFile.IASTORE;
import static dev.pls.core.internal.fast.ClassFile.IFEQ;
import static dev.pls.core.internal.fast.ClassFile.IFGE;
import static dev.pls.core.internal.fast.ClassFile.IFGT;
import static dev.pls.core.internal.fast.ClassFile.IFLE;
import static dev.pls.core.internal.fast.ClassFile.IFLT;
import static dev.pls.core.internal.fast.ClassFile.IFNE;
import static dev.pls.core.internal.fast.ClassFile.IF_ICMPGE;
import static dev.pls.core.internal.fast.ClassFile.ILOAD;
import static dev.pls.core.internal.fast.ClassFile.IMUL;
import static dev.pls.core.internal.fast.ClassFile.ISTORE;
import static dev.pls.core.internal.fast.ClassFile.IUSHR;
import static dev.pls.core.internal.fast.ClassFile.L2I;
import static dev.pls.core.internal.fast.ClassFile.LADD;
import static dev.pls.core.internal.fast.ClassFile.LALOAD;
import static dev.pls.core.internal.fast.ClassFile.LASTORE;
import static dev.pls.core.internal.fast.ClassFile.LCMP;
import static dev.pls.core.internal.fast.ClassFile.LLOAD;
import static dev.pls.core.internal.fast.ClassFile.LOR;
import static dev.pls.core.internal.fast.ClassFile.LSTORE;
import static dev.pls.core.internal.fast.ClassFile.LSUB;
import static dev.pls.core.internal.fast.ClassFile.LUSHR;
import static dev.pls.core.internal.fast.ClassFile.RETURN;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Value;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Generates, per plan and table layout, a class whose one method scores a chunk of rows a row at
 * a time, each rule as straight-line code: the shape of the hand-written baseline. The
 * column-at-a-time path (TableScorer.evaluate) makes a pass over the chunk per rule and keeps
 * every row's score and mask in arrays; an interpreter over rules per row pays a dispatch and a
 * data-dependent branch per rule (it was measured at 3.4x the column path). Generated code keeps
 * a row's score, fired-rule words, category totals, exclusion and tier in locals, and reads each
 * column once per row.
 *
 * What is generated, per condition node (the "inline" shapes):
 * - a range test (SlotRange) over a slot bound to a long[] column: one signed or unsigned compare,
 *   and a bit of the column's missing words when it has missing rows (a missing value fails every
 *   comparison, negated or not). A range test under a division's guard (Plan.specialiseDivision)
 *   is generated too; the caller checks the guard over the chunk's column first and scores the
 *   whole chunk column-at-a-time when a value is beyond it, so such values go to the generic
 *   node exactly as before;
 * - a score range (ScoreRange) in an exclusion or tier, over the row's final score;
 * - string membership over a value column when every candidate is a string, and boolean equality
 *   (== / != true or false) over a value column, through RowLoop's static helpers;
 * - and/or/not of any of these or of precomputed leaves, with short-circuit jumps.
 * Every other leaf (a range test over a value column, arithmetic, is missing, lower(), times ...)
 * is precomputed column-at-a-time per chunk by ChunkTests into a boolean[] the generated code
 * reads, so every plan gets a generated loop unless:
 * - a rule's condition reads the score (the column path sees a partial score there), or an
 *   exclusion or tier leaf that is not inline reads it (it cannot be computed before the score);
 * - the method would exceed 8,000 bytes of bytecode, beyond which HotSpot does not compile it.
 * Then the plan is scored column-at-a-time, as before. The choice depends only on the plan and on
 * which slots the table binds to long columns (with or without missing rows) or value columns.
 *
 * Safety: the class is made only from the planner's constants (bounds, points, caps, floors,
 * rule and slot numbers) and the model's string literals passed as data in an Object[] (never as
 * code); it has one loop, bounded by the chunk's size, and calls only RowLoop's two helpers and
 * Math.min/max. It is defined as a hidden class of this package through a full-privilege lookup,
 * which works in the named module dev.pls.core and on the class path alike, and is unloaded with
 * the scorer that holds it.
 */
/** Generates a {@link RowLoop} for a plan and a table layout. */
final class RowLoopGenerator {
  /** HotSpot's HugeMethodLimit: larger methods are never JIT-compiled. */
  static final int MAX_CODE = 8000;

  /** Slot layout codes: a long column, a long column with missing rows, a value column. */
  static final char LONG = 'L';

  static final char LONG_MISSING = 'M';
  static final char VALUE = 'V';

  /** A generated loop and what its caller prepares per chunk. */
  static final class Generated {
    final RowLoop loop;

    /** Conditions the caller evaluates column-at-a-time per chunk, in hits[] order. */
    final Node[] leaves;

    final Object[] constants;

    /** Slots and guards the caller checks over a chunk before running the loop. */
    final int[] guardedSlots;

    final long[] guards;

    Generated(RowLoop loop, Node[] leaves, Object[] constants, int[] guardedSlots, long[] guards) {
      this.loop = loop;
      this.leaves = leaves;
      this.constants = constants;
      this.guardedSlots = guardedSlots;
      this.guards = guards;
    }

    /** Whether every value of the guarded columns in the chunk is within its guard. */
    boolean guardsHold(long[][] longs, int from, int n) {
      for (int g = 0; g < guardedSlots.length; g++) {
        long[] column = longs[guardedSlots[g]];
        long guard = guards[g];
        boolean beyond = false;
        for (int i = from; i < from + n; i++) {
          beyond |= column[i] < -guard | column[i] > guard;
        }
        if (beyond) {
          return false;
        }
      }
      return true;
    }
  }

  private static final int LONGS = 1;
  private static final int MISSING = 2;
  private static final int VALUES = 3;
  private static final int CONSTANTS = 4;
  private static final int HITS = 5;
  private static final int FROM = 6;
  private static final int N = 7;
  private static final int SCORES = 8;
  private static final int FIRED = 9;
  private static final int TIER = 10;
  private static final int EXCLUSION = 11;

  private final Plan plan;
  private final String layout;
  private final ClassFile file;
  private ClassFile.Code code;
  private final Map<Node, Integer> leafOf = new IdentityHashMap<>();
  private final List<Node> leaves = new ArrayList<>();
  private final Map<Node, Integer> constantOf = new IdentityHashMap<>();
  private final List<Object> constants = new ArrayList<>();
  private final List<Integer> guardedSlots = new ArrayList<>();
  private final List<Long> guards = new ArrayList<>();
  private final boolean[] longUsed;
  private final boolean[] valueUsed;
  private final int[] column;
  private final int[] missingWords;
  private int[] constantLocal;
  private int[] hitLocal;
  private int next = EXCLUSION + 1;
  private int i;
  private int r;
  private int score;
  private int[] mask;
  private int positive;
  private int negative;
  private int exclusion;
  private int tier;
  private boolean scoreRead;

  private RowLoopGenerator(Plan plan, String layout) {
    this.plan = plan;
    this.layout = layout;
    this.file = new ClassFile("dev/pls/core/internal/fast/GeneratedRowLoop", RowLoop.NAME);
    longUsed = new boolean[plan.slots];
    valueUsed = new boolean[plan.slots];
    column = new int[plan.slots];
    missingWords = new int[plan.slots];
  }

  /**
   * The loop for {@code plan} over a table whose slot {@code s} is bound as {@code
   * layout.charAt(s)} ({@link #LONG}, {@link #LONG_MISSING} or {@link #VALUE}), or empty when the
   * plan is scored column-at-a-time (see the class comment).
   */
  static Optional<Generated> generate(Plan plan, String layout) {
    if (layout.length() != plan.slots) {
      throw new IllegalArgumentException(
          "layout: " + layout.length() + " slots, the plan " + plan.slots);
    }
    for (Node rule : plan.ruleConditions) {
      if (readsScore(rule)) {
        return Optional.empty();
      }
    }
    return new RowLoopGenerator(plan, layout).generate();
  }

  private Optional<Generated> generate() {
    for (Node rule : plan.ruleConditions) {
      collect(rule);
    }
    for (Node x : plan.exclusions) {
      collect(x);
    }
    for (Node t : plan.tiers) {
      collect(t);
    }
    if (scoreRead) {
      return Optional.empty();
    }
    ClassFile.Code run = runMethod();
    if (run.size() > MAX_CODE) {
      return Optional.empty();
    }
    file.method(RowLoop.RUN, RowLoop.RUN_DESCRIPTOR, run);
    ClassFile.Code init = new ClassFile.Code(file, 1, 1);
    init.local(ALOAD, 0);
    init.invokeSpecial(RowLoop.NAME, "<init>", "()V");
    init.op(RETURN);
    file.method("<init>", "()V", init);
    RowLoop loop = define(file.bytes());
    return Optional.of(
        new Generated(
            loop,
            leaves.toArray(new Node[0]),
            constants.toArray(),
            guardedSlots.stream().mapToInt(Integer::intValue).toArray(),
            guards.stream().mapToLong(Long::longValue).toArray()));
  }

  private static RowLoop define(byte[] bytes) {
    try {
      MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
      return (RowLoop)
          hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
    } catch (Throwable e) {
      // The bytes come from this class alone: a class the JVM refuses is a bug here.
      throw new AssertionError("generated row loop was refused", e);
    }
  }

  // ---- Which nodes are inline, which are precomputed leaves.

  private boolean isLong(int slot) {
    return layout.charAt(slot) != VALUE;
  }

  private boolean inline(Node node) {
    if (node instanceof Node.SlotRange s) {
      return isLong(s.slot);
    }
    if (node instanceof Node.ScoreRange) {
      return true;
    }
    if (node instanceof Node.In in) {
      return in.operand instanceof Node.Slot slot
          && !isLong(slot.slot)
          && in.values.stream().allMatch(v -> v instanceof Value.Str);
    }
    if (node instanceof Node.Compare c) {
      return c.left instanceof Node.Slot slot
          && !isLong(slot.slot)
          && c.right instanceof Node.Literal literal
          && literal.value instanceof Value.Bool
          && (c.op == Expr.CompareOp.EQ || c.op == Expr.CompareOp.NE);
    }
    return false;
  }

  private void collect(Node node) {
    if (node instanceof Node.And a) {
      for (Node o : a.operands) {
        collect(o);
      }
    } else if (node instanceof Node.Or o) {
      for (Node operand : o.operands) {
        collect(operand);
      }
    } else if (node instanceof Node.Not not) {
      collect(not.operand);
    } else if (!inline(node)) {
      scoreRead |= readsScore(node);
      leafOf.put(node, leaves.size());
      leaves.add(node);
    } else if (node instanceof Node.SlotRange s) {
      longUsed[s.slot] = true;
      if (s.guard != Long.MAX_VALUE) {
        guardedSlots.add(s.slot);
        guards.add(s.guard);
      }
    } else if (node instanceof Node.In in) {
      valueUsed[((Node.Slot) in.operand).slot] = true;
      String[] strings =
          in.values.stream().map(v -> ((Value.Str) v).value()).sorted().toArray(String[]::new);
      constantOf.put(node, constants.size());
      constants.add(strings);
    } else if (node instanceof Node.Compare c) {
      valueUsed[((Node.Slot) c.left).slot] = true;
    }
  }

  /** Whether evaluating {@code node} reads the score. */
  static boolean readsScore(Node node) {
    if (node instanceof Node.Score || node instanceof Node.ScoreRange) {
      return true;
    } else if (node instanceof Node.Arith a) {
      return readsScore(a.left) || readsScore(a.right);
    } else if (node instanceof Node.Compare c) {
      return readsScore(c.left) || readsScore(c.right);
    } else if (node instanceof Node.Between b) {
      return readsScore(b.operand) || readsScore(b.low) || readsScore(b.high);
    } else if (node instanceof Node.In in) {
      return readsScore(in.operand);
    } else if (node instanceof Node.And a) {
      return any(a.operands);
    } else if (node instanceof Node.Or o) {
      return any(o.operands);
    } else if (node instanceof Node.Not n) {
      return readsScore(n.operand);
    } else if (node instanceof Node.IsMissing m) {
      return readsScore(m.operand);
    } else if (node instanceof Node.Lower l) {
      return readsScore(l.operand);
    } else if (node instanceof Node.SlotRange s) {
      return readsScore(s.generic);
    }
    return false;
  }

  private static boolean any(Node[] nodes) {
    for (Node n : nodes) {
      if (readsScore(n)) {
        return true;
      }
    }
    return false;
  }

  // ---- Code.

  private int allocate(int size) {
    int at = next;
    next += size;
    return at;
  }

  private ClassFile.Code runMethod() {
    code = new ClassFile.Code(file, 16, next);
    prologue();
    i = allocate(1);
    r = allocate(1);
    score = allocate(2);
    int words = Math.max(1, (plan.rules.length + 63) >>> 6);
    mask = new int[words];
    for (int w = 0; w < words; w++) {
      mask[w] = allocate(2);
    }
    positive = allocate(2);
    negative = allocate(2);
    exclusion = allocate(1);
    tier = allocate(1);

    code.pushInt(0);
    code.local(ISTORE, i);
    ClassFile.Label head = code.label();
    ClassFile.Label end = code.label();
    code.place(head);
    code.local(ILOAD, i);
    code.local(ILOAD, N);
    code.jump(IF_ICMPGE, end);
    code.local(ILOAD, FROM);
    code.local(ILOAD, i);
    code.op(IADD);
    code.local(ISTORE, r);
    loadRow();
    rules();
    exclusionsAndTiers();
    storeRow(words);
    code.increment(i, 1);
    code.jump(GOTO, head);
    code.place(end);
    code.op(RETURN);
    return code;
  }

  /** Columns, missing words, constants and precomputed hits into locals, once per chunk. */
  private void prologue() {
    for (int s = 0; s < plan.slots; s++) {
      if (longUsed[s]) {
        column[s] = allocate(1);
        element(LONGS, s, column[s]);
        if (layout.charAt(s) == LONG_MISSING) {
          missingWords[s] = allocate(1);
          element(MISSING, s, missingWords[s]);
        }
      } else if (valueUsed[s]) {
        column[s] = allocate(1);
        element(VALUES, s, column[s]);
      }
    }
    constantLocal = new int[constants.size()];
    for (int k = 0; k < constants.size(); k++) {
      constantLocal[k] = allocate(1);
      code.local(ALOAD, CONSTANTS);
      code.pushInt(k);
      code.op(AALOAD);
      code.checkCast("[Ljava/lang/String;");
      code.local(ASTORE, constantLocal[k]);
    }
    hitLocal = new int[leaves.size()];
    for (int k = 0; k < leaves.size(); k++) {
      hitLocal[k] = allocate(1);
      element(HITS, k, hitLocal[k]);
    }
  }

  private void element(int array, int index, int into) {
    code.local(ALOAD, array);
    code.pushInt(index);
    code.op(AALOAD);
    code.local(ASTORE, into);
  }

  /**
   * The row's score and fired-rule words start at zero. Column values are loaded where a test reads
   * them (the JIT commons repeated loads): loading every column into locals first kept some thirty
   * longs live across the row, more than there are registers.
   */
  private void loadRow() {
    code.pushLong(0);
    code.local(LSTORE, score);
    for (int m : mask) {
      code.pushLong(0);
      code.local(LSTORE, m);
    }
  }

  /** Per category: each rule's test, fired bit and points, with the category's cap and floor. */
  private void rules() {
    for (int c = 0; c < plan.hasCap.length; c++) {
      boolean cap = plan.hasCap[c];
      boolean floor = plan.hasFloor[c];
      boolean bounded = cap || floor;
      if (bounded) {
        code.pushLong(0);
        code.local(LSTORE, positive);
        code.pushLong(0);
        code.local(LSTORE, negative);
      }
      for (int rule = plan.categoryStart[c]; rule < plan.categoryStart[c + 1]; rule++) {
        ClassFile.Label skip = code.label();
        jump(plan.ruleConditions[rule], false, skip);
        int m = mask[rule >>> 6];
        code.local(LLOAD, m);
        code.pushLong(1L << rule);
        code.op(LOR);
        code.local(LSTORE, m);
        long points = plan.rulePoints[rule];
        if (!bounded) {
          add(score, points);
        } else if (points >= 0 && cap) {
          // positive += min(points, max(0, cap - positive))
          code.local(LLOAD, positive);
          code.pushLong(points);
          code.pushLong(0);
          code.pushLong(plan.cap[c]);
          code.local(LLOAD, positive);
          code.op(LSUB);
          code.invokeStatic("java/lang/Math", "max", "(JJ)J");
          code.invokeStatic("java/lang/Math", "min", "(JJ)J");
          code.op(LADD);
          code.local(LSTORE, positive);
        } else if (points >= 0) {
          add(positive, points);
        } else if (floor) {
          // negative += max(points, min(0, floor - negative))
          code.local(LLOAD, negative);
          code.pushLong(points);
          code.pushLong(0);
          code.pushLong(plan.floor[c]);
          code.local(LLOAD, negative);
          code.op(LSUB);
          code.invokeStatic("java/lang/Math", "min", "(JJ)J");
          code.invokeStatic("java/lang/Math", "max", "(JJ)J");
          code.op(LADD);
          code.local(LSTORE, negative);
        } else {
          add(negative, points);
        }
        code.place(skip);
      }
      if (bounded) {
        code.local(LLOAD, score);
        code.local(LLOAD, positive);
        code.op(LADD);
        code.local(LLOAD, negative);
        code.op(LADD);
        code.local(LSTORE, score);
      }
    }
  }

  private void add(int local, long points) {
    code.local(LLOAD, local);
    code.pushLong(points);
    code.op(LADD);
    code.local(LSTORE, local);
  }

  /** The first holding exclusion, then (when none holds) the first holding tier. */
  private void exclusionsAndTiers() {
    code.pushInt(-1);
    code.local(ISTORE, exclusion);
    ClassFile.Label excluded = code.label();
    for (int e = 0; e < plan.exclusions.length; e++) {
      ClassFile.Label next = code.label();
      jump(plan.exclusions[e], false, next);
      code.pushInt(e);
      code.local(ISTORE, exclusion);
      code.jump(GOTO, excluded);
      code.place(next);
    }
    code.place(excluded);
    code.pushInt(-1);
    code.local(ISTORE, tier);
    ClassFile.Label tiered = code.label();
    code.local(ILOAD, exclusion);
    code.jump(IFGE, tiered);
    for (int t = 0; t < plan.tiers.length; t++) {
      ClassFile.Label next = code.label();
      jump(plan.tiers[t], false, next);
      code.pushInt(t);
      code.local(ISTORE, tier);
      code.jump(GOTO, tiered);
      code.place(next);
    }
    code.place(tiered);
  }

  private void storeRow(int words) {
    code.local(ALOAD, SCORES);
    code.local(ILOAD, r);
    code.local(LLOAD, score);
    code.op(LASTORE);
    for (int w = 0; w < words; w++) {
      code.local(ALOAD, FIRED);
      code.local(ILOAD, r);
      if (words > 1) {
        code.pushInt(words);
        code.op(IMUL);
        code.pushInt(w);
        code.op(IADD);
      }
      code.local(LLOAD, mask[w]);
      code.op(LASTORE);
    }
    code.local(ALOAD, TIER);
    code.local(ILOAD, r);
    code.local(ILOAD, tier);
    code.op(IASTORE);
    code.local(ALOAD, EXCLUSION);
    code.local(ILOAD, r);
    code.local(ILOAD, exclusion);
    code.op(IASTORE);
  }

  /** Jumps to {@code target} when {@code node} holds for row r is {@code when}; else falls on. */
  private void jump(Node node, boolean when, ClassFile.Label target) {
    if (node instanceof Node.And a) {
      junction(a.operands, false, when, target);
    } else if (node instanceof Node.Or o) {
      junction(o.operands, true, when, target);
    } else if (node instanceof Node.Not not) {
      jump(not.operand, !when, target);
    } else if (leafOf.containsKey(node)) {
      code.local(ALOAD, hitLocal[leafOf.get(node)]);
      code.local(ILOAD, i);
      code.op(BALOAD);
      code.jump(when ? IFNE : IFEQ, target);
    } else if (node instanceof Node.SlotRange s) {
      // Holds when present and (in range) != negate.
      boolean missing = layout.charAt(s.slot) == LONG_MISSING;
      if (when) {
        ClassFile.Label skip = code.label();
        if (missing) {
          missingBit(s.slot);
          code.jump(IFNE, skip);
        }
        range(s.slot, s.min, s.max, !s.negate, target);
        code.place(skip);
      } else {
        if (missing) {
          missingBit(s.slot);
          code.jump(IFNE, target);
        }
        range(s.slot, s.min, s.max, s.negate, target);
      }
    } else if (node instanceof Node.ScoreRange s) {
      range(-1, s.min, s.max, when != s.negate, target);
    } else if (node instanceof Node.In in) {
      code.local(ALOAD, column[((Node.Slot) in.operand).slot]);
      code.local(ILOAD, r);
      code.op(AALOAD);
      code.local(ALOAD, constantLocal[constantOf.get(node)]);
      code.invokeStatic(RowLoop.NAME, RowLoop.IS_ANY_OF, RowLoop.IS_ANY_OF_DESCRIPTOR);
      code.jump(when ? IFNE : IFEQ, target);
    } else if (node instanceof Node.Compare c) {
      boolean wanted =
          ((Value.Bool) ((Node.Literal) c.right).value).value() == (c.op == Expr.CompareOp.EQ);
      code.local(ALOAD, column[((Node.Slot) c.left).slot]);
      code.local(ILOAD, r);
      code.op(AALOAD);
      code.pushInt(wanted ? 1 : 0);
      code.invokeStatic(RowLoop.NAME, RowLoop.IS_BOOL, RowLoop.IS_BOOL_DESCRIPTOR);
      code.jump(when ? IFNE : IFEQ, target);
    } else {
      throw new AssertionError("neither inline nor collected: " + node);
    }
  }

  /**
   * And ({@code or == false}) or or of {@code operands}: jumps to {@code target} when the whole is
   * {@code when}, short-circuiting as the operands are decided.
   */
  private void junction(Node[] operands, boolean or, boolean when, ClassFile.Label target) {
    if (when == or) {
      // An or jumps as soon as an operand holds; an and, to say it fails, as soon as one fails.
      for (Node o : operands) {
        jump(o, when, target);
      }
      return;
    }
    ClassFile.Label decided = code.label();
    for (int k = 0; k < operands.length - 1; k++) {
      jump(operands[k], or, decided);
    }
    jump(operands[operands.length - 1], when, target);
    code.place(decided);
  }

  /** Pushes {@code (words[r >>> 6] >>> r) & 1} for the slot's missing words: 1 when missing. */
  private void missingBit(int slot) {
    code.local(ALOAD, missingWords[slot]);
    code.local(ILOAD, r);
    code.pushInt(6);
    code.op(IUSHR);
    code.op(LALOAD);
    code.local(ILOAD, r);
    code.op(LUSHR);
    code.op(L2I);
    code.pushInt(1);
    code.op(IAND);
  }

  /**
   * Jumps to {@code target} when (min <= x <= max) is {@code in}, else falls on; x is the slot's
   * value at row r, or the score when {@code slot} is -1.
   */
  private void range(int slot, long min, long max, boolean in, ClassFile.Label target) {
    if (min > max) {
      if (!in) {
        code.jump(GOTO, target);
      }
      return;
    }
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      if (in) {
        code.jump(GOTO, target);
      }
      return;
    }
    if (slot < 0) {
      code.local(LLOAD, score);
    } else {
      code.local(ALOAD, column[slot]);
      code.local(ILOAD, r);
      code.op(LALOAD);
    }
    if (min == Long.MIN_VALUE) {
      code.pushLong(max);
      code.op(LCMP);
      code.jump(in ? IFLE : IFGT, target);
    } else if (max == Long.MAX_VALUE) {
      code.pushLong(min);
      code.op(LCMP);
      code.jump(in ? IFGE : IFLT, target);
    } else {
      // min <= x <= max as one unsigned compare of x - min with the width, biased to signed.
      code.pushLong(min);
      code.op(LSUB);
      code.pushLong(Long.MIN_VALUE);
      code.op(LADD);
      code.pushLong((max - min) + Long.MIN_VALUE);
      code.op(LCMP);
      code.jump(in ? IFLE : IFGT, target);
    }
  }
}
