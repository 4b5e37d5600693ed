package dev.pls.core.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutreachLiftTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private static final double EPS = 1e-9;

  private static OutreachLift.Exposure routed(String id, String tier, Instant at) {
    return new OutreachLift.Exposure(id, tier, at, false);
  }

  private static OutreachLift.Exposure held(String id, String tier) {
    return new OutreachLift.Exposure(id, tier, T, true);
  }

  /*
   * hot: r1 routed, converts a day later; r2 routed, never (its second alert a day later does not
   * count); r3's outcome is at its alert's instant: prior, in no group; h1 held out, converts two
   * days later; h2, h3 held out, never. warm: w1 routed, converts an hour later; nobody held out.
   * So hot 1/2 against 1/3, warm 1/1 against nothing, all 2/3 against 1/3. The intervals were
   * computed by hand from the Wilson intervals (1 of 2: 0.0945312..0.9054688; 1 of 3:
   * 0.0614919..0.7923404; 2 of 3: 0.2076596..0.9385081) by Newcombe's formula.
   */
  @Test
  void of_handComputed_ratesPerTierAndOverall_priorLeftOut() {
    List<OutreachLift.Exposure> exposures =
        List.of(
            routed("r1", "hot", T),
            routed("r2", "hot", T),
            routed("r3", "hot", T),
            held("h1", "hot"),
            held("h2", "hot"),
            held("h3", "hot"),
            routed("w1", "warm", T),
            routed("r2", "hot", T.plus(Duration.ofDays(1))));
    Map<String, Instant> times = new HashMap<>();
    times.put("r1", T.plus(Duration.ofDays(1)));
    times.put("r3", T);
    times.put("h1", T.plus(Duration.ofDays(2)));
    times.put("w1", T.plus(Duration.ofHours(1)));
    OutreachLift lift =
        OutreachLift.of(exposures, Outcomes.of("converted", times), List.of("hot", "warm", "none"));

    assertEquals("converted", lift.outcome());
    assertEquals(
        List.of("hot", "warm"), lift.tiers().stream().map(OutreachLift.Group::tier).toList());
    OutreachLift.Group hot = lift.tiers().get(0);
    assertEquals(List.of(2L, 1L, 3L, 1L, 1L), counts(hot));
    assertDifference(1.0 / 6, -0.44578123286192445, 0.6548292253357504, hot.difference());

    OutreachLift.Group warm = lift.tiers().get(1);
    assertEquals(List.of(1L, 1L, 0L, 0L, 0L), counts(warm));
    assertEquals(Optional.empty(), warm.heldOutRate());
    assertEquals(Optional.empty(), warm.difference());

    OutreachLift.Group all = lift.overall();
    assertEquals(OutreachLift.ALL, all.tier());
    assertEquals(List.of(3L, 2L, 3L, 1L, 1L), counts(all));
    assertDifference(1.0 / 3, -0.31580068443749126, 0.717775111924084, all.difference());
  }

  @Test
  void difference_newcombesOwnExample_matchesHisTable() {
    // Newcombe (1998), Statistics in Medicine 17:873-890, table II, example (a): 56/70 against
    // 48/80, method 10 (score, no continuity correction): 0.0524 to 0.3339.
    OutreachLift.Difference d = OutreachLift.Difference.of(Rate.of(56, 70), Rate.of(48, 80));
    assertEquals(0.2, d.value(), EPS);
    assertEquals(0.0524, d.low(), 5e-5);
    assertEquals(0.3339, d.high(), 5e-5);
  }

  @Test
  void of_outcomesDrawnWithAKnownUplift_findItWithinTheInterval() {
    // Generated: 20,000 hot entities, a fifth held out; held-out entities convert with
    // probability 0.20, routed ones with 0.30, so outreach adds 0.10. A fixed seed so the test
    // gives the same data every run; the interval is about +-0.014 wide here, and covers 0.10 for
    // about 95% of seeds.
    Random random = new Random(20261203L);
    List<OutreachLift.Exposure> exposures = new ArrayList<>();
    Map<String, Instant> times = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String id = "e" + i;
      boolean heldOut = random.nextInt(5) == 0;
      exposures.add(new OutreachLift.Exposure(id, "hot", T, heldOut));
      if (random.nextDouble() < (heldOut ? 0.20 : 0.30)) {
        times.put(id, T.plus(Duration.ofDays(1 + random.nextInt(30))));
      }
    }
    OutreachLift.Group all =
        OutreachLift.of(exposures, Outcomes.of("converted", times), List.of("hot")).overall();
    OutreachLift.Difference d = all.difference().orElseThrow();
    assertTrue(d.low() < 0.10 && 0.10 < d.high(), d.toString());
    assertTrue(d.low() > 0.07 && d.high() < 0.13, "too wide: " + d);
    assertEquals(0.20, all.heldOutRate().orElseThrow().value(), 0.02);
    assertEquals(0.30, all.routedRate().orElseThrow().value(), 0.02);
  }

  private static List<Long> counts(OutreachLift.Group g) {
    return List.of(g.routed(), g.routedConverted(), g.heldOut(), g.heldOutConverted(), g.prior());
  }

  private static void assertDifference(
      double value, double low, double high, Optional<OutreachLift.Difference> d) {
    assertTrue(d.isPresent());
    assertEquals(value, d.get().value(), EPS);
    assertEquals(low, d.get().low(), EPS);
    assertEquals(high, d.get().high(), EPS);
  }
}
