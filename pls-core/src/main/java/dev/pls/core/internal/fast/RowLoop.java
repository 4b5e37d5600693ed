package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;

/**
 * The base class of the loops {@link RowLoopGenerator} generates: one subclass per plan and table
 * layout, scoring a chunk of rows a row at a time with the plan's rules as straight-line code. The
 * static methods are the value-column tests the generated code calls (the JIT inlines them).
 */
abstract class RowLoop {
  static final String NAME = "dev/pls/core/internal/fast/RowLoop";
  static final String RUN = "runColumns";
  static final String RUN_DESCRIPTOR =
      "([Ljava/lang/Object;[[J[[Ldev/pls/core/model/Value;[Ljava/lang/Object;[[ZII[J[J[I[I)V";

  RowLoop() {}

  /**
   * Scores rows {@code from} to {@code from + n - 1} of a table whose columns are all {@code
   * long[]} or {@code Value[]}: {@link #runColumns} with {@code longs} as the columns.
   */
  final void run(
      long[][] longs,
      long[][] missing,
      Value[][] values,
      Object[] constants,
      boolean[][] hits,
      int from,
      int n,
      long[] scores,
      long[] fired,
      int[] tier,
      int[] exclusion) {
    runColumns(longs, missing, values, constants, hits, from, n, scores, fired, tier, exclusion);
  }

  /**
   * Scores rows {@code from} to {@code from + n - 1}: writes each row's score, fired-rule words,
   * tier and exclusion index into {@code scores}, {@code fired}, {@code tier} and {@code
   * exclusion}.
   *
   * @param columns the typed column of each slot, as the layout the loop was generated for says:
   *     {@code long[]}, {@code int[]} (whole numbers or dictionary codes), {@code double[]} or
   *     {@code boolean[]}; null for value columns
   * @param missing each typed column's missing rows as bit words over the table, or null
   * @param values the value column of each slot (null for long columns)
   * @param constants the generator's constants, in the order it numbered them
   * @param hits per precomputed condition, whether it holds for row {@code from + i}
   * @param fired written only by loops generated with fired rules
   * @param exclusion written only by loops generated with exclusions
   */
  abstract void runColumns(
      Object[] columns,
      long[][] missing,
      Value[][] values,
      Object[] constants,
      boolean[][] hits,
      int from,
      int n,
      long[] scores,
      long[] fired,
      int[] tier,
      int[] exclusion);

  static final String IS_ANY_OF = "isAnyOf";
  static final String IS_ANY_OF_DESCRIPTOR = "(Ldev/pls/core/model/Value;[Ljava/lang/String;)Z";

  /** {@code v in {candidates}} for a set of strings only, as Node.In decides it. */
  static boolean isAnyOf(Value v, String[] candidates) {
    if (!(v instanceof Value.Str s)) {
      return false;
    }
    String x = s.value();
    for (String candidate : candidates) {
      if (candidate.equals(x)) {
        return true;
      }
    }
    return false;
  }

  static final String IS_BOOL = "isBool";
  static final String IS_BOOL_DESCRIPTOR = "(Ldev/pls/core/model/Value;Z)Z";

  /**
   * Whether {@code v} is the boolean {@code wanted}: {@code == true} and the like, as Node.Compare.
   */
  static boolean isBool(Value v, boolean wanted) {
    return v instanceof Value.Bool b && b.value() == wanted;
  }
}
