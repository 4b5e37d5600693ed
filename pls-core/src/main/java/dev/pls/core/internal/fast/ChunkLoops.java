package dev.pls.core.internal.fast;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * The store's generated row loops: a chunk of entities loaded into columns (Columns) is scored by
 * the RowLoop RowLoopGenerator writes for the plan and the chunk's column layout, as a feature
 * table is (TableScorer), and column-at-a-time by ChunkEvaluator.evaluate only where no loop is
 * generated.
 *
 * A chunk's layout is decided by its values, not by a table's declared columns: a slot is a long
 * column when every row holds a whole number or is missing, with missing words when some row is
 * missing, else a value column (Columns.rows). So one store meets a few layouts (the seed template:
 * a trend slot with or without a decimal slope, a trait missing on some rows or on all), and each
 * gets its loop once, kept for the store's life. Up to LAYOUTS layouts are kept; a chunk of any
 * further layout is scored column-at-a-time rather than generate a class per chunk.
 *
 * No loop is used when a rule decays (generated code adds a rule's constant points; decayed points
 * differ per row, which only the column path computes), nor for a chunk in which a value read under
 * a division's guard lies beyond it (the generated range test would not be exact there).
 */
/** Generated row loops by chunk layout, for one plan. Thread-safe. */
final class ChunkLoops {
  /** Layouts whose loops are kept. */
  static final int LAYOUTS = 16;

  private final Plan plan;
  private final boolean generate;
  private final Map<String, Optional<RowLoopGenerator.Generated>> loops = new ConcurrentHashMap<>();

  /** Loops for {@code plan}; none at all when {@code generate} is false (the column path only). */
  ChunkLoops(Plan plan, boolean generate) {
    this.plan = plan;
    this.generate = generate && !plan.decays;
  }

  /**
   * Scores rows 0 to {@code n - 1} of {@code rows} into {@code out}: by the generated loop of the
   * chunk's layout when there is one and its guards hold, else by {@code evaluator} ({@code frame}
   * is the as-of instant's, for decayed rules). Returns whether the generated loop ran.
   */
  boolean score(
      ChunkEvaluator evaluator,
      Rows rows,
      long[][] missingWords,
      int n,
      Outcomes out,
      dev.pls.core.internal.TimeFrame frame) {
    RowLoopGenerator.Generated loop = loop(rows, missingWords).orElse(null);
    if (loop == null || !loop.guardsHold(rows.longs, 0, n)) {
      evaluator.evaluate(rows, missingWords, 0, n, out, frame);
      return false;
    }
    boolean[][] hits = TableScorer.hits(loop, n);
    for (int k = 0; k < hits.length; k++) {
      ChunkTests.test(loop.leaves[k], rows, missingWords, 0, n, hits[k]);
    }
    loop.loop.run(
        rows.longs,
        missingWords,
        rows.values,
        loop.constants,
        hits,
        0,
        n,
        out.scores,
        out.fired,
        out.tier,
        out.exclusion);
    return true;
  }

  /** How many of the layouts met so far have a generated loop. */
  int layouts() {
    return (int) loops.values().stream().filter(Optional::isPresent).count();
  }

  private Optional<RowLoopGenerator.Generated> loop(Rows rows, long[][] missingWords) {
    if (!generate) {
      return Optional.empty();
    }
    char[] layout = new char[plan.slots];
    for (int s = 0; s < layout.length; s++) {
      layout[s] =
          rows.longs[s] == null
              ? RowLoopGenerator.VALUE
              : missingWords[s] == null ? RowLoopGenerator.LONG : RowLoopGenerator.LONG_MISSING;
    }
    String key = new String(layout);
    Optional<RowLoopGenerator.Generated> kept = loops.get(key);
    if (kept != null) {
      return kept;
    }
    if (loops.size() >= LAYOUTS) {
      return Optional.empty();
    }
    return loops.computeIfAbsent(key, k -> RowLoopGenerator.generate(plan, k));
  }
}
