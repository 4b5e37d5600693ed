package dev.pls.bench;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.Event;
import dev.pls.core.model.Tier;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.SeedTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The entity store: ingest throughput and rescoring every entity from event state.
 *
 * <ul>
 *   <li>{@code ingest}: one million in-memory events of the sparse mix (users interleaved, in time
 *       order) into an empty store, one thread; time per event.
 *   <li>{@code rescoreAll}: score every user of a store of {@code users} users as of T, on a
 *       fork-join pool of {@code threads} threads; time per whole pass. The users are the activity
 *       mix's (ActivityMix: skewed, most users light or idle for weeks, a tenth heavy), kept in day
 *       buckets; each chunk of 2,048 users is loaded from its day cells into columns and scored by
 *       the seed template's generated row loop. The target is 10M users in at most 2 s on 2
 *       threads, and 2 threads at least 1.9 times as fast as 1.
 *   <li>{@code rescoreInto}: the same pass into arrays reused across passes ({@code
 *       EntityStore.scoreAll(asOf, scores, tiers, fired)}: score, tier index and fired-rule words
 *       per entity index, no batch), over the pool; {@code rescoreIntoExecutor} the same on the
 *       pool as an executor in {@code threads} tasks; {@code rescoreIntoScoreOnly} that without
 *       fired rules. Their setup checks that the arrays equal {@code scoreAll}'s batch on every
 *       row.
 * </ul>
 *
 * <pre>
 * java -jar pls-bench/target/benchmarks.jar StoreBenchmark.ingest -f 1 -wi 2 -i 3
 * java -jar pls-bench/target/benchmarks.jar StoreBenchmark.rescoreAll -f 1 -wi 2 -i 3 \
 *     -p users=1000000,10000000 -p threads=1,2
 * java -jar pls-bench/target/benchmarks.jar StoreBenchmark.rescore -f 1 -wi 2 -i 3 \
 *     -p users=1000000,10000000 -p threads=1,2
 * </pre>
 *
 * Building the 10M-user store takes minutes (once per fork); its batch result holds about 2 GB
 * while alive, hence the 12 GB heap.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class StoreBenchmark {
  static final int EVENTS = 1_000_000;

  /** One million events of the mix, users interleaved in time order. */
  @State(Scope.Benchmark)
  public static class Events {
    List<Event> events;
    EntityStore store;

    @Setup(Level.Trial)
    public void generate() {
      List<Event> all = new ArrayList<>();
      for (int i = 0; all.size() < EVENTS; i++) {
        all.addAll(ActivityMix.events(i));
      }
      all.sort(Comparator.comparing(Event::time));
      events = List.copyOf(all.subList(0, EVENTS));
    }

    // Each invocation ingests a million events (hundreds of ms), so a fresh store per
    // invocation is cheap next to it, as the JMH samples allow for long invocations.
    @Setup(Level.Invocation)
    public void emptyStore() {
      store = EntityStore.create(SeedTemplate.model());
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(EVENTS)
  public EntityStore.Stats ingest(Events e) {
    e.store.ingest(e.events);
    return e.store.stats();
  }

  /** A store of {@code users} users of the mix, and a pool of {@code threads} threads. */
  @State(Scope.Benchmark)
  public static class Loaded {
    @Param({"1000000", "10000000"})
    public int users;

    @Param({"1", "2"})
    public int threads;

    EntityStore store;
    ForkJoinPool pool;

    @Setup(Level.Trial)
    public void load() {
      store = ActivityMix.store(users);
      pool = new ForkJoinPool(threads);
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      pool.shutdown();
    }
  }

  /**
   * Arrays for every entity index of the loaded store, reused pass after pass, checked once against
   * the store's batch as of the same instant.
   */
  @State(Scope.Benchmark)
  public static class Into {
    long[] scores;
    int[] tiers;
    long[] fired;

    @Setup(Level.Trial)
    public void check(Loaded l) throws Exception {
      EntityStore store = l.store;
      int n = store.indexes();
      scores = new long[n];
      tiers = new int[n];
      fired = new long[n * store.firedStride()];
      BatchScores batch = l.pool.submit(() -> store.scoreAll(ActivityMix.AS_OF)).get();
      if (store.scoreAll(ActivityMix.AS_OF, scores, tiers, fired, l.pool, l.threads) != n
          || batch.size() != n) {
        throw new AssertionError("indexes: " + n + ", batch rows: " + batch.size());
      }
      int stride = store.firedStride();
      int rules = store.model().rules().size();
      for (int r = 0; r < n; r++) {
        String tier = batch.tier(r);
        boolean same =
            batch.entity(r).equals(store.id(r))
                && batch.scoreHundredths(r) == scores[r]
                && (tier.equals(Tier.NONE) ? -1 : store.tierNames().indexOf(tier)) == tiers[r];
        for (int k = 0; k < rules; k++) {
          same &= batch.fired(r, k) == ((fired[r * stride + k / 64] & (1L << k)) != 0);
        }
        if (!same) {
          throw new AssertionError("index " + r + " (" + store.id(r) + ") differs from scoreAll");
        }
      }
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long rescoreInto(Loaded l, Into a) throws Exception {
    // Parallel streams started inside a pool's task run on that pool.
    return l.pool
            .submit(() -> l.store.scoreAll(ActivityMix.AS_OF, a.scores, a.tiers, a.fired))
            .get()
        + a.scores[l.users - 1];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long rescoreIntoExecutor(Loaded l, Into a) {
    return l.store.scoreAll(ActivityMix.AS_OF, a.scores, a.tiers, a.fired, l.pool, l.threads)
        + a.scores[l.users - 1];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long rescoreIntoScoreOnly(Loaded l, Into a) {
    return l.store.scoreAll(ActivityMix.AS_OF, a.scores, a.tiers, null, l.pool, l.threads)
        + a.scores[l.users - 1];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long rescoreAll(Loaded l) throws Exception {
    // Parallel streams started inside a pool's task run on that pool.
    return l.pool
        .submit(() -> l.store.scoreAll(ActivityMix.AS_OF).scoreHundredths(l.users - 1))
        .get();
  }
}
