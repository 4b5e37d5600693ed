package dev.pls.bench;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.scoring.FeatureBinding;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.testing.SeedTemplate;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Scores one million accounts' seed-template features ({@link SeedFeatures}) from typed columns
 * through a {@link FeatureBinding} into buffers reused across invocations: narrow {@code int[]}
 * counts, the industry as dictionary codes, ICP as a {@code boolean[]} with missing rows, the
 * 4-week trend as a {@code double[]} (holding the same whole values, so that its rule runs the
 * double comparison). {@code full} writes score, tier and fired-rule words; {@code scoreAndTier}
 * score and tier only. The table is bound once at setup: the measured operation is scoring the
 * whole batch (on {@code threads} threads, in as many ranges), reported per account ({@link
 * OperationsPerInvocation}). Both outputs are checked at setup against the hand-written baseline
 * ({@code HandWritten}), on every row.
 *
 * <p>Reproduce:
 *
 * <pre>
 * mvn -B -q -pl pls-bench -am package -DskipTests
 * java -jar pls-bench/target/benchmarks.jar TypedFeatureBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
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
public class TypedFeatureBenchmark {
  static final int ACCOUNTS = 1_000_000;

  @Param({"1", "2"})
  public int threads;

  private FeatureBinding binding;
  private ExecutorService pool;
  private long[] scores;
  private int[] tiers;
  private long[] fired;

  @Setup(Level.Trial)
  public void setUp() {
    SeedFeatures features = new SeedFeatures(ACCOUNTS);
    binding = FeatureScorer.of(SeedTemplate.model()).bind(table(features));
    pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    scores = new long[ACCOUNTS];
    tiers = new int[ACCOUNTS];
    fired = new long[ACCOUNTS * binding.firedStride()];
    Results expected = HandWritten.score(features);
    full();
    expected.check(results(true), "typed full, " + threads + " threads");
    java.util.Arrays.fill(scores, -1);
    java.util.Arrays.fill(tiers, -2);
    scoreAndTier();
    Results scoreOnly = results(false);
    for (int i = 0; i < ACCOUNTS; i++) {
      scoreOnly.fired[i] = expected.fired[i];
    }
    expected.check(scoreOnly, "typed score and tier, " + threads + " threads");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Score, tier and fired rules into the reused buffers. */
  @Benchmark
  @OperationsPerInvocation(ACCOUNTS)
  public long[] full() {
    score(fired);
    return scores;
  }

  /** Score and tier only into the reused buffers. */
  @Benchmark
  @OperationsPerInvocation(ACCOUNTS)
  public long[] scoreAndTier() {
    score(null);
    return scores;
  }

  private void score(long[] firedOrNull) {
    if (pool == null) {
      binding.score(0, ACCOUNTS, scores, tiers, firedOrNull);
    } else {
      binding.score(scores, tiers, firedOrNull, pool, threads);
    }
  }

  /** The buffers in the baseline's shape (tiers hot, warm, emerging, none = 0..3). */
  private Results results(boolean withFired) {
    Results r = new Results(ACCOUNTS);
    List<String> names = binding.tierNames();
    if (!names.equals(List.of("hot", "warm", "emerging")) || binding.firedStride() != 1) {
      throw new IllegalStateException(
          "the seed template's tiers are " + names + ", fired words " + binding.firedStride());
    }
    for (int i = 0; i < ACCOUNTS; i++) {
      r.score[i] = scores[i];
      r.tier[i] = (byte) (tiers[i] < 0 ? 3 : tiers[i]);
      r.fired[i] = withFired ? fired[i] : 0;
    }
    return r;
  }

  /** The features as the narrowest typed columns that hold them. */
  static FeatureTable table(SeedFeatures f) {
    int n = f.n;
    List<String> industries = List.of("software", "fintech", "healthcare", "retail", "education");
    int[] industry = new int[n];
    BitSet industryMissing = new BitSet();
    boolean[] icp = new boolean[n];
    BitSet icpMissing = new BitSet();
    double[] trend = new double[n];
    for (int i = 0; i < n; i++) {
      if (f.industry[i].isEmpty()) {
        industryMissing.set(i);
      } else {
        industry[i] = industries.indexOf(f.industry[i]);
      }
      if (f.icp[i] == 2) {
        icpMissing.set(i);
      } else {
        icp[i] = f.icp[i] == 1;
      }
      trend[i] = f.trend[i];
    }
    return FeatureTable.builder(n)
        .column("domain_users", ints(f.domainUsers), f.domainUsersMissing)
        .column("employees", ints(f.employees), f.employeesMissing)
        .dictionaryColumn("industry", industry, industries, industryMissing)
        .column("icp", icp, icpMissing)
        .column("premium_used within 30d", ints(f.premium30))
        .column("count(usage_limit_hit) within 30d", ints(f.limit30))
        .column("count(api_called) within 30d", ints(f.api30))
        .column("count(integration_enabled) within 30d", ints(f.integrations30))
        .column("features_used within 14d", ints(f.features14))
        .column("invites within 7d", ints(f.invites7))
        .column("count(content_shared where external == true) within 30d", ints(f.shared30))
        .column("minutes_between(signed_up, activated)", ints(f.minutes), f.minutesMissing)
        .column("active_days within 30d", ints(f.active30))
        .column("growth_weeks(any)", ints(f.growth))
        .column("active_days within 7d", ints(f.active7))
        .column("pricing_views within 30d", ints(f.pricing30))
        .column("count(upgrade_started) within 30d", ints(f.upgradeStarted30))
        .column("count(upgrade_completed) within 30d", ints(f.upgradeCompleted30))
        .column("count(enterprise_feature_requested) within 30d", ints(f.enterprise30))
        .column(
            "count(support_contacted where topic in {\"billing\", \"plans\"}) within 30d",
            ints(f.billing30))
        .column("days_since(any)", ints(f.daysSinceAny), f.daysSinceAnyMissing)
        .column("trend(any, 4w)", trend)
        .column("days_since(signed_up)", ints(f.daysSinceSignup), f.daysSinceSignupMissing)
        .column("invites", ints(f.invitesAll))
        .column("premium_used", ints(f.premiumAll))
        .build();
  }

  private static int[] ints(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.toIntExact(values[i]);
    }
    return out;
  }
}
