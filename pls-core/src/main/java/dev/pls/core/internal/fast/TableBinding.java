package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/*
 * A plan bound to one feature table (TableScorer.bind): the columns resolved per slot, Value[]
 * columns checked, missing sets as bit words, the two generated loops for the table's layout (with
 * fired-rule words, and score and tier only; neither writes exclusions) and their constants with
 * each dictionary test answered per dictionary entry. Scoring then does nothing per call but split
 * the rows into chunks: per chunk the precomputed leaves (ChunkTests) and the loop, writing straight
 * into the caller's arrays.
 *
 * A chunk the loop cannot take (no loop for the plan, or a value beyond a division's guard) is
 * scored column-at-a-time (ChunkEvaluator) into scratch outcomes the size of the table, made once
 * per call and range, and copied into the caller's arrays: such plans allocate per call.
 */
/** A plan bound to a feature table's columns. Immutable and thread-safe. */
public final class TableBinding {
  private final Plan plan;
  private final ChunkEvaluator evaluator;
  private final TableScorer.Bound bound;
  private final RowLoopGenerator.Generated full;
  private final RowLoopGenerator.Generated scoreOnly;
  private final Object[] fullConstants;
  private final Object[] scoreOnlyConstants;
  private final int words;

  TableBinding(
      Plan plan,
      ChunkEvaluator evaluator,
      TableScorer.Bound bound,
      RowLoopGenerator.Generated full,
      RowLoopGenerator.Generated scoreOnly) {
    this.plan = plan;
    this.evaluator = evaluator;
    this.bound = bound;
    this.full = full;
    this.scoreOnly = scoreOnly;
    this.fullConstants = full == null ? null : full.constants(bound.dictionaries());
    this.scoreOnlyConstants = scoreOnly == null ? null : scoreOnly.constants(bound.dictionaries());
    this.words = Math.max(1, (plan.rules.length + 63) >>> 6);
  }

  /** The number of rows of the bound table. */
  public int size() {
    return bound.size();
  }

  /** The longs of fired-rule words per row: ceil(rules / 64), at least 1. */
  public int firedStride() {
    return words;
  }

  /** The names of the tiers, in the order of their indexes. */
  public List<String> tierNames() {
    return List.of(plan.tierNames);
  }

  /** Whether scoring runs a generated loop (rather than a column of rules at a time). */
  public boolean generated() {
    return full != null;
  }

  /**
   * Scores rows {@code from} (inclusive) to {@code to} (exclusive) into the same indexes of {@code
   * scores} and {@code tiers} and, unless {@code fired} is null, into {@code fired[row * stride ..
   * row * stride + stride - 1]}.
   */
  public void score(int from, int to, long[] scores, int[] tiers, long[] fired) {
    if (from < 0 || from > to || to > size()) {
      throw new IndexOutOfBoundsException(
          "from, to: [" + from + ", " + to + ") is not within the table's " + size() + " rows");
    }
    check(to, scores, tiers, fired);
    RowLoopGenerator.Generated loop = fired == null ? scoreOnly : full;
    Object[] constants = fired == null ? scoreOnlyConstants : fullConstants;
    int chunk = ChunkEvaluator.CHUNK;
    boolean[][] hits = loop == null ? null : TableScorer.hits(loop, Math.min(chunk, to - from));
    Rows rows = null;
    Outcomes scratch = null;
    Rows scratchRows = null;
    for (int at = from; at < to; at += chunk) {
      int n = Math.min(chunk, to - at);
      if (loop != null && loop.guardsHold(bound.longs(), at, n)) {
        if (rows == null) {
          rows = bound.rows(scores, plan);
        }
        TableScorer.run(loop, constants, rows, bound, hits, at, n, scores, fired, tiers, null);
        continue;
      }
      if (scratch == null) {
        scratch = new Outcomes(plan, to);
        scratchRows = bound.rows(scratch.scores, plan);
      }
      evaluator.evaluate(scratchRows, bound.missingWords(), at, n, scratch, null);
      System.arraycopy(scratch.scores, at, scores, at, n);
      System.arraycopy(scratch.tier, at, tiers, at, n);
      if (fired != null) {
        System.arraycopy(scratch.fired, at * words, fired, at * words, n * words);
      }
    }
  }

  /**
   * Scores every row as {@link #score(int, int, long[], int[], long[])} does, in up to {@code
   * tasks} ranges of whole chunks run on {@code executor}, and returns when all are done.
   */
  public void score(long[] scores, int[] tiers, long[] fired, Executor executor, int tasks) {
    requireNonNull(executor, "executor");
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks: " + tasks + ", must be at least 1");
    }
    int size = size();
    check(size, scores, tiers, fired);
    int chunk = ChunkEvaluator.CHUNK;
    int chunks = (size + chunk - 1) / chunk;
    int parts = Math.min(tasks, chunks);
    if (parts <= 1) {
      score(0, size, scores, tiers, fired);
      return;
    }
    CompletableFuture<?>[] running = new CompletableFuture<?>[parts];
    for (int p = 0; p < parts; p++) {
      int from = (int) Math.min(size, (long) p * chunks / parts * chunk);
      int to = (int) Math.min(size, (long) (p + 1) * chunks / parts * chunk);
      running[p] =
          CompletableFuture.runAsync(() -> score(from, to, scores, tiers, fired), executor);
    }
    Tasks.joinAll(running);
  }

  private void check(int rows, long[] scores, int[] tiers, long[] fired) {
    requireNonNull(scores, "scores");
    requireNonNull(tiers, "tiers");
    if (scores.length < rows) {
      throw new IllegalArgumentException(
          "scores: length " + scores.length + ", the rows scored need " + rows);
    }
    if (tiers.length < rows) {
      throw new IllegalArgumentException(
          "tiers: length " + tiers.length + ", the rows scored need " + rows);
    }
    if (fired != null && fired.length < (long) rows * words) {
      throw new IllegalArgumentException(
          "fired: length "
              + fired.length
              + ", the rows scored need "
              + (long) rows * words
              + " ("
              + words
              + " per row)");
    }
  }
}
