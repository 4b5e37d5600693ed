package dev.pls.bench;

import dev.pls.core.model.Model;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.scoring.Scorer;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.Formatting;
import dev.pls.dsl.RulesLanguage;
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
 * it into the fast evaluator. Heap of the result: see {@link Footprint}. And the rules language on
 * a generated rule file of 1 MiB: checking it should cost about what parsing and printing it costs.
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

  /** A generated rule file of just under 1 MiB: 10 models of 2,000 rules each. */
  @State(Scope.Benchmark)
  public static class RuleFile {
    String text;

    @Setup
    public void setUp() {
      StringBuilder sb = new StringBuilder();
      int model = 0;
      while (sb.length() < (1 << 20) - 120_000) {
        sb.append("model m").append(model++).append("\n");
        sb.append("trait x: int\ntrait y: string\nevent e\nsignal n = count(e)\n");
        for (int c = 0; c < 4; c++) {
          sb.append("category c").append(c).append(" {\n");
          for (int r = 0; r < 500; r++) {
            int i = c * 500 + r;
            sb.append("  x > ").append(i).append(" and y in {\"a").append(i);
            sb.append("\", \"b\"} and n >= 2 within 7d : +").append(i % 50 + 1);
            sb.append(" \"rule ").append(i).append("\"\n");
          }
          sb.append("}\n");
        }
      }
      text = sb.toString();
      Compilation c = RulesLanguage.compile("bench.pls", text);
      if (!c.succeeded()) {
        throw new IllegalStateException(c.render());
      }
    }
  }

  /** Checking a 1 MiB rule file: parse, check and build every model. */
  @Benchmark
  public Compilation checkOneMebibyteRuleFile(RuleFile file) {
    return RulesLanguage.compile("bench.pls", file.text);
  }

  /** Formatting the same file: parse and print, the yardstick for checking. */
  @Benchmark
  public Formatting formatOneMebibyteRuleFile(RuleFile file) {
    return RulesLanguage.format("bench.pls", file.text);
  }

  /** Planning it into the feature-table scorer. */
  @Benchmark
  public FeatureScorer planFeatures() {
    return FeatureScorer.of(model);
  }
}
