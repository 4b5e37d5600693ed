package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.model.Tier;
import dev.pls.core.scoring.EntityStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Checks a store's scoring into caller-supplied arrays against its batch of the same instant: every
 * way of calling it (over the fork-join pool, on an executor in two tasks and in one, with fired
 * rules and score and tier only) writes, for each entity index, the batch row of the entity's id,
 * or the merged marker for an index merged away by a link; and nothing past the indexes scored.
 */
final class StoreArrays {
  private StoreArrays() {}

  /** What the check calls: the API's store or the engine itself. */
  interface Target {
    int indexes();

    String id(int index);

    int firedStride();

    List<String> tierNames();

    /** Scores into the arrays; over the fork-join pool when {@code executor} is null. */
    int score(Instant asOf, long[] scores, int[] tiers, long[] fired, Executor executor, int tasks);
  }

  static Target of(EntityStore store) {
    return new Target() {
      @Override
      public int indexes() {
        return store.indexes();
      }

      @Override
      public String id(int index) {
        return store.id(index);
      }

      @Override
      public int firedStride() {
        return store.firedStride();
      }

      @Override
      public List<String> tierNames() {
        return store.tierNames();
      }

      @Override
      public int score(
          Instant asOf, long[] scores, int[] tiers, long[] fired, Executor executor, int tasks) {
        return executor == null
            ? store.scoreAll(asOf, scores, tiers, fired)
            : store.scoreAll(asOf, scores, tiers, fired, executor, tasks);
      }
    };
  }

  static Target of(ColumnarStore store) {
    return new Target() {
      @Override
      public int indexes() {
        return store.indexes();
      }

      @Override
      public String id(int index) {
        return store.idAt(index);
      }

      @Override
      public int firedStride() {
        return store.firedStride();
      }

      @Override
      public List<String> tierNames() {
        return store.tierNames();
      }

      @Override
      public int score(
          Instant asOf, long[] scores, int[] tiers, long[] fired, Executor executor, int tasks) {
        return store.scoreInto(asOf, scores, tiers, fired, executor, tasks);
      }
    };
  }

  /**
   * Checks every way of scoring {@code store} into arrays as of {@code asOf} against {@code all},
   * its batch as of the same instant (itself checked against the reference by the caller); returns
   * how many indexes were merged away.
   */
  static int check(
      Target store, BatchScores all, Instant asOf, int rules, Supplier<String> scenario) {
    Map<String, Integer> rowOf = new HashMap<>();
    for (int row = 0; row < all.size(); row++) {
      rowOf.put(all.entity(row), row);
    }
    int n = store.indexes();
    int stride = store.firedStride();
    assertEquals(Math.max(1, (rules + 63) / 64), stride);
    List<String> tierNames = store.tierNames();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int merged = -1;
    try {
      Executor[] executors = {null, pool, pool, Runnable::run};
      int[] tasks = {1, 2, 1, 3};
      for (int way = 0; way < executors.length; way++) {
        for (boolean withFired : new boolean[] {true, false}) {
          String how = "way " + way + (withFired ? ", fired" : ", score and tier only");
          // Two rows more than needed, with values no row can get: they must stay as they were.
          long[] scores = new long[n + 2];
          int[] tiers = new int[n + 2];
          long[] fired = withFired ? new long[(n + 2) * stride] : null;
          Arrays.fill(scores, Long.MIN_VALUE);
          Arrays.fill(tiers, Integer.MIN_VALUE);
          if (fired != null) {
            Arrays.fill(fired, -1L);
          }
          assertEquals(n, store.score(asOf, scores, tiers, fired, executors[way], tasks[way]));
          int mergedHere = 0;
          for (int i = 0; i < n; i++) {
            int index = i;
            String id = store.id(i);
            Integer row = rowOf.get(id);
            Supplier<String> where =
                () -> how + ", index " + index + " (" + id + ")\n" + scenario.get();
            if (tiers[i] == EntityStore.MERGED) {
              assertEquals(null, row, where);
              assertEquals(0, scores[i], where);
              for (int w = 0; withFired && w < stride; w++) {
                assertEquals(0, fired[i * stride + w], where);
              }
              mergedHere++;
              continue;
            }
            assertNotNull(row, where);
            assertEquals(all.scoreHundredths(row), scores[i], where);
            String tier = all.tier(row);
            assertEquals(tier.equals(Tier.NONE) ? -1 : tierNames.indexOf(tier), tiers[i], where);
            if (withFired) {
              for (int k = 0; k < stride * 64; k++) {
                boolean bit = (fired[i * stride + k / 64] & (1L << k)) != 0;
                assertEquals(k < rules && all.fired(row, k), bit, where);
              }
            }
          }
          // Each batch row once, the rest merged.
          assertEquals(all.size(), n - mergedHere, how);
          for (int i = n; i < n + 2; i++) {
            assertEquals(Long.MIN_VALUE, scores[i], how);
            assertEquals(Integer.MIN_VALUE, tiers[i], how);
          }
          for (int w = n * stride; withFired && w < fired.length; w++) {
            assertEquals(-1L, fired[w], how);
          }
          assertTrue(merged < 0 || merged == mergedHere, how);
          merged = mergedHere;
        }
      }
    } finally {
      pool.shutdown();
    }
    return merged;
  }
}
