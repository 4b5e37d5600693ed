package dev.pls.bench;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.testing.SeedTemplate;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scores one million accounts' precomputed features with the seed template — score, tier and fired
 * rules — with pls's fast evaluator, a hand-written baseline and peer expression engines, side by
 * side. The measured operation is the whole batch; the reported time is per account ({@link
 * OperationsPerInvocation}). Every variant's output is checked against the hand-written one at
 * setup, on every row.
 *
 * <p>Reproduce (short run, as in docs/performance.md):
 *
 * <pre>
 * mvn -B -q -pl pls-bench -am package -DskipTests
 * java -jar pls-bench/target/benchmarks.jar FeatureScoringBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s \
 *     -p variant=PLS_FAST,HAND_WRITTEN
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class FeatureScoringBenchmark {
  static final int ACCOUNTS = 1_000_000;
  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

  /** The implementations compared. */
  public enum Variant {
    PLS_FAST,
    HAND_WRITTEN,
    SPEL,
    MVEL,
    JEXL,
    CEL
  }

  @Param public Variant variant;

  private SeedFeatures features;
  private FeatureTable table;
  private FeatureScorer pls;
  private Peers.Engine engine;

  @Setup(Level.Trial)
  public void setUp() {
    features = new SeedFeatures(ACCOUNTS);
    Results expected = HandWritten.score(features);
    switch (variant) {
      case PLS_FAST:
        table = features.table();
        pls = FeatureScorer.of(SeedTemplate.model());
        expected.check(Results.of(pls.score(table, AS_OF), 29), variant.name());
        break;
      case HAND_WRITTEN:
        break;
      case SPEL:
        engine = Peers.spel(features);
        break;
      case MVEL:
        engine = Peers.mvel();
        break;
      case JEXL:
        engine = Peers.jexl();
        break;
      case CEL:
        engine = Peers.cel();
        break;
    }
    if (engine != null) {
      expected.check(engine.score(features), variant.name());
    }
  }

  @Benchmark
  @OperationsPerInvocation(ACCOUNTS)
  public Object scoreAccounts() {
    switch (variant) {
      case PLS_FAST:
        return pls.score(table, AS_OF);
      case HAND_WRITTEN:
        return HandWritten.score(features);
      default:
        return engine.score(features);
    }
  }
}
