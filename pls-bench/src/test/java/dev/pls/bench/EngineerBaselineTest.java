package dev.pls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.scoring.FeatureBinding;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.testing.SeedTemplate;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The engineer's baseline and the SpEL forms against pls on generated skewed accounts. */
class EngineerBaselineTest {
  private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
  private static final FeatureScorer PLS = FeatureScorer.of(SeedTemplate.model());

  private static Results pls(SkewedAccounts f) {
    return Results.of(PLS.score(f.table(), AS_OF), SpelPlain.RULES.size());
  }

  @Property(tries = 20)
  void baseline_anySeed_equalsPls(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int n) {
    SkewedAccounts f = new SkewedAccounts(n, seed);
    Results baseline = new Results(n);
    EngineerBaseline.score(f, baseline);
    pls(f).check(baseline, "BASELINE", "pls", true);
    Results scoreAndTier = new Results(n);
    EngineerBaseline.scoreAndTier(f, scoreAndTier);
    pls(f).check(scoreAndTier, "BASELINE_SCORE_TIER", "pls", false);
  }

  @Property(tries = 10)
  void typedBinding_anySeed_equalsPlsOverValueColumns(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int n) {
    SkewedAccounts f = new SkewedAccounts(n, seed);
    FeatureBinding binding = PLS.bind(f.typedTable());
    assertEquals(List.of("hot", "warm", "emerging"), binding.tierNames());
    long[] scores = new long[n];
    int[] tiers = new int[n];
    long[] fired = new long[n * binding.firedStride()];
    binding.score(0, n, scores, tiers, fired);
    Results typed = new Results(n);
    for (int i = 0; i < n; i++) {
      typed.score[i] = scores[i];
      typed.tier[i] = (byte) (tiers[i] < 0 ? 3 : tiers[i]);
      typed.fired[i] = fired[i];
    }
    pls(f).check(typed, "PLS_TYPED", "pls over Value columns", true);
  }

  @Property(tries = 5)
  void spel_everyForm_equalsPls(@ForAll long seed) {
    SkewedAccounts f = new SkewedAccounts(2_000, seed);
    Results expected = pls(f);
    SpelPlain spel = SpelPlain.of(f);
    for (SpelPlain.Form form : SpelPlain.Form.values()) {
      Results out = new Results(f.n);
      spel.score(form, out);
      expected.check(out, "SPEL_" + form, "pls", form != SpelPlain.Form.COMBINED);
    }
  }

  @Test
  void accounts_twentyThousand_everyRuleFiresForSomeButNotAll() {
    SkewedAccounts f = new SkewedAccounts(20_000, 7L);
    Results out = new Results(f.n);
    EngineerBaseline.score(f, out);
    for (int rule = 0; rule < SpelPlain.RULES.size(); rule++) {
      int fired = 0;
      for (long mask : out.fired) {
        fired += (int) (mask >>> rule) & 1;
      }
      assertTrue(fired > 0 && fired < f.n, "rule " + rule + " fired for " + fired + " of " + f.n);
    }
    int[] tiers = new int[4];
    for (byte t : out.tier) {
      tiers[t]++;
    }
    for (int t = 0; t < 4; t++) {
      assertTrue(tiers[t] > 0, "no account in tier " + t);
    }
  }

  @Test
  void accounts_skewed_mostIdleAFewVeryEngagedDecimalTrend() {
    SkewedAccounts f = new SkewedAccounts(20_000, 7L);
    int idle = 0;
    int veryActive = 0;
    int fractionalTrend = 0;
    for (int i = 0; i < f.n; i++) {
      idle += f.active30[i] == 0 ? 1 : 0;
      veryActive += f.active30[i] >= 20 ? 1 : 0;
      fractionalTrend += f.trend[i] != Math.rint(f.trend[i]) ? 1 : 0;
    }
    assertTrue(idle > f.n / 2, "idle: " + idle);
    assertTrue(veryActive > 0 && veryActive < f.n / 10, "very active: " + veryActive);
    assertTrue(fractionalTrend > f.n / 20, "fractional trends: " + fractionalTrend);
  }

  @Test
  void accounts_sameSeed_sameValues() {
    SkewedAccounts a = new SkewedAccounts(1_000, 3L);
    SkewedAccounts b = new SkewedAccounts(1_000, 3L);
    assertEquals(java.util.Arrays.toString(a.trend), java.util.Arrays.toString(b.trend));
    assertEquals(java.util.Arrays.toString(a.industry), java.util.Arrays.toString(b.industry));
  }
}
