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
 * further layout is scored column-at-a-time rather than generate a class per chunk. A layout gets
 * up to two loops: one writing fired-rule words and exclusion indexes (for a batch of cards), one
 * writing score and tier only, or score, tier and fired words (for a caller's arrays,
 * ColumnarStore.scoreInto); each is generated on first use.
 *
 * A chunk's precomputed conditions (the loop's leaves, ChunkTests) go into one thread's Hits,
 * reused chunk after chunk, rather than new arrays per chunk.
 *
 * No loop is used when a rule decays (generated code adds a rule's constant points; decayed points
 * differ per row, which only the column path computes), nor for a chunk in which a value read under
 * a division's guard lies beyond it (the generated range test would not be exact there).
 */
/** Generated row loops by chunk layout, for one plan. Thread-safe. */
final class ChunkLoops {
  /** Loops kept (layouts times the outputs each is generated for). */
  static final int LAYOUTS = 32;

  private final Plan plan;
  private final boolean generate;
  private final Map<String, Optional<RowLoopGenerator.Generated>> loops = new ConcurrentHashMap<>();

  /** Loops for {@code plan}; none at all when {@code generate} is false (the column path only). */
  ChunkLoops(Plan plan, boolean generate) {
    this.plan = plan;
    this.generate = generate && !plan.decays;
  }

  /** One thread's rows of precomputed conditions, reused chunk after chunk. Not thread-safe. */
  static final class Hits {
    private boolean[][] hits = new boolean[0][];

    /** At least {@code leaves} arrays of {@link ChunkEvaluator#CHUNK} rows. */
    boolean[][] of(int leaves) {
      if (hits.length < leaves) {
        boolean[][] more = java.util.Arrays.copyOf(hits, leaves);
        for (int k = hits.length; k < leaves; k++) {
          more[k] = new boolean[ChunkEvaluator.CHUNK];
        }
        hits = more;
      }
      return hits;
    }
  }

  /**
   * Scores rows 0 to {@code n - 1} of {@code rows} into {@code out} (which starts the chunk with
   * zero scores and fired words): by the generated loop of the chunk's layout when there is one and
   * its guards hold, else by {@code evaluator} ({@code frame} is the as-of instant's, for decayed
   * rules). With {@code cards}, the loop writes fired-rule words and exclusion indexes; without, it
   * writes fired words only when {@code fired}, and exclusion indexes not at all (the column path
   * writes all). Returns whether the generated loop ran.
   */
  boolean score(
      ChunkEvaluator evaluator,
      Rows rows,
      long[][] missingWords,
      int n,
      Outcomes out,
      dev.pls.core.internal.TimeFrame frame,
      boolean cards,
      boolean fired,
      Hits scratch) {
    RowLoopGenerator.Generated loop = loop(rows, missingWords, cards || fired, cards).orElse(null);
    if (loop == null || !loop.guardsHold(rows.longs, 0, n)) {
      evaluator.evaluate(rows, missingWords, 0, n, out, frame);
      return false;
    }
    boolean[][] hits = scratch.of(loop.leaves.length);
    for (int k = 0; k < loop.leaves.length; k++) {
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

  private Optional<RowLoopGenerator.Generated> loop(
      Rows rows, long[][] missingWords, boolean fired, boolean exclusion) {
    if (!generate) {
      return Optional.empty();
    }
    char[] layout = new char[plan.slots + 2];
    for (int s = 0; s < plan.slots; s++) {
      layout[s] =
          rows.longs[s] == null
              ? RowLoopGenerator.VALUE
              : missingWords[s] == null ? RowLoopGenerator.LONG : RowLoopGenerator.LONG_MISSING;
    }
    layout[plan.slots] = fired ? 'F' : '-';
    layout[plan.slots + 1] = exclusion ? 'X' : '-';
    String key = new String(layout);
    Optional<RowLoopGenerator.Generated> kept = loops.get(key);
    if (kept != null) {
      return kept;
    }
    if (loops.size() >= LAYOUTS) {
      return Optional.empty();
    }
    String slots = key.substring(0, plan.slots);
    return loops.computeIfAbsent(
        key, k -> RowLoopGenerator.generate(plan, slots, fired, exclusion));
  }
}
