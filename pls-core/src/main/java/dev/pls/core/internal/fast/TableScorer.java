package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Trait;
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
    Bound bound = bind(table);
    Outcomes out = new Outcomes(plan, table.size());
    RowLoopGenerator.Generated loop = loop(bound).orElse(null);
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
                run(loop, rows, bound.missingWords(), from, n, out);
              } else {
                evaluator.evaluate(rows, bound.missingWords(), from, n, out, null);
              }
            });
    // The table's columns are the values of every row's card: kept as they are, one part.
    CardValues values = new CardValues(bound.longs(), bound.missingWords(), bound.values());
    return new BatchResult(
        plan,
        cards,
        asOf,
        out,
        table.ids()::get,
        new CardValues[] {values},
        Math.max(1, table.size()));
  }

  /**
   * Whether scoring {@code table} runs generated code (a {@link RowLoop}) rather than the
   * column-at-a-time path: decided by the plan and by which slots the table binds to long columns
   * (with or without missing rows) and which to value columns.
   */
  boolean generates(FeatureTable table) {
    return loop(bind(requireNonNull(table, "table"))).isPresent();
  }

  private Optional<RowLoopGenerator.Generated> loop(Bound bound) {
    if (!generate) {
      return Optional.empty();
    }
    char[] layout = new char[plan.slots];
    for (int s = 0; s < plan.slots; s++) {
      layout[s] =
          bound.longs()[s] == null
              ? RowLoopGenerator.VALUE
              : bound.missingWords()[s] == null
                  ? RowLoopGenerator.LONG
                  : RowLoopGenerator.LONG_MISSING;
    }
    String key = new String(layout);
    Optional<RowLoopGenerator.Generated> kept = loops.get(key);
    if (kept != null) {
      return kept;
    }
    if (loops.size() >= LOOPS_KEPT) {
      return RowLoopGenerator.generate(plan, key);
    }
    return loops.computeIfAbsent(key, k -> RowLoopGenerator.generate(plan, k));
  }

  /** Scores a chunk with a generated loop, its precomputed conditions first. */
  private static void run(
      RowLoopGenerator.Generated loop,
      Rows rows,
      long[][] missingWords,
      int from,
      int n,
      Outcomes out) {
    boolean[][] hits = new boolean[loop.leaves.length][];
    for (int k = 0; k < hits.length; k++) {
      hits[k] = new boolean[n];
      ChunkTests.test(loop.leaves[k], rows, missingWords, from, n, hits[k]);
    }
    loop.loop.run(
        rows.longs,
        missingWords,
        rows.values,
        loop.constants,
        hits,
        from,
        n,
        out.scores,
        out.fired,
        out.tier,
        out.exclusion);
  }

  /** The table's columns in slot order. */
  record Bound(long[][] longs, BitSet[] missing, long[][] missingWords, Value[][] values) {
    Rows rows(long[] scores, Plan plan) {
      return new Rows(longs, missing, values, scores, new SlotValues(plan.slots, plan.memos));
    }
  }

  private Bound bind(FeatureTable table) {
    int slots = plan.slots;
    long[][] longs = new long[slots][];
    BitSet[] missing = new BitSet[slots];
    Value[][] values = new Value[slots][];
    for (int i = 0; i < plan.traitNames.size(); i++) {
      String name = plan.traitNames.get(i);
      Trait trait = plan.model.trait(name).orElseThrow();
      bindColumn(table, name, plan.traitSlots.get(i), trait, null, longs, missing, values);
    }
    for (Plan.AggSlot a : plan.aggregates) {
      for (String key : keys(a)) {
        if (table.column(key).isPresent()) {
          bindColumn(table, key, a.slot(), null, a.aggregate(), longs, missing, values);
          break;
        }
      }
      if (longs[a.slot()] == null && values[a.slot()] == null) {
        throw new IllegalArgumentException(
            "table: no column '" + keys(a).get(0) + "', which the model reads");
      }
    }
    long[][] missingWords = new long[slots][];
    for (int s = 0; s < slots; s++) {
      if (missing[s] != null && !missing[s].isEmpty()) {
        // Padded to the table's size: toLongArray stops at the last missing row.
        missingWords[s] = Arrays.copyOf(missing[s].toLongArray(), (table.size() + 63) >>> 6);
      }
    }
    return new Bound(longs, missing, missingWords, values);
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
      Value[][] values) {
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
    if (c instanceof long[] l) {
      if (type != ValueType.NUMBER) {
        throw new IllegalArgumentException(
            "table: column '" + key + "' holds numbers, but is a " + type.displayName());
      }
      longs[slot] = l;
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
