package dev.pls.core.internal.fast;

/**
 * What scoring rows leaves per row, as primitives: the score in hundredths, the tier and exclusion
 * indexes (-1 for none) and the fired rules as {@link #words} longs of bits per row. Written by
 * {@link ChunkEvaluator} and generated row loops; read by {@link BatchResult} and {@link
 * CardAssembler}. Mutable and not thread-safe while being written; chunks write disjoint rows.
 */
final class Outcomes {
  final long[] scores;
  final int[] tier;
  final int[] exclusion;
  final long[] fired;
  final int words;

  /** Empty outcomes for {@code n} rows of {@code plan}. */
  Outcomes(Plan plan, int n) {
    this.words = Math.max(1, (plan.rules.length + 63) >>> 6);
    this.scores = new long[n];
    this.tier = new int[n];
    this.exclusion = new int[n];
    this.fired = new long[n * words];
  }

  int size() {
    return scores.length;
  }

  /** Whether rule {@code rule} fired for row {@code row}. */
  boolean fired(int row, int rule) {
    return (fired[row * words + (rule >>> 6)] & (1L << rule)) != 0;
  }

  /** Copies these rows into {@code out} from row {@code from} on (a chunk into its batch). */
  void copyTo(Outcomes out, int from) {
    int n = scores.length;
    System.arraycopy(scores, 0, out.scores, from, n);
    System.arraycopy(tier, 0, out.tier, from, n);
    System.arraycopy(exclusion, 0, out.exclusion, from, n);
    System.arraycopy(fired, 0, out.fired, from * words, n * words);
  }
}
