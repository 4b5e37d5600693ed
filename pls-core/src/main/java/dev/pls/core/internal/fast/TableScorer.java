package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Tier;
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
 * Scores a feature table in chunks of CHUNK rows: by a RowLoop generated for the plan and the
 * table's layout where RowLoopGenerator generates one (see its class comment: a row at a time,
 * each rule straight-line code, other shapes precomputed per chunk by ChunkTests), else, and for
 * any chunk holding a value beyond a division's guard, a column of rules at a time as follows.
 *
 * Row-at-a-time evaluation pays a virtual call per rule per row through the node tree; here each
 * rule's node runs one tight loop over a chunk (a long range test over a long[] column is a
 * compare and a branch per row, and JIT-friendly), writing a boolean per row; points, caps and
 * the fired-rule bit mask are then folded in per row. A chunk is small enough that its scratch
 * arrays stay in L1/L2 and large enough to amortise the per-rule dispatch. The common shapes
 * (range tests over columns with missing rows, and/or/not of them, string membership and boolean
 * equality over value columns) run as branch-free loops in ChunkTests; a range test in an
 * uncapped category is fused with its fold. Exclusions and tiers are chosen last to first, so
 * that the first holding one is left without a branch per row.
 *
 * Results are primitives: scores in hundredths, tier and exclusion indexes, and fired rules as
 * ceil(rules/64) longs per row. Names and cards are built on demand (Scores.card).
 */
/** The {@link FeatureScorer} over a plan. Immutable and thread-safe. */
public final class TableScorer {
  static final int CHUNK = 2048;

  /** Layouts whose loops are kept; beyond, a loop is generated per call (or none is). */
  private static final int LOOPS_KEPT = 16;

  private final Plan plan;
  private final boolean generate;
  private final Map<String, Optional<RowLoopGenerator.Generated>> loops = new ConcurrentHashMap<>();

  public TableScorer(Model model) {
    this(model, true);
  }

  /**
   * A scorer that never generates code: every plan column-at-a-time. For differential tests and
   * benchmarks of the two paths.
   */
  public static TableScorer columnAtATime(Model model) {
    return new TableScorer(model, false);
  }

  private TableScorer(Model model, boolean generate) {
    this.generate = generate;
    if (requireNonNull(model, "model").members().isPresent()) {
      throw new IllegalArgumentException(
          "model: '"
              + model.id()
              + "' rolls up members, which "
              + "a feature table"
              + " does not hold; score its accounts with Scorer.fast");
    }
    this.plan = new Plan(model);
  }

  public Model model() {
    return plan.model;
  }

  public BatchScores score(FeatureTable table, Instant asOf) {
    return score(table, asOf, false);
  }

  /** Like {@link #score(FeatureTable, Instant)}, spreading chunks over the common pool. */
  public BatchScores scoreInParallel(FeatureTable table, Instant asOf) {
    return score(table, asOf, true);
  }

  private BatchScores score(FeatureTable table, Instant asOf, boolean parallel) {
    requireNonNull(table, "table");
    requireNonNull(asOf, "asOf");
    Bound bound = bind(table);
    Scores out = new Scores(plan, table.size());
    out.ids = table.ids()::get;
    out.cards =
        row -> {
          Rows rows = bound.rows(out.scores, plan);
          return FastScorer.card(plan, table.ids().get(row), asOf, rows.load(row));
        };
    RowLoopGenerator.Generated loop = loop(bound).orElse(null);
    int chunks = (table.size() + CHUNK - 1) / CHUNK;
    IntStream range = IntStream.range(0, chunks);
    (parallel ? range.parallel() : range)
        .forEach(
            c -> {
              int from = c * CHUNK;
              int n = Math.min(CHUNK, table.size() - from);
              Rows rows = bound.rows(out.scores, plan);
              if (loop != null && loop.guardsHold(bound.longs(), from, n)) {
                run(loop, rows, bound.missingWords(), from, n, out);
              } else {
                evaluate(plan, rows, bound.missingWords(), from, n, out);
              }
            });
    return out;
  }

  /**
   * Whether scoring {@code table} runs generated code (a {@link RowLoop}) rather than the
   * column-at-a-time path: decided by the plan and by which slots the table binds to long columns
   * (with or without missing rows) and which to value columns.
   */
  public boolean generates(FeatureTable table) {
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
      Scores out) {
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

  static void evaluate(Plan p, Rows rows, long[][] missingWords, int from, int n, Scores out) {
    boolean[] hit = new boolean[n];
    long[] positive = new long[n];
    long[] negative = new long[n];
    long[] scores = out.scores;
    long[] fired = out.fired;
    int words = out.words;
    for (int c = 0; c < p.hasCap.length; c++) {
      boolean cap = p.hasCap[c];
      boolean floor = p.hasFloor[c];
      if (cap || floor) {
        Arrays.fill(positive, 0);
        Arrays.fill(negative, 0);
      }
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        Node rule = p.ruleConditions[r];
        long points = p.rulePoints[r];
        int word = r >>> 6;
        long bit = 1L << r;
        if (!cap
            && !floor
            && ChunkTests.add(
                rule, rows, missingWords, from, n, fired, words, word, bit, scores, points)) {
          continue;
        }
        ChunkTests.test(rule, rows, missingWords, from, n, hit);
        if (!cap && !floor) {
          for (int i = 0; i < n; i++) {
            long all = -(long) (hit[i] ? 1 : 0);
            fired[(from + i) * words + word] |= bit & all;
            scores[from + i] += points & all;
          }
          continue;
        }
        for (int i = 0; i < n; i++) {
          if (!hit[i]) {
            continue;
          }
          fired[(from + i) * words + word] |= bit;
          if (points >= 0) {
            positive[i] += cap ? Math.min(points, Math.max(0, p.cap[c] - positive[i])) : points;
          } else {
            negative[i] += floor ? Math.max(points, Math.min(0, p.floor[c] - negative[i])) : points;
          }
        }
      }
      if (cap || floor) {
        for (int i = 0; i < n; i++) {
          scores[from + i] += positive[i] + negative[i];
        }
      }
    }
    int[] exclusion = out.exclusion;
    int[] tier = out.tier;
    Arrays.fill(exclusion, from, from + n, -1);
    Arrays.fill(tier, from, from + n, -1);
    for (int x = p.exclusions.length - 1; x >= 0; x--) {
      // Last to first, so that the first holding exclusion is the one left, without branches.
      ChunkTests.test(p.exclusions[x], rows, missingWords, from, n, hit);
      for (int i = 0; i < n; i++) {
        exclusion[from + i] = hit[i] ? x : exclusion[from + i];
      }
    }
    for (int t = p.tiers.length - 1; t >= 0; t--) {
      ChunkTests.test(p.tiers[t], rows, missingWords, from, n, hit);
      for (int i = 0; i < n; i++) {
        tier[from + i] = hit[i] && exclusion[from + i] < 0 ? t : tier[from + i];
      }
    }
  }

  /** Row-at-a-time: scores the values in {@code f} into row {@code row} of {@code out}. */
  static void evaluateRow(Plan p, SlotValues f, int row, Scores out) {
    long score = 0;
    int words = out.words;
    for (int c = 0; c < p.hasCap.length; c++) {
      long positive = 0;
      long negative = 0;
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        if (!p.ruleConditions[r].test(f)) {
          continue;
        }
        out.fired[row * words + (r >>> 6)] |= 1L << r;
        long points = p.rulePoints[r];
        if (points >= 0) {
          positive += p.hasCap[c] ? Math.min(points, Math.max(0, p.cap[c] - positive)) : points;
        } else {
          negative += p.hasFloor[c] ? Math.max(points, Math.min(0, p.floor[c] - negative)) : points;
        }
      }
      score += positive + negative;
    }
    out.scores[row] = score;
    int exclusion = -1;
    for (int x = 0; x < p.exclusions.length && exclusion < 0; x++) {
      if (p.exclusions[x].test(f)) {
        exclusion = x;
      }
    }
    out.exclusion[row] = exclusion;
    int tier = -1;
    if (exclusion < 0) {
      f.score = score;
      for (int t = 0; t < p.tiers.length && tier < 0; t++) {
        if (p.tiers[t].test(f)) {
          tier = t;
        }
      }
    }
    out.tier[row] = tier;
  }

  /** Batch results as primitive arrays. */
  static final class Scores implements BatchScores {
    final Plan plan;
    final long[] scores;
    final int[] tier;
    final int[] exclusion;
    final long[] fired;
    final int words;

    /** Set once, before the scores are handed out. */
    java.util.function.IntFunction<String> ids;

    java.util.function.IntFunction<ScoreCard> cards;

    Scores(Plan plan, int n) {
      this.plan = plan;
      this.words = Math.max(1, (plan.rules.length + 63) >>> 6);
      this.scores = new long[n];
      this.tier = new int[n];
      this.exclusion = new int[n];
      this.fired = new long[n * words];
    }

    /** Copies these rows into {@code out} from row {@code from} on (a chunk into its batch). */
    void copyTo(Scores out, int from) {
      int n = scores.length;
      System.arraycopy(scores, 0, out.scores, from, n);
      System.arraycopy(tier, 0, out.tier, from, n);
      System.arraycopy(exclusion, 0, out.exclusion, from, n);
      System.arraycopy(fired, 0, out.fired, from * words, n * words);
    }

    @Override
    public int size() {
      return scores.length;
    }

    @Override
    public long scoreHundredths(int row) {
      return scores[row];
    }

    @Override
    public String tier(int row) {
      int t = tier[row];
      return t < 0 ? Tier.NONE : plan.tierNames[t];
    }

    @Override
    public boolean excluded(int row) {
      return exclusion[row] >= 0;
    }

    @Override
    public boolean fired(int row, int rule) {
      if (rule < 0 || rule >= plan.rules.length) {
        throw new IndexOutOfBoundsException("rule: " + rule + " of " + plan.rules.length);
      }
      return (fired[row * words + (rule >>> 6)] & (1L << rule)) != 0;
    }

    @Override
    public List<String> firedRules(int row) {
      List<String> ids = new ArrayList<>();
      for (int r = 0; r < plan.rules.length; r++) {
        if (fired(row, r)) {
          ids.add(plan.rules[r].id());
        }
      }
      return ids;
    }

    @Override
    public String entity(int row) {
      return ids.apply(row);
    }

    @Override
    public ScoreCard card(int row) {
      return cards.apply(row);
    }
  }
}
