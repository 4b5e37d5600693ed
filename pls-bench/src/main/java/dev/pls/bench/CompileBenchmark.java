package dev.pls.bench;

import dev.pls.core.model.Model;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.scoring.Scorer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compile time of a generated 1,000-rule model: building (checking) the {@link Model} and planning
 * it into the fast evaluator. Heap of the result: see {@link Footprint}.
 *
 * <pre>
 * java -jar pls-bench/target/benchmarks.jar CompileBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CompileBenchmark {
  private Model model;

  @Setup
  public void setUp() {
    model = GeneratedModel.of(1000);
  }

  /** Checking a 1,000-rule model as the builder does. */
  @Benchmark
  public Model buildModel() {
    return GeneratedModel.of(1000);
  }

  /** Planning a checked 1,000-rule model into the fast evaluator. */
  @Benchmark
  public Scorer plan() {
    return Scorer.fast(model);
  }

  /** Planning it into the feature-table scorer. */
  @Benchmark
  public FeatureScorer planFeatures() {
    return FeatureScorer.of(model);
  }
}
