package dev.pls.core.internal.fast;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BALOAD;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IALOAD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IMUL;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.LUSHR;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Value;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/*
 * Generates, per plan and table layout, a class whose one method scores a chunk of rows a row at
 * a time, each rule as straight-line code: the shape of the hand-written baseline. The
 * column-at-a-time path (ChunkEvaluator.evaluate) makes a pass over the chunk per rule and keeps
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
 *   (== / != true or false) or a bare boolean condition over a value column, through RowLoop's
 *   static helpers;
 * - over typed columns (TableScorer binds int[], double[], boolean[] and dictionary codes): a range
 *   test over an int column as over a long one; a range test over a double column as the double
 *   range DoubleThresholds proves equal to the decimal comparison; == / != a boolean literal and
 *   a bare boolean over a boolean column; `in {...}` and == / != a string over a dictionary column
 *   as one load of a boolean[] indexed by the row's code, which the binding computes once per
 *   dictionary (Generated.constants) - each behind the column's missing bit when it has one;
 * - and/or/not of any of these or of precomputed leaves, with short-circuit jumps.
 * Every other leaf (a range test over a value column, arithmetic, is missing, lower(), times ...)
 * is precomputed column-at-a-time per chunk by ChunkTests into a boolean[] the generated code
 * reads, so every plan gets a generated loop unless:
 * - a rule's condition reads the score (the column path sees a partial score there), or an
 *   exclusion or tier leaf that is not inline reads it (it cannot be computed before the score);
 *   a category total counts as reading the score (it too is known only after the rules);
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
 *
 * Writing: ASM's ClassWriter and MethodVisitor write the class (ASM is pls-core's one dependency
 * besides Guava) as class-file version 61, Java 17's, with StackMapTable frames that ASM computes
 * (COMPUTE_FRAMES) rather than frames written with visitFrame: frames computed from the
 * instructions cannot disagree with them, whereas a frame kept by hand per label (locals come into
 * scope part way through a row; every rule, junction, exclusion and tier adds labels) would be one
 * more thing to get right with each new shape. The hand-written writer ASM replaced wrote version
 * 49 so as to need no frames, which left the class to the type-inferencing verifier HotSpot keeps
 * for pre-Java 6 class files; with ASM that reason is gone. Computing frames needs a common
 * superclass only where two different reference types meet at a jump target, and none do here:
 * every local holds one type for the whole method, and the operand stack is empty at every jump.
 * So getCommonSuperClass, which by default loads classes by name (and could not load the hidden
 * class), is overridden to fail: writing the loop loads no class.
 *
 * The instructions and locals are those the hand-written writer produced (RowLoopGeneratorTest's
 * golden listing of the seed template's loop; moving to version 61 added only frames and the
 * computed maximum stack), except that ASM writes the one-byte loads of locals 0 to 3 and LDC
 * for pool indexes below 256, so the code is a few bytes shorter, and that unreachable code (a
 * rule whose range test can never hold jumps over its points) becomes NOPs and an ATHROW, as
 * ASM does when it computes frames. The 8,000-byte limit is checked against the code ASM wrote,
 * which is the size HotSpot measures.
 */
/** Generates a {@link RowLoop} for a plan and a table layout. */
final class RowLoopGenerator {
  /** HotSpot's HugeMethodLimit: larger methods are never JIT-compiled. */
  static final int MAX_CODE = 8000;

  /** Slot layout codes: a long column, a long column with missing rows, a value column. */
  static final char LONG = 'L';

  static final char LONG_MISSING = 'M';
  static final char VALUE = 'V';

  /**
   * Typed slot layout codes: an int, double, boolean or dictionary-code column; each in lower case
   * ({@code i}, {@code d}, {@code b}, {@code s}) when the column has missing rows.
   */
  static final char INT = 'I';

  static final char DOUBLE = 'D';
  static final char BOOL = 'B';
  static final char DICTIONARY = 'S';

  /** The layout code of a column of {@code kind} (an upper-case code), with or without missing. */
  static char code(char kind, boolean missing) {
    if (kind == LONG) {
      return missing ? LONG_MISSING : LONG;
    }
    return missing ? Character.toLowerCase(kind) : kind;
  }

  private static char kindOf(char code) {
    return code == LONG_MISSING ? LONG : Character.toUpperCase(code);
  }

  private static boolean missingIn(char code) {
    return code == LONG_MISSING || Character.isLowerCase(code);
  }

  /** A generated loop and what its caller prepares per chunk. */
  static final class Generated {
    final RowLoop loop;

    /** Conditions the caller evaluates column-at-a-time per chunk, in hits[] order. */
    final Node[] leaves;

    /** The loop's constants; null where {@link #constants(String[][])} fills them per table. */
    final Object[] constants;

    /** Slots and guards the caller checks over a chunk before running the loop. */
    final int[] guardedSlots;

    final long[] guards;

    /** Per dictionary test: its constant's index, its node and the slot of its column. */
    final int[] dictionaryConstants;

    final Node[] dictionaryTests;
    final int[] dictionarySlots;

    Generated(
        RowLoop loop,
        Node[] leaves,
        Object[] constants,
        int[] guardedSlots,
        long[] guards,
        int[] dictionaryConstants,
        Node[] dictionaryTests,
        int[] dictionarySlots) {
      this.loop = loop;
      this.leaves = leaves;
      this.constants = constants;
      this.guardedSlots = guardedSlots;
      this.guards = guards;
      this.dictionaryConstants = dictionaryConstants;
      this.dictionaryTests = dictionaryTests;
      this.dictionarySlots = dictionarySlots;
    }

    /**
     * The constants for a table whose dictionary columns' entries are {@code dictionaries[slot]}:
     * each dictionary test becomes a boolean per entry, whether a present row with that code holds.
     */
    Object[] constants(String[][] dictionaries) {
      if (dictionaryConstants.length == 0) {
        return constants;
      }
      Object[] filled = constants.clone();
      for (int k = 0; k < dictionaryConstants.length; k++) {
        String[] words = dictionaries[dictionarySlots[k]];
        boolean[] holds = new boolean[words.length];
        Node test = dictionaryTests[k];
        for (int w = 0; w < words.length; w++) {
          holds[w] = holdsFor(test, Value.str(words[w]));
        }
        filled[dictionaryConstants[k]] = holds;
      }
      return filled;
    }

    /** A dictionary test ({@code in} or == / != a string) on a present string, as Node decides. */
    private static boolean holdsFor(Node test, Value word) {
      if (test instanceof Node.In in) {
        return in.values.contains(word);
      }
      Node.Compare c = (Node.Compare) test;
      boolean equal = word.equals(((Node.Literal) c.right).value);
      return equal == (c.op == Expr.CompareOp.EQ);
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

  private static final int COLUMNS = 1;
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
  private final ClassWriter file = new FrameComputingWriter();
  private MethodVisitor code;
  private final Map<Node, Integer> leafOf = new IdentityHashMap<>();
  private final List<Node> leaves = new ArrayList<>();
  private final Map<Node, Integer> constantOf = new IdentityHashMap<>();
  private final List<Object> constants = new ArrayList<>();
  private final List<String> constantTypes = new ArrayList<>();
  private final List<Integer> dictionaryConstants = new ArrayList<>();
  private final List<Node> dictionaryTests = new ArrayList<>();
  private final List<Integer> dictionarySlots = new ArrayList<>();
  private final boolean withFired;
  private final boolean withExclusion;
  private final List<Integer> guardedSlots = new ArrayList<>();
  private final List<Long> guards = new ArrayList<>();
  private final boolean[] used;
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

  private RowLoopGenerator(Plan plan, String layout, boolean withFired, boolean withExclusion) {
    if (layout.length() != plan.slots) {
      throw new IllegalArgumentException(
          "layout: " + layout.length() + " slots, the plan " + plan.slots);
    }
    this.plan = plan;
    this.layout = layout;
    this.withFired = withFired;
    this.withExclusion = withExclusion;
    used = new boolean[plan.slots];
    column = new int[plan.slots];
    missingWords = new int[plan.slots];
  }

  /**
   * The loop for {@code plan} over a table whose slot {@code s} is bound as {@code
   * layout.charAt(s)} ({@link #LONG}, {@link #LONG_MISSING} or {@link #VALUE}), or empty when the
   * plan is scored column-at-a-time (see the class comment).
   */
  static Optional<Generated> generate(Plan plan, String layout) {
    return generate(plan, layout, true, true);
  }

  /**
   * Like {@link #generate(Plan, String)}; the loop writes fired-rule words only when {@code
   * withFired} and exclusion indexes only when {@code withExclusion} (the other arrays may then be
   * null). Every layout code may be used, typed ones included.
   */
  static Optional<Generated> generate(
      Plan plan, String layout, boolean withFired, boolean withExclusion) {
    RowLoopGenerator generator = new RowLoopGenerator(plan, layout, withFired, withExclusion);
    return generator.write().map(bytes -> generator.generated(define(bytes)));
  }

  /** The class file {@link #generate} defines for {@code plan} and {@code layout}, or empty. */
  static Optional<byte[]> classFile(Plan plan, String layout) {
    return new RowLoopGenerator(plan, layout, true, true).write();
  }

  private Optional<byte[]> write() {
    for (Node rule : plan.ruleConditions) {
      if (readsScore(rule)) {
        return Optional.empty();
      }
    }
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
    file.visit(
        V17,
        ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
        "dev/pls/core/internal/fast/GeneratedRowLoop",
        null,
        RowLoop.NAME,
        null);
    if (runMethod() > MAX_CODE) {
      return Optional.empty();
    }
    MethodVisitor init = file.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, RowLoop.NAME, "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    file.visitEnd();
    return Optional.of(file.toByteArray());
  }

  private Generated generated(RowLoop loop) {
    return new Generated(
        loop,
        leaves.toArray(new Node[0]),
        constants.toArray(),
        guardedSlots.stream().mapToInt(Integer::intValue).toArray(),
        guards.stream().mapToLong(Long::longValue).toArray(),
        dictionaryConstants.stream().mapToInt(Integer::intValue).toArray(),
        dictionaryTests.toArray(new Node[0]),
        dictionarySlots.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * A ClassWriter computing frames and maximums without loading a class (see the class comment).
   */
  private static final class FrameComputingWriter extends ClassWriter {
    FrameComputingWriter() {
      super(COMPUTE_FRAMES);
    }

    @Override
    protected String getCommonSuperClass(String type, String other) {
      throw new AssertionError(
          "generated row loop merges two reference types: " + type + ", " + other);
    }
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

  private char kind(int slot) {
    return kindOf(layout.charAt(slot));
  }

  private boolean hasMissing(int slot) {
    return missingIn(layout.charAt(slot));
  }

  private boolean inline(Node node) {
    if (node instanceof Node.SlotRange s) {
      char k = kind(s.slot);
      return k == LONG
          || k == INT
          || (k == DOUBLE && s.guard == Long.MAX_VALUE && DoubleThresholds.of(s.generic) != null);
    }
    if (node instanceof Node.ScoreRange) {
      return true;
    }
    if (node instanceof Node.Slot slot) {
      // A bare boolean condition (hit_usage_limit : +20), as == true.
      return kind(slot.slot) == VALUE || kind(slot.slot) == BOOL;
    }
    if (node instanceof Node.In in) {
      return in.operand instanceof Node.Slot slot
          && (kind(slot.slot) == DICTIONARY
              || (kind(slot.slot) == VALUE
                  && in.values.stream().allMatch(v -> v instanceof Value.Str)));
    }
    if (node instanceof Node.Compare c) {
      if (!(c.left instanceof Node.Slot slot)
          || !(c.right instanceof Node.Literal literal)
          || (c.op != Expr.CompareOp.EQ && c.op != Expr.CompareOp.NE)) {
        return false;
      }
      char k = kind(slot.slot);
      return literal.value instanceof Value.Bool
          ? k == VALUE || k == BOOL
          : literal.value instanceof Value.Str && k == DICTIONARY;
    }
    return false;
  }

  /** Whether {@code node} is an inline test answered by a dictionary's boolean[]. */
  private boolean dictionaryTest(Node node) {
    return (node instanceof Node.In in && kind(((Node.Slot) in.operand).slot) == DICTIONARY)
        || (node instanceof Node.Compare c
            && c.left instanceof Node.Slot slot
            && kind(slot.slot) == DICTIONARY);
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
      used[s.slot] = true;
      // An int is within every guard (at most 2^31 < 10^15): only long columns are checked.
      if (s.guard != Long.MAX_VALUE && kind(s.slot) == LONG) {
        guardedSlots.add(s.slot);
        guards.add(s.guard);
      }
    } else if (dictionaryTest(node)) {
      int slot =
          node instanceof Node.In in
              ? ((Node.Slot) in.operand).slot
              : ((Node.Slot) ((Node.Compare) node).left).slot;
      used[slot] = true;
      constantOf.put(node, constants.size());
      dictionaryConstants.add(constants.size());
      dictionaryTests.add(node);
      dictionarySlots.add(slot);
      constants.add(null);
      constantTypes.add("[Z");
    } else if (node instanceof Node.In in) {
      used[((Node.Slot) in.operand).slot] = true;
      String[] strings =
          in.values.stream().map(v -> ((Value.Str) v).value()).sorted().toArray(String[]::new);
      constantOf.put(node, constants.size());
      constants.add(strings);
      constantTypes.add("[Ljava/lang/String;");
    } else if (node instanceof Node.Compare c) {
      used[((Node.Slot) c.left).slot] = true;
    } else if (node instanceof Node.Slot slot) {
      used[slot.slot] = true;
    }
  }

  /** Whether evaluating {@code node} reads the score. */
  static boolean readsScore(Node node) {
    if (node instanceof Node.Score
        || node instanceof Node.ScoreRange
        || node instanceof Node.CategoryTotal) {
      // A category total is known only once the rules are added up, as the score is.
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

  /** Writes the run method; returns the size of its code in bytes. */
  private int runMethod() {
    code = file.visitMethod(ACC_PUBLIC, RowLoop.RUN, RowLoop.RUN_DESCRIPTOR, null, null);
    code.visitCode();
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

    pushInt(0);
    code.visitVarInsn(ISTORE, i);
    Label head = new Label();
    Label end = new Label();
    code.visitLabel(head);
    code.visitVarInsn(ILOAD, i);
    code.visitVarInsn(ILOAD, N);
    code.visitJumpInsn(IF_ICMPGE, end);
    code.visitVarInsn(ILOAD, FROM);
    code.visitVarInsn(ILOAD, i);
    code.visitInsn(IADD);
    code.visitVarInsn(ISTORE, r);
    loadRow();
    rules();
    exclusionsAndTiers();
    storeRow(words);
    code.visitIincInsn(i, 1);
    code.visitJumpInsn(GOTO, head);
    code.visitLabel(end);
    code.visitInsn(RETURN);
    Label after = new Label();
    code.visitLabel(after);
    code.visitMaxs(0, 0);
    code.visitEnd();
    return after.getOffset();
  }

  private void pushInt(int v) {
    if (v >= -1 && v <= 5) {
      code.visitInsn(ICONST_0 + v);
    } else if (v == (byte) v) {
      code.visitIntInsn(BIPUSH, v);
    } else if (v == (short) v) {
      code.visitIntInsn(SIPUSH, v);
    } else {
      code.visitLdcInsn(v);
    }
  }

  private void pushLong(long v) {
    if (v == 0) {
      code.visitInsn(LCONST_0);
    } else if (v == 1) {
      code.visitInsn(LCONST_1);
    } else {
      code.visitLdcInsn(v);
    }
  }

  /** Columns, missing words, constants and precomputed hits into locals, once per chunk. */
  private void prologue() {
    for (int s = 0; s < plan.slots; s++) {
      if (!used[s]) {
        continue;
      }
      column[s] = allocate(1);
      char k = kind(s);
      if (k == VALUE) {
        element(VALUES, s, column[s]);
        continue;
      }
      code.visitVarInsn(ALOAD, COLUMNS);
      pushInt(s);
      code.visitInsn(AALOAD);
      code.visitTypeInsn(
          CHECKCAST, k == LONG ? "[J" : k == DOUBLE ? "[D" : k == BOOL ? "[Z" : "[I");
      code.visitVarInsn(ASTORE, column[s]);
      if (hasMissing(s)) {
        missingWords[s] = allocate(1);
        element(MISSING, s, missingWords[s]);
      }
    }
    constantLocal = new int[constants.size()];
    for (int k = 0; k < constants.size(); k++) {
      constantLocal[k] = allocate(1);
      code.visitVarInsn(ALOAD, CONSTANTS);
      pushInt(k);
      code.visitInsn(AALOAD);
      code.visitTypeInsn(CHECKCAST, constantTypes.get(k));
      code.visitVarInsn(ASTORE, constantLocal[k]);
    }
    hitLocal = new int[leaves.size()];
    for (int k = 0; k < leaves.size(); k++) {
      hitLocal[k] = allocate(1);
      element(HITS, k, hitLocal[k]);
    }
  }

  private void element(int array, int index, int into) {
    code.visitVarInsn(ALOAD, array);
    pushInt(index);
    code.visitInsn(AALOAD);
    code.visitVarInsn(ASTORE, into);
  }

  /**
   * The row's score and fired-rule words start at zero. Column values are loaded where a test reads
   * them (the JIT commons repeated loads): loading every column into locals first kept some thirty
   * longs live across the row, more than there are registers.
   */
  private void loadRow() {
    pushLong(0);
    code.visitVarInsn(LSTORE, score);
    for (int m : withFired ? mask : new int[0]) {
      pushLong(0);
      code.visitVarInsn(LSTORE, m);
    }
  }

  /** Per category: each rule's test, fired bit and points, with the category's cap and floor. */
  private void rules() {
    for (int c = 0; c < plan.hasCap.length; c++) {
      boolean cap = plan.hasCap[c];
      boolean floor = plan.hasFloor[c];
      boolean bounded = cap || floor;
      if (bounded) {
        pushLong(0);
        code.visitVarInsn(LSTORE, positive);
        pushLong(0);
        code.visitVarInsn(LSTORE, negative);
      }
      for (int rule = plan.categoryStart[c]; rule < plan.categoryStart[c + 1]; rule++) {
        Label skip = new Label();
        jump(plan.ruleConditions[rule], false, skip);
        if (withFired) {
          int m = mask[rule >>> 6];
          code.visitVarInsn(LLOAD, m);
          pushLong(1L << rule);
          code.visitInsn(LOR);
          code.visitVarInsn(LSTORE, m);
        }
        long points = plan.rulePoints[rule];
        if (!bounded) {
          add(score, points);
        } else if (points >= 0 && cap) {
          // positive += min(points, max(0, cap - positive))
          code.visitVarInsn(LLOAD, positive);
          pushLong(points);
          pushLong(0);
          pushLong(plan.cap[c]);
          code.visitVarInsn(LLOAD, positive);
          code.visitInsn(LSUB);
          code.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
          code.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
          code.visitInsn(LADD);
          code.visitVarInsn(LSTORE, positive);
        } else if (points >= 0) {
          add(positive, points);
        } else if (floor) {
          // negative += max(points, min(0, floor - negative))
          code.visitVarInsn(LLOAD, negative);
          pushLong(points);
          pushLong(0);
          pushLong(plan.floor[c]);
          code.visitVarInsn(LLOAD, negative);
          code.visitInsn(LSUB);
          code.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
          code.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
          code.visitInsn(LADD);
          code.visitVarInsn(LSTORE, negative);
        } else {
          add(negative, points);
        }
        code.visitLabel(skip);
      }
      if (bounded) {
        code.visitVarInsn(LLOAD, score);
        code.visitVarInsn(LLOAD, positive);
        code.visitInsn(LADD);
        code.visitVarInsn(LLOAD, negative);
        code.visitInsn(LADD);
        code.visitVarInsn(LSTORE, score);
      }
    }
  }

  private void add(int local, long points) {
    code.visitVarInsn(LLOAD, local);
    pushLong(points);
    code.visitInsn(LADD);
    code.visitVarInsn(LSTORE, local);
  }

  /** The first holding exclusion, then (when none holds) the first holding tier. */
  private void exclusionsAndTiers() {
    pushInt(-1);
    code.visitVarInsn(ISTORE, exclusion);
    Label excluded = new Label();
    for (int e = 0; e < plan.exclusions.length; e++) {
      Label next = new Label();
      jump(plan.exclusions[e], false, next);
      pushInt(e);
      code.visitVarInsn(ISTORE, exclusion);
      code.visitJumpInsn(GOTO, excluded);
      code.visitLabel(next);
    }
    code.visitLabel(excluded);
    pushInt(-1);
    code.visitVarInsn(ISTORE, tier);
    Label tiered = new Label();
    code.visitVarInsn(ILOAD, exclusion);
    code.visitJumpInsn(IFGE, tiered);
    for (int t = 0; t < plan.tiers.length; t++) {
      Label next = new Label();
      jump(plan.tiers[t], false, next);
      pushInt(t);
      code.visitVarInsn(ISTORE, tier);
      code.visitJumpInsn(GOTO, tiered);
      code.visitLabel(next);
    }
    code.visitLabel(tiered);
  }

  private void storeRow(int words) {
    code.visitVarInsn(ALOAD, SCORES);
    code.visitVarInsn(ILOAD, r);
    code.visitVarInsn(LLOAD, score);
    code.visitInsn(LASTORE);
    for (int w = 0; w < (withFired ? words : 0); w++) {
      code.visitVarInsn(ALOAD, FIRED);
      code.visitVarInsn(ILOAD, r);
      if (words > 1) {
        pushInt(words);
        code.visitInsn(IMUL);
        pushInt(w);
        code.visitInsn(IADD);
      }
      code.visitVarInsn(LLOAD, mask[w]);
      code.visitInsn(LASTORE);
    }
    code.visitVarInsn(ALOAD, TIER);
    code.visitVarInsn(ILOAD, r);
    code.visitVarInsn(ILOAD, tier);
    code.visitInsn(IASTORE);
    if (withExclusion) {
      code.visitVarInsn(ALOAD, EXCLUSION);
      code.visitVarInsn(ILOAD, r);
      code.visitVarInsn(ILOAD, exclusion);
      code.visitInsn(IASTORE);
    }
  }

  /** Jumps to {@code target} when {@code node} holds for row r is {@code when}; else falls on. */
  private void jump(Node node, boolean when, Label target) {
    if (node instanceof Node.And a) {
      junction(a.operands, false, when, target);
    } else if (node instanceof Node.Or o) {
      junction(o.operands, true, when, target);
    } else if (node instanceof Node.Not not) {
      jump(not.operand, !when, target);
    } else if (leafOf.containsKey(node)) {
      code.visitVarInsn(ALOAD, hitLocal[leafOf.get(node)]);
      code.visitVarInsn(ILOAD, i);
      code.visitInsn(BALOAD);
      code.visitJumpInsn(when ? IFNE : IFEQ, target);
    } else if (node instanceof Node.SlotRange s) {
      // Holds when present and (in range) != negate.
      boolean missing = hasMissing(s.slot);
      DoubleThresholds.Range d = kind(s.slot) == DOUBLE ? DoubleThresholds.of(s.generic) : null;
      if (when) {
        Label skip = new Label();
        if (missing) {
          missingBit(s.slot);
          code.visitJumpInsn(IFNE, skip);
        }
        if (d != null) {
          doubleRange(s.slot, d.lo(), d.hi(), !d.negate(), target);
        } else {
          range(s.slot, s.min, s.max, !s.negate, target);
        }
        code.visitLabel(skip);
      } else {
        if (missing) {
          missingBit(s.slot);
          code.visitJumpInsn(IFNE, target);
        }
        if (d != null) {
          doubleRange(s.slot, d.lo(), d.hi(), d.negate(), target);
        } else {
          range(s.slot, s.min, s.max, s.negate, target);
        }
      }
    } else if (dictionaryTest(node)) {
      int slot =
          node instanceof Node.In in
              ? ((Node.Slot) in.operand).slot
              : ((Node.Slot) ((Node.Compare) node).left).slot;
      int constant = constantLocal[constantOf.get(node)];
      present(
          slot,
          () -> {
            // holds[codes[r]]
            code.visitVarInsn(ALOAD, constant);
            code.visitVarInsn(ALOAD, column[slot]);
            code.visitVarInsn(ILOAD, r);
            code.visitInsn(IALOAD);
            code.visitInsn(BALOAD);
          },
          true,
          when,
          target);
    } else if (node instanceof Node.Slot slot && kind(slot.slot) == BOOL) {
      present(slot.slot, () -> boolAt(slot.slot), true, when, target);
    } else if (node instanceof Node.Slot slot) {
      code.visitVarInsn(ALOAD, column[slot.slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(AALOAD);
      pushInt(1);
      code.visitMethodInsn(
          INVOKESTATIC, RowLoop.NAME, RowLoop.IS_BOOL, RowLoop.IS_BOOL_DESCRIPTOR, false);
      code.visitJumpInsn(when ? IFNE : IFEQ, target);
    } else if (node instanceof Node.Compare c && kind(((Node.Slot) c.left).slot) == BOOL) {
      boolean wanted =
          ((Value.Bool) ((Node.Literal) c.right).value).value() == (c.op == Expr.CompareOp.EQ);
      int slot = ((Node.Slot) c.left).slot;
      present(slot, () -> boolAt(slot), wanted, when, target);
    } else if (node instanceof Node.ScoreRange s) {
      range(-1, s.min, s.max, when != s.negate, target);
    } else if (node instanceof Node.In in) {
      code.visitVarInsn(ALOAD, column[((Node.Slot) in.operand).slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(AALOAD);
      code.visitVarInsn(ALOAD, constantLocal[constantOf.get(node)]);
      code.visitMethodInsn(
          INVOKESTATIC, RowLoop.NAME, RowLoop.IS_ANY_OF, RowLoop.IS_ANY_OF_DESCRIPTOR, false);
      code.visitJumpInsn(when ? IFNE : IFEQ, target);
    } else if (node instanceof Node.Compare c) {
      boolean wanted =
          ((Value.Bool) ((Node.Literal) c.right).value).value() == (c.op == Expr.CompareOp.EQ);
      code.visitVarInsn(ALOAD, column[((Node.Slot) c.left).slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(AALOAD);
      pushInt(wanted ? 1 : 0);
      code.visitMethodInsn(
          INVOKESTATIC, RowLoop.NAME, RowLoop.IS_BOOL, RowLoop.IS_BOOL_DESCRIPTOR, false);
      code.visitJumpInsn(when ? IFNE : IFEQ, target);
    } else {
      throw new AssertionError("neither inline nor collected: " + node);
    }
  }

  /**
   * And ({@code or == false}) or or of {@code operands}: jumps to {@code target} when the whole is
   * {@code when}, short-circuiting as the operands are decided.
   */
  private void junction(Node[] operands, boolean or, boolean when, Label target) {
    if (when == or) {
      // An or jumps as soon as an operand holds; an and, to say it fails, as soon as one fails.
      for (Node o : operands) {
        jump(o, when, target);
      }
      return;
    }
    Label decided = new Label();
    for (int k = 0; k < operands.length - 1; k++) {
      jump(operands[k], or, decided);
    }
    jump(operands[operands.length - 1], when, target);
    code.visitLabel(decided);
  }

  /** Pushes the boolean column's value at row r, 0 or 1. */
  private void boolAt(int slot) {
    code.visitVarInsn(ALOAD, column[slot]);
    code.visitVarInsn(ILOAD, r);
    code.visitInsn(BALOAD);
  }

  /**
   * For a test that holds when the slot is present and the int {@code push} leaves is non-zero
   * ({@code nonZero}; zero otherwise): jumps to {@code target} when it holds is {@code when}.
   */
  private void present(int slot, Runnable push, boolean nonZero, boolean when, Label target) {
    boolean missing = hasMissing(slot);
    if (when) {
      Label skip = new Label();
      if (missing) {
        missingBit(slot);
        code.visitJumpInsn(IFNE, skip);
      }
      push.run();
      code.visitJumpInsn(nonZero ? IFNE : IFEQ, target);
      code.visitLabel(skip);
    } else {
      if (missing) {
        missingBit(slot);
        code.visitJumpInsn(IFNE, target);
      }
      push.run();
      code.visitJumpInsn(nonZero ? IFEQ : IFNE, target);
    }
  }

  /**
   * Jumps to {@code target} when (lo <= x < hi) is {@code in}, else falls on; x is the double
   * column's value at row r (never NaN: the table refuses it), lo and hi from DoubleThresholds.
   */
  private void doubleRange(int slot, double lo, double hi, boolean in, Label target) {
    boolean low = lo != Double.NEGATIVE_INFINITY;
    boolean high = hi != Double.POSITIVE_INFINITY;
    Label out = in ? new Label() : target;
    if (low) {
      code.visitVarInsn(ALOAD, column[slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(DALOAD);
      code.visitLdcInsn(lo);
      code.visitInsn(DCMPL);
      code.visitJumpInsn(IFLT, out);
    }
    if (high) {
      code.visitVarInsn(ALOAD, column[slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(DALOAD);
      code.visitLdcInsn(hi);
      code.visitInsn(DCMPL);
      code.visitJumpInsn(IFGE, out);
    }
    if (in) {
      code.visitJumpInsn(GOTO, target);
      code.visitLabel(out);
    }
  }

  /** Pushes {@code (words[r >>> 6] >>> r) & 1} for the slot's missing words: 1 when missing. */
  private void missingBit(int slot) {
    code.visitVarInsn(ALOAD, missingWords[slot]);
    code.visitVarInsn(ILOAD, r);
    pushInt(6);
    code.visitInsn(IUSHR);
    code.visitInsn(LALOAD);
    code.visitVarInsn(ILOAD, r);
    code.visitInsn(LUSHR);
    code.visitInsn(L2I);
    pushInt(1);
    code.visitInsn(IAND);
  }

  /**
   * Jumps to {@code target} when (min <= x <= max) is {@code in}, else falls on; x is the slot's
   * value at row r, or the score when {@code slot} is -1.
   */
  private void range(int slot, long min, long max, boolean in, Label target) {
    if (min > max) {
      if (!in) {
        code.visitJumpInsn(GOTO, target);
      }
      return;
    }
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      if (in) {
        code.visitJumpInsn(GOTO, target);
      }
      return;
    }
    if (slot < 0) {
      code.visitVarInsn(LLOAD, score);
    } else if (kind(slot) == INT) {
      code.visitVarInsn(ALOAD, column[slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(IALOAD);
      code.visitInsn(I2L);
    } else {
      code.visitVarInsn(ALOAD, column[slot]);
      code.visitVarInsn(ILOAD, r);
      code.visitInsn(LALOAD);
    }
    if (min == Long.MIN_VALUE) {
      pushLong(max);
      code.visitInsn(LCMP);
      code.visitJumpInsn(in ? IFLE : IFGT, target);
    } else if (max == Long.MAX_VALUE) {
      pushLong(min);
      code.visitInsn(LCMP);
      code.visitJumpInsn(in ? IFGE : IFLT, target);
    } else {
      // min <= x <= max as one unsigned compare of x - min with the width, biased to signed.
      pushLong(min);
      code.visitInsn(LSUB);
      pushLong(Long.MIN_VALUE);
      code.visitInsn(LADD);
      pushLong((max - min) + Long.MIN_VALUE);
      code.visitInsn(LCMP);
      code.visitJumpInsn(in ? IFLE : IFGT, target);
    }
  }
}
