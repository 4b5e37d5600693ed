package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Trait;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/*
 * Scores a feature table in chunks of ChunkEvaluator.CHUNK rows: by a RowLoop generated for the
 * plan and the table's layout where RowLoopGenerator generates one (see its class comment: a row
 * at a time, each rule straight-line code, other shapes precomputed per chunk by ChunkTests), else,
 * and for any chunk holding a value beyond a division's guard, a column of rules at a time
 * (ChunkEvaluator.evaluate, which the store runs too).
 *
 * Results are primitives (Outcomes): scores in hundredths, tier and exclusion indexes, and fired
 * rules as ceil(rules/64) longs per row. A row's card is assembled on demand from those and the
 * table's own columns, which the batch keeps (BatchResult, CardValues): nothing is scored again.
 */
/** The {@link FeatureScorer} over a plan. Immutable and thread-safe. */
public final class TableScorer {
  /** Layouts whose loops are kept; beyond, a loop is generated per call (or none is). */
  private static final int LOOPS_KEPT = 16;

  private final Plan plan;
  private final ChunkEvaluator evaluator;
  private final CardAssembler cards;
  private final boolean generate;
  private final Map<String, Optional<RowLoopGenerator.Generated>> loops = new ConcurrentHashMap<>();

  public TableScorer(Model model) {
    this(model, true);
  }

  /**
   * A scorer that never generates code: every plan column-at-a-time. For differential tests and
   * benchmarks of the two paths.
   */
  static TableScorer columnAtATime(Model model) {
    return new TableScorer(model, false);
  }

  private TableScorer(Model model, boolean generate) {
    this.generate = generate;
    if (requireNonNull(model, "model").memberModel().isPresent()) {
      throw new IllegalArgumentException(
          "model: '"
              + model.id()
              + "' rolls up members, which "
              + "a feature table"
              + " does not hold; score its accounts with Scorer.fast");
    }
    for (dev.pls.core.model.Rule r : model.rules()) {
      if (r.decay().isPresent()) {
        // A row holds the signals' values, not when their events happened: no age to decay by.
        throw new IllegalArgumentException(
            "model: rule '"
                + r.id()
                + "' has "
                + r.decay().get()
                + ", which needs the time of the events its condition read; a feature table"
                + " holds only values: score it with Scorer.fast or an EntityStore");
      }
    }
    this.plan = new Plan(model);
    this.evaluator = new ChunkEvaluator(plan);
    this.cards = new CardAssembler(plan);
  }

  public Model model() {
    return plan.model;
  }

  public BatchScores score(FeatureTable table, Instant asOf) {
    return score(table, asOf, false);
  }

  /** Like {@link #score(FeatureTable, Instant)}, spreading chunks over the common pool. */
  BatchScores scoreInParallel(FeatureTable table, Instant asOf) {
    return score(table, asOf, true);
  }

  private BatchScores score(FeatureTable table, Instant asOf, boolean parallel) {
    requireNonNull(table, "table");
    requireNonNull(asOf, "asOf");
    Bound bound = bound(table);
    Outcomes out = new Outcomes(plan, table.size());
    RowLoopGenerator.Generated loop = loop(bound.layout(), true, true).orElse(null);
    Object[] constants = loop == null ? null : loop.constants(bound.dictionaries());
    int chunk = ChunkEvaluator.CHUNK;
    int chunks = (table.size() + chunk - 1) / chunk;
    IntStream range = IntStream.range(0, chunks);
    (parallel ? range.parallel() : range)
        .forEach(
            c -> {
              int from = c * chunk;
              int n = Math.min(chunk, table.size() - from);
              Rows rows = bound.rows(out.scores, plan);
              if (loop != null && loop.guardsHold(bound.longs(), from, n)) {
                boolean[][] hits = hits(loop, n);
                run(
                    loop,
                    constants,
                    rows,
                    bound,
                    hits,
                    from,
                    n,
                    out.scores,
                    out.fired,
                    out.tier,
                    out.exclusion);
              } else {
                evaluator.evaluate(rows, bound.missingWords(), from, n, out, null);
              }
            });
    // The table's columns are the values of every row's card: kept as they are.
    return new BatchResult(plan, cards, asOf, out, table.ids()::get, bound::load);
  }

  /**
   * Whether scoring {@code table} runs generated code (a {@link RowLoop}) rather than the
   * column-at-a-time path: decided by the plan and by the table's layout (each slot's column type,
   * and whether it has missing rows).
   */
  boolean generates(FeatureTable table) {
    return loop(bound(requireNonNull(table, "table")).layout(), true, true).isPresent();
  }

  /**
   * The model bound to {@code table}: its columns resolved and checked once, the loops for its
   * layout generated (or found), so that scoring the binding does neither again.
   *
   * @throws IllegalArgumentException naming the column when one the model reads is absent, has the
   *     wrong type, or a value of a {@code Value[]} column has a type other than the model's
   */
  public TableBinding bind(FeatureTable table) {
    Bound bound = bound(requireNonNull(table, "table"));
    return new TableBinding(
        plan,
        evaluator,
        bound,
        loop(bound.layout(), true, false).orElse(null),
        loop(bound.layout(), false, false).orElse(null));
  }

  /** The columns the model reads, in slot order: traits (optional), then signals (required). */
  public List<FeatureTable.ColumnKey> columns() {
    List<FeatureTable.ColumnKey> columns = new ArrayList<>();
    for (String name : plan.traitNames) {
      Trait trait = plan.model.trait(name).orElseThrow();
      columns.add(
          new FeatureTable.ColumnKey(
              name, trait.type().valueType(), trait.type() == TraitType.INT, false));
    }
    for (Plan.AggSlot a : plan.aggregates) {
      columns.add(new FeatureTable.ColumnKey(plan.key(a), a.aggregate().type(), false, true));
    }
    return List.copyOf(columns);
  }

  Optional<RowLoopGenerator.Generated> loop(String layout, boolean fired, boolean exclusion) {
    if (!generate) {
      return Optional.empty();
    }
    String key = layout + (fired ? "F" : "-") + (exclusion ? "X" : "-");
    Optional<RowLoopGenerator.Generated> kept = loops.get(key);
    if (kept != null) {
      return kept;
    }
    if (loops.size() >= LOOPS_KEPT) {
      return RowLoopGenerator.generate(plan, layout, fired, exclusion);
    }
    return loops.computeIfAbsent(
        key, k -> RowLoopGenerator.generate(plan, layout, fired, exclusion));
  }

  /** Per precomputed leaf of {@code loop}, a boolean per row of a chunk of up to n rows. */
  static boolean[][] hits(RowLoopGenerator.Generated loop, int n) {
    boolean[][] hits = new boolean[loop.leaves.length][];
    for (int k = 0; k < hits.length; k++) {
      hits[k] = new boolean[n];
    }
    return hits;
  }

  /** Scores a chunk with a generated loop, its precomputed conditions first. */
  static void run(
      RowLoopGenerator.Generated loop,
      Object[] constants,
      Rows rows,
      Bound bound,
      boolean[][] hits,
      int from,
      int n,
      long[] scores,
      long[] fired,
      int[] tier,
      int[] exclusion) {
    for (int k = 0; k < hits.length; k++) {
      ChunkTests.test(loop.leaves[k], rows, bound.missingWords(), from, n, hits[k]);
    }
    loop.loop.runColumns(
        bound.columns(),
        bound.missingWords(),
        bound.values(),
        constants,
        hits,
        from,
        n,
        scores,
        fired,
        tier,
        exclusion);
  }

  /**
   * The table's columns in slot order: per slot a long column ({@code longs}, its missing rows in
   * {@code missing}), a value column ({@code values}), or a typed column ({@code typed}, with its
   * dictionary when it holds codes); {@code columns} holds the long or typed array of each slot as
   * generated loops read them, {@code missingWords} every missing set as bit words over the table,
   * and {@code layout} the slots' RowLoopGenerator codes.
   */
  record Bound(
      int size,
      long[][] longs,
      BitSet[] missing,
      long[][] missingWords,
      Value[][] values,
      Object[] typed,
      String[][] dictionaries,
      Object[] columns,
      String layout) {
    Rows rows(long[] scores, Plan plan) {
      return new Rows(
          longs,
          missing,
          values,
          typed,
          missingWords,
          dictionaries,
          scores,
          new SlotValues(plan.slots, plan.memos));
    }

    /** Row {@code row}'s values into {@code f}, as one entity's (for cards). */
    void load(int row, SlotValues f) {
      f.nextEntity();
      for (int s = 0; s < columns.length; s++) {
        if (values[s] != null) {
          f.setValue(s, values[s][row]);
        } else {
          TypedColumns.load(columns[s], missingWords[s], dictionaries[s], row, s, f);
        }
      }
    }
  }

  private Bound bound(FeatureTable table) {
    int slots = plan.slots;
    long[][] longs = new long[slots][];
    BitSet[] missing = new BitSet[slots];
    Value[][] values = new Value[slots][];
    Object[] typed = new Object[slots];
    String[][] dictionaries = new String[slots][];
    for (int i = 0; i < plan.traitNames.size(); i++) {
      String name = plan.traitNames.get(i);
      Trait trait = plan.model.trait(name).orElseThrow();
      bindColumn(
          table,
          name,
          plan.traitSlots.get(i),
          trait,
          null,
          longs,
          missing,
          values,
          typed,
          dictionaries);
    }
    for (Plan.AggSlot a : plan.aggregates) {
      for (String key : keys(a)) {
        if (table.column(key).isPresent()) {
          bindColumn(
              table,
              key,
              a.slot(),
              null,
              a.aggregate(),
              longs,
              missing,
              values,
              typed,
              dictionaries);
          break;
        }
      }
      if (longs[a.slot()] == null && values[a.slot()] == null && typed[a.slot()] == null) {
        throw new IllegalArgumentException(
            "table: no column '" + keys(a).get(0) + "', which the model reads");
      }
    }
    long[][] missingWords = new long[slots][];
    Object[] columns = new Object[slots];
    char[] layout = new char[slots];
    for (int s = 0; s < slots; s++) {
      if (missing[s] != null && !missing[s].isEmpty()) {
        // Padded to the table's size: toLongArray stops at the last missing row.
        missingWords[s] = Arrays.copyOf(missing[s].toLongArray(), (table.size() + 63) >>> 6);
      }
      boolean m = missingWords[s] != null;
      if (longs[s] != null) {
        columns[s] = longs[s];
        layout[s] = RowLoopGenerator.code(RowLoopGenerator.LONG, m);
      } else if (typed[s] != null) {
        columns[s] = typed[s];
        char kind =
            dictionaries[s] != null
                ? RowLoopGenerator.DICTIONARY
                : typed[s] instanceof int[]
                    ? RowLoopGenerator.INT
                    : typed[s] instanceof double[]
                        ? RowLoopGenerator.DOUBLE
                        : RowLoopGenerator.BOOL;
        layout[s] = RowLoopGenerator.code(kind, m);
      } else {
        layout[s] = RowLoopGenerator.VALUE;
      }
    }
    // Long columns keep their missing rows as a BitSet in Rows (the paths that read them); typed
    // ones as words only.
    for (int s = 0; s < slots; s++) {
      if (longs[s] == null) {
        missing[s] = null;
      }
    }
    return new Bound(
        table.size(),
        longs,
        missing,
        missingWords,
        values,
        typed,
        dictionaries,
        columns,
        new String(layout));
  }

  /** The keys a slot's column may have: one per signal name that reads this aggregate. */
  private List<String> keys(Plan.AggSlot a) {
    List<String> keys = new ArrayList<>();
    keys.add(plan.key(a));
    plan.model.signals().stream()
        .filter(s -> s.aggregate().equals(a.aggregate()))
        .map(s -> FeatureTable.key(s.name(), a.window()))
        .filter(k -> !keys.contains(k))
        .forEach(keys::add);
    return keys;
  }

  private static void bindColumn(
      FeatureTable table,
      String key,
      int slot,
      Trait trait,
      Aggregate aggregate,
      long[][] longs,
      BitSet[] missing,
      Value[][] values,
      Object[] typed,
      String[][] dictionaries) {
    Optional<Object> column = table.column(key);
    if (column.isEmpty()) {
      if (trait == null) {
        throw new IllegalArgumentException("table: no column '" + key + "'");
      }
      // An absent trait column is a trait nobody supplied: missing on every row.
      values[slot] = new Value[table.size()];
      return;
    }
    ValueType type = trait != null ? trait.type().valueType() : aggregate.type();
    Object c = column.get();
    if (!(c instanceof Value[])) {
      Optional<List<String>> dictionary = table.dictionary(key);
      ValueType holds =
          dictionary.isPresent()
              ? ValueType.STRING
              : c instanceof boolean[] ? ValueType.BOOLEAN : ValueType.NUMBER;
      if (type != holds) {
        throw new IllegalArgumentException(
            "table: column '"
                + key
                + "' holds "
                + (holds == ValueType.NUMBER ? "numbers" : holds.displayName() + "s")
                + ", but is a "
                + type.displayName());
      }
      if (c instanceof double[] && trait != null && trait.type() == TraitType.INT) {
        throw new IllegalArgumentException(
            "table: column '"
                + key
                + "' holds doubles, but trait '"
                + key
                + "' is int: give it as an int[] or long[] column");
      }
      if (c instanceof long[] l) {
        longs[slot] = l;
      } else {
        typed[slot] = c;
        dictionaries[slot] = dictionary.map(d -> d.toArray(new String[0])).orElse(null);
      }
      missing[slot] = table.missing(key).orElse(null);
      return;
    }
    Value[] vs = (Value[]) c;
    for (int row = 0; row < vs.length; row++) {
      Value v = vs[row];
      boolean ok = v == null || (trait != null ? trait.type().accepts(v) : v.type() == type);
      if (!ok) {
        throw new IllegalArgumentException(
            "table: column '"
                + key
                + "' row "
                + row
                + ": must be "
                + (trait != null ? trait.type().displayName() : type.displayName())
                + ", was "
                + v.type().displayName()
                + " "
                + v);
      }
    }
    values[slot] = vs;
  }
}
