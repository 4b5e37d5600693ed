package dev.pls.bench;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.scoring.FeatureBinding;
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
 * The seed template over one million skewed accounts ({@link SkewedAccounts}: two latent variables,
 * most accounts idle, a decimal trend, dictionary-coded industry), scored by the engineer's
 * baseline ({@link EngineerBaseline}: narrow typed columns, no allocation, results into reused
 * arrays), by Spring SpEL called plainly and through a context ({@link SpelPlain}), and by pls's
 * {@link FeatureScorer} over today's feature table, side by side. The measured operation is the
 * whole batch; the reported time is per account ({@link OperationsPerInvocation}).
 *
 * <p>At setup pls scores the table once, and the variant's own output (score, tier and, unless the
 * variant is score and tier only, the fired-rule mask) must equal pls's on every row, or setup
 * throws. pls's {@code FeatureScorer} is itself held equal to {@code Scorer.reference} by the
 * differential properties of pls-core.
 *
 * <p>Reproduce:
 *
 * <pre>
 * mvn -B -q -pl pls-bench -am package -DskipTests
 * java -jar pls-bench/target/benchmarks.jar EngineerBaselineBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
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
public class EngineerBaselineBenchmark {
  static final int ACCOUNTS = 1_000_000;

  /** The seed of the accounts; any fixed value would do, so that every variant scores the same. */
  static final long SEED = 20261203L;

  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

  /** The implementations compared. */
  public enum Variant {
    /** {@link EngineerBaseline#score}: score, tier and fired-rule mask. */
    BASELINE,
    /** {@link EngineerBaseline#scoreAndTier}: score and tier only. */
    BASELINE_SCORE_TIER,
    /** 29 compiled SpEL expressions, {@code getValue(bean)}; score, tier and mask. */
    SPEL_PLAIN,
    /** The same 29 expressions, {@code getValue(context, bean, Boolean.class)}. */
    SPEL_CONTEXT,
    /** One compiled SpEL expression for the score, {@code getValue(bean)}; score and tier only. */
    SPEL_COMBINED,
    /** pls's {@code FeatureScorer} over {@link SkewedAccounts#table()}; score, tier and rules. */
    PLS_FAST,
    /**
     * pls's {@code FeatureBinding} over {@link SkewedAccounts#typedTable()} (the baseline's own
     * arrays), into reused arrays: score, tier index and fired-rule words; one thread.
     */
    PLS_TYPED,
    /** The same binding, score and tier only ({@code fired} null). */
    PLS_TYPED_SCORE_TIER
  }

  @Param public Variant variant;

  private SkewedAccounts accounts;
  private Results out;
  private SpelPlain spel;
  private FeatureTable table;
  private FeatureScorer pls;
  private FeatureBinding binding;
  private long[] scores;
  private int[] tiers;
  private long[] fired;

  @Setup(Level.Trial)
  public void setUp() {
    accounts = new SkewedAccounts(ACCOUNTS, SEED);
    table = accounts.table();
    pls = FeatureScorer.of(SeedTemplate.model());
    Results expected = Results.of(pls.score(table, AS_OF), SpelPlain.RULES.size());
    out = new Results(ACCOUNTS);
    if (variant.name().startsWith("SPEL")) {
      spel = SpelPlain.of(accounts);
    }
    if (variant == Variant.PLS_TYPED || variant == Variant.PLS_TYPED_SCORE_TIER) {
      binding = pls.bind(accounts.typedTable());
      scores = new long[ACCOUNTS];
      tiers = new int[ACCOUNTS];
      fired = variant == Variant.PLS_TYPED ? new long[ACCOUNTS * binding.firedStride()] : null;
    }
    if (variant != Variant.PLS_FAST) {
      scoreAccounts();
      if (binding != null) {
        copyTyped();
      }
      boolean withFired =
          variant != Variant.BASELINE_SCORE_TIER
              && variant != Variant.SPEL_COMBINED
              && variant != Variant.PLS_TYPED_SCORE_TIER;
      expected.check(out, variant.name(), "pls (FeatureScorer)", withFired);
      table = null; // only pls reads it; let the collector have it
    }
  }

  @Benchmark
  @OperationsPerInvocation(ACCOUNTS)
  public Object scoreAccounts() {
    switch (variant) {
      case BASELINE -> EngineerBaseline.score(accounts, out);
      case BASELINE_SCORE_TIER -> EngineerBaseline.scoreAndTier(accounts, out);
      case SPEL_PLAIN -> spel.score(SpelPlain.Form.PLAIN, out);
      case SPEL_CONTEXT -> spel.score(SpelPlain.Form.CONTEXT, out);
      case SPEL_COMBINED -> spel.score(SpelPlain.Form.COMBINED, out);
      case PLS_FAST -> {
        return pls.score(table, AS_OF);
      }
      case PLS_TYPED, PLS_TYPED_SCORE_TIER -> {
        binding.score(0, ACCOUNTS, scores, tiers, fired);
        return scores;
      }
    }
    return out;
  }

  /** The binding's results in the shape the check compares: its tier order is the model's. */
  private void copyTyped() {
    if (!binding.tierNames().equals(java.util.List.of("hot", "warm", "emerging"))) {
      throw new IllegalStateException("unexpected tiers " + binding.tierNames());
    }
    for (int i = 0; i < ACCOUNTS; i++) {
      out.score[i] = scores[i];
      out.tier[i] = (byte) (tiers[i] < 0 ? 3 : tiers[i]);
      out.fired[i] = fired == null ? 0 : fired[i];
    }
  }
}
