package dev.pls.bench;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SeedTemplate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full cards (score, tier, contributions with signal values) of 10,000 users of the sparse mix,
 * computed from their events by the reference evaluator, the fast evaluator and the store. Time is
 * per user; every variant's cards are checked equal to the reference's at setup.
 *
 * <pre>
 * java -jar pls-bench/target/benchmarks.jar EventScoringBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class EventScoringBenchmark {
  static final int USERS = 10_000;

  /** The implementations compared. */
  public enum Variant {
    PLS_REFERENCE,
    PLS_FAST,
    PLS_STORE
  }

  @Param public Variant variant;

  private Entity[] users;
  private Scorer scorer;
  private EntityStore store;

  @Setup
  public void setUp() {
    users = new Entity[USERS];
    for (int i = 0; i < USERS; i++) {
      users[i] = ActivityMix.entity(i);
    }
    Scorer reference = Scorer.reference(SeedTemplate.model());
    scorer = variant == Variant.PLS_FAST ? Scorer.fast(SeedTemplate.model()) : reference;
    store = variant == Variant.PLS_STORE ? ActivityMix.store(USERS) : null;
    for (Entity u : users) {
      ScoreCard expected = reference.score(u, ActivityMix.AS_OF);
      ScoreCard actual =
          store != null
              ? store.score(u.id(), ActivityMix.AS_OF)
              : scorer.score(u, ActivityMix.AS_OF);
      if (!expected.equals(actual)) {
        throw new IllegalStateException(variant + " differs for " + u.id());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public void scoreUsers(Blackhole bh) {
    if (store != null) {
      for (Entity u : users) {
        bh.consume(store.score(u.id(), ActivityMix.AS_OF));
      }
    } else {
      for (Entity u : users) {
        bh.consume(scorer.score(u, ActivityMix.AS_OF));
      }
    }
  }
}
