package dev.pls.core.backtest;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.backtest.ComparisonResult.AucDifference;
import dev.pls.core.backtest.ComparisonResult.ChangedEntity;
import dev.pls.core.backtest.ComparisonResult.Direction;
import dev.pls.core.backtest.ComparisonResult.RuleChange;
import dev.pls.core.backtest.ComparisonResult.Transitions;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/*
 * Champion against challenger on small timelines computed by hand. As of one instant T (a one-step
 * grid), five users and a champion with one capped category (cap 60): demo +50, invite +20,
 * pricing +30; hot at 50, warm at 20.
 *
 *   u1  demo                50 hot
 *   u2  invite, pricing     50 hot
 *   u3  invite              20 warm
 *   u4  pricing             30 warm
 *   u5  traits only          0 none
 */
class ComparisonTest {
  private static final Schedule.Grid AS_OF =
      new Schedule.Grid(at("2026-03-10T00:00:00Z"), at("2026-03-10T00:00:00Z"), Duration.ofDays(1));

  private static Model model(String id, Consumer<Model.Builder> change) {
    Model.Builder b = Model.builder(id).version(id.equals("champ") ? 3 : 4);
    change.accept(b);
    return b.build();
  }

  private static final Model CHAMPION =
      model(
          "champ",
          b ->
              b.category(
                      "c",
                      c ->
                          c.cap(60)
                              .rule("demo", Expr.occurred("demo"), 50, "Demo")
                              .rule("invite", Expr.occurred("invite"), 20, "Invite")
                              .rule("pricing", Expr.occurred("pricing"), 30, "Pricing"))
                  .tier("hot", Expr.score().ge(50))
                  .tier("warm", Expr.score().ge(20)));

  private static ComparisonResult compare(Model a, Model b) {
    PairedReplay r = Comparison.builder(a, b).schedule(AS_OF).build().start();
    r.traits("u5", Map.of());
    r.event(event("u1", "demo", "2026-03-02T10:00:00Z"));
    r.event(event("u2", "invite", "2026-03-03T10:00:00Z"));
    r.event(event("u3", "invite", "2026-03-04T10:00:00Z"));
    r.event(event("u2", "pricing", "2026-03-05T10:00:00Z"));
    r.event(event("u4", "pricing", "2026-03-06T10:00:00Z"));
    return r.finish();
  }

  /** Rows of the matrix, A's tiers (hot, warm, none) by B's. */
  private static List<List<Long>> rows(long[]... rows) {
    return java.util.Arrays.stream(rows)
        .map(r -> java.util.Arrays.stream(r).boxed().toList())
        .toList();
  }

  private static Optional<Points> pts(long whole) {
    return Optional.of(Points.of(whole));
  }

  @Test
  void ruleRemoved_movesItsEntitiesDownAndNamesTheRule() {
    Model b =
        model(
            "chall",
            x ->
                x.category(
                        "c",
                        c ->
                            c.cap(60)
                                .rule("demo", Expr.occurred("demo"), 50, "Demo")
                                .rule("invite", Expr.occurred("invite"), 20, "Invite"))
                    .tier("hot", Expr.score().ge(50))
                    .tier("warm", Expr.score().ge(20)));
    ComparisonResult r = compare(CHAMPION, b);
    Transitions t = r.transitions();
    assertEquals(List.of("hot", "warm", "none"), t.from());
    assertEquals(List.of("hot", "warm", "none"), t.to());
    assertEquals(
        rows(new long[] {1, 1, 0}, new long[] {0, 1, 1}, new long[] {0, 0, 1}), t.counts());
    assertEquals(3, t.same());
    assertEquals(0, t.up());
    assertEquals(2, t.down());
    assertEquals(
        List.of(
            new ChangedEntity(
                "u2",
                "hot",
                "warm",
                Direction.DOWN,
                pts(50),
                pts(20),
                List.of(new RuleChange("pricing", true, false, pts(30), Optional.empty()))),
            new ChangedEntity(
                "u4",
                "warm",
                "none",
                Direction.DOWN,
                pts(30),
                pts(0),
                List.of(new RuleChange("pricing", true, false, pts(30), Optional.empty())))),
        r.changed());
    assertEquals("champ", r.champion().summary().model());
    assertEquals(3, r.champion().summary().version());
    assertEquals("chall", r.challenger().summary().model());
    assertEquals(4, r.challenger().summary().version());
    assertTrue(r.outcomes().isEmpty(), "no outcomes given");
  }

  @Test
  void thresholdMoved_changesTiersWithoutRuleChanges() {
    Model b =
        model(
            "chall",
            x ->
                x.category(
                        "c",
                        c ->
                            c.cap(60)
                                .rule("demo", Expr.occurred("demo"), 50, "Demo")
                                .rule("invite", Expr.occurred("invite"), 20, "Invite")
                                .rule("pricing", Expr.occurred("pricing"), 30, "Pricing"))
                    .tier("hot", Expr.score().ge(50))
                    .tier("warm", Expr.score().ge(30)));
    ComparisonResult r = compare(CHAMPION, b);
    assertEquals(
        rows(new long[] {2, 0, 0}, new long[] {0, 1, 1}, new long[] {0, 0, 1}),
        r.transitions().counts());
    assertEquals(
        List.of(
            new ChangedEntity("u3", "warm", "none", Direction.DOWN, pts(20), pts(20), List.of())),
        r.changed(),
        "the same score on both sides: the tier's threshold moved");
  }

  @Test
  void capChanged_showsTheAppliedPointsOfBoth() {
    Model b =
        model(
            "chall",
            x ->
                x.category(
                        "c",
                        c ->
                            c.cap(40)
                                .rule("demo", Expr.occurred("demo"), 50, "Demo")
                                .rule("invite", Expr.occurred("invite"), 20, "Invite")
                                .rule("pricing", Expr.occurred("pricing"), 30, "Pricing"))
                    .tier("hot", Expr.score().ge(50))
                    .tier("warm", Expr.score().ge(20)));
    ComparisonResult r = compare(CHAMPION, b);
    // u1's demo is capped to 40 too (50 -> 40): hot -> warm; u2's pricing gets what is left under
    // the cap after invite's 20.
    assertEquals(
        rows(new long[] {0, 2, 0}, new long[] {0, 2, 0}, new long[] {0, 0, 1}),
        r.transitions().counts());
    assertEquals(
        List.of(
            new ChangedEntity(
                "u1",
                "hot",
                "warm",
                Direction.DOWN,
                pts(50),
                pts(40),
                List.of(new RuleChange("demo", true, true, pts(50), pts(40)))),
            new ChangedEntity(
                "u2",
                "hot",
                "warm",
                Direction.DOWN,
                pts(50),
                pts(40),
                List.of(new RuleChange("pricing", true, true, pts(30), pts(20))))),
        r.changed());
  }

  @Test
  void ruleRenamed_showsAsRemovedAndAdded() {
    Model b =
        model(
            "chall",
            x ->
                x.category(
                        "c",
                        c ->
                            c.cap(60)
                                .rule("demo", Expr.occurred("demo"), 50, "Demo")
                                .rule("invite", Expr.occurred("invite"), 20, "Invite")
                                .rule("pricing_page", Expr.occurred("pricing"), 10, "Pricing"))
                    .tier("hot", Expr.score().ge(50))
                    .tier("warm", Expr.score().ge(20)));
    ComparisonResult r = compare(CHAMPION, b);
    List<RuleChange> renamed =
        List.of(
            new RuleChange("pricing", true, false, pts(30), Optional.empty()),
            new RuleChange("pricing_page", false, true, Optional.empty(), pts(10)));
    assertEquals(
        List.of(
            new ChangedEntity("u2", "hot", "warm", Direction.DOWN, pts(50), pts(30), renamed),
            new ChangedEntity("u4", "warm", "none", Direction.DOWN, pts(30), pts(10), renamed)),
        r.changed());
  }

  @Test
  void tierAddedAbove_countsUpByTheChallengersOrder() {
    Model b =
        model(
            "chall",
            x ->
                x.category(
                        "c",
                        c ->
                            c.cap(60)
                                .rule("demo", Expr.occurred("demo"), 50, "Demo")
                                .rule("invite", Expr.occurred("invite"), 20, "Invite")
                                .rule("pricing", Expr.occurred("pricing"), 30, "Pricing"))
                    .tier("hot", Expr.score().ge(50))
                    .tier("warm", Expr.score().ge(25))
                    .tier("cool", Expr.score().ge(10)));
    ComparisonResult r = compare(CHAMPION, b);
    assertEquals(List.of("hot", "warm", "cool", "none"), r.transitions().to());
    assertEquals(1, r.transitions().count("warm", "cool"));
    assertEquals(1, r.transitions().down());
    assertEquals(
        Direction.UP,
        Compare.direction(List.of("warm", "none"), List.of("hot", "warm", "none"), "warm", "hot"));
    assertEquals(
        Direction.ACROSS,
        Compare.direction(List.of("a", "none"), List.of("b", "none"), "a", "b"),
        "a tier renamed");
  }

  @Test
  void selfDiff_isAllDiagonalWithNoChangedEntity() {
    ComparisonResult r = compare(CHAMPION, CHAMPION);
    assertEquals(
        rows(new long[] {2, 0, 0}, new long[] {0, 2, 0}, new long[] {0, 0, 1}),
        r.transitions().counts());
    assertEquals(5, r.transitions().same());
    assertTrue(r.changed().isEmpty());

    PairedReplay p =
        Comparison.builder(Timelines.MODEL, Timelines.MODEL)
            .schedule(Timelines.GRID)
            .outcomes(Timelines.outcomes())
            .build()
            .start();
    feed(p);
    ComparisonResult g = p.finish();
    assertTrue(g.changed().isEmpty());
    AucDifference auc = g.outcomes().orElseThrow().auc().orElseThrow();
    assertEquals(0.0, auc.difference());
    assertEquals(OptionalDouble.of(0.0), auc.low());
    assertEquals(OptionalDouble.of(0.0), auc.high());
  }

  private static void feed(PairedReplay r) {
    r.traits("d", Map.of());
    r.traits("g", Map.of());
    r.traits("e", Map.of("bot", Value.bool(true)));
    r.event(event("a", "invite", "2026-02-27T12:00:00Z"));
    r.event(event("e", "demo", "2026-02-28T09:00:00Z"));
    r.event(event("b", "demo", "2026-03-01T05:00:00Z"));
    r.event(event("c", "invite", "2026-03-02T06:00:00Z"));
    r.event(event("a", "demo", "2026-03-03T10:00:00Z"));
  }

  /*
   * The worked example of docs/evaluation.md against a challenger without `demo`. Peaks (A -> B):
   * a warm -> warm (demo came after its outcome), b hot -> none, c prior none -> none, d, e, g
   * none -> none. AUC over a, b, d, e, g (c is prior): A 0.25, B 0.75 (a 20 beats b, e, g at 0; d
   * ties them). DeLong by hand, positives a, d and negatives b, e, g: the components' differences
   * B − A are 2/3, 1/3 for a, d (variance 1/18) and 3/4, 3/4, 0 for b, e, g (variance 3/16), so
   * Var = (1/18)/2 + (3/16)/3 = 0.0902778, se 0.300463, 0.5 ± 1.959964 × se.
   */
  @Test
  void grid_comparesPeakTiersAndAucWithDeLongsInterval() {
    Model b =
        Model.builder("bt_no_demo")
            .version(3)
            .trait("bot", dev.pls.core.model.TraitType.BOOL)
            .category(
                "c",
                c ->
                    c.rule(
                        "invite",
                        Expr.occurred("invite", dev.pls.core.model.Window.days(7)),
                        20,
                        "Invited"))
            .exclude(Expr.trait("bot").eq(true), "bot")
            .tier("hot", Expr.score().ge(50))
            .tier("warm", Expr.score().ge(20))
            .build();
    PairedReplay p =
        Comparison.builder(Timelines.MODEL, b)
            .schedule(Timelines.GRID)
            .outcomes(Timelines.outcomes())
            .build()
            .start();
    feed(p);
    ComparisonResult r = p.finish();
    assertEquals(
        rows(new long[] {0, 0, 1}, new long[] {0, 1, 0}, new long[] {0, 0, 4}),
        r.transitions().counts());
    assertEquals(
        List.of(
            new ChangedEntity(
                "b",
                "hot",
                "none",
                Direction.DOWN,
                pts(50),
                pts(0),
                List.of(new RuleChange("demo", true, false, pts(50), Optional.empty())))),
        r.changed());
    ComparisonResult.OutcomeComparison o = r.outcomes().orElseThrow();
    AucDifference auc = o.auc().orElseThrow();
    assertEquals(5, auc.entities());
    assertEquals(2, auc.converted());
    assertEquals(0.25, auc.champion(), 1e-12);
    assertEquals(0.75, auc.challenger(), 1e-12);
    assertEquals(0.5, auc.difference(), 1e-12);
    double se = Math.sqrt(1.0 / 36 + 3.0 / 48);
    assertEquals(se, auc.standardError().getAsDouble(), 1e-12);
    assertEquals(0.5 - 1.959964 * se, auc.low().getAsDouble(), 1e-12);
    assertEquals(0.5 + 1.959964 * se, auc.high().getAsDouble(), 1e-12);
    assertEquals(-0.0889, auc.low().getAsDouble(), 1e-4);
    assertEquals(1.0889, auc.high().getAsDouble(), 1e-4);
    // Lifts: hot A 0 (b, 0 of 1), B absent (nobody); warm 2.5 both; none A 1 of 3, B 1 of 4.
    assertEquals(List.of("hot", "warm", "none"), List.copyOf(o.lift().keySet()));
    assertFalse(o.lift().get("hot").isPresent());
    assertEquals(0.0, o.lift().get("warm").getAsDouble(), 1e-12);
    assertEquals(0.25 / 0.4 - (1.0 / 3) / 0.4, o.lift().get("none").getAsDouble(), 1e-12);
  }

  /**
   * DeLong's interval against the method written out plainly: every pair's kernel in a double loop,
   * the two 2×2 covariance matrices of the structural components, and the contrast (−1, 1).
   */
  @Test
  void delong_agreesWithTheCovarianceMatricesWrittenOut() {
    Random random = new Random(13); // fixed: the case must be the same on every run
    for (int round = 0; round < 50; round++) {
      int size = 4 + random.nextInt(40);
      long[] a = new long[size];
      long[] b = new long[size];
      boolean[] converted = new boolean[size];
      converted[0] = true;
      converted[1] = false;
      converted[2] = true;
      converted[3] = false;
      for (int i = 0; i < size; i++) {
        if (i >= 4) {
          converted[i] = random.nextInt(3) == 0;
        }
        a[i] = random.nextInt(6) * 10L + (converted[i] ? 10 : 0);
        b[i] = a[i] + random.nextInt(5) * 10L - 20;
      }
      double[] naive = naiveDelong(a, b, converted);
      AucDifference d = Compare.delong(a, b, converted).orElseThrow();
      assertEquals(naive[0], d.champion(), 1e-12);
      assertEquals(naive[1], d.challenger(), 1e-12);
      assertEquals(naive[1] - naive[0], d.difference(), 1e-12);
      assertEquals(naive[2], d.standardError().getAsDouble(), 1e-12);
    }
  }

  /** {AUC A, AUC B, se of B − A}, by DeLong, DeLong and Clarke-Pearson (1988), step by step. */
  private static double[] naiveDelong(long[] a, long[] b, boolean[] converted) {
    long[][] scores = {a, b};
    int m = 0;
    for (boolean c : converted) {
      m += c ? 1 : 0;
    }
    int n = converted.length - m;
    double[][] v10 = new double[2][m];
    double[][] v01 = new double[2][n];
    double[] auc = new double[2];
    for (int k = 0; k < 2; k++) {
      int i = 0;
      for (int x = 0; x < converted.length; x++) {
        if (!converted[x]) {
          continue;
        }
        int j = 0;
        for (int y = 0; y < converted.length; y++) {
          if (converted[y]) {
            continue;
          }
          double psi = scores[k][x] > scores[k][y] ? 1 : scores[k][x] == scores[k][y] ? 0.5 : 0;
          v10[k][i] += psi / n;
          v01[k][j] += psi / m;
          auc[k] += psi / ((double) m * n);
          j++;
        }
        i++;
      }
    }
    double[][] s10 = new double[2][2];
    double[][] s01 = new double[2][2];
    for (int k = 0; k < 2; k++) {
      for (int l = 0; l < 2; l++) {
        for (int i = 0; i < m; i++) {
          s10[k][l] += (v10[k][i] - auc[k]) * (v10[l][i] - auc[l]) / (m - 1);
        }
        for (int j = 0; j < n; j++) {
          s01[k][l] += (v01[k][j] - auc[k]) * (v01[l][j] - auc[l]) / (n - 1);
        }
      }
    }
    double var =
        (s10[0][0] + s10[1][1] - 2 * s10[0][1]) / m + (s01[0][0] + s01[1][1] - 2 * s01[0][1]) / n;
    return new double[] {auc[0], auc[1], Math.sqrt(var)};
  }

  @Test
  void builder_refusesModelsOfDifferentEntityKinds() {
    Model accounts =
        Model.builder("acc")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("demo", Expr.occurred("demo"), 50, "Demo"))
            .tier("hot", Expr.score().ge(50))
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Comparison.builder(CHAMPION, accounts));
    assertTrue(e.getMessage().contains("scores accounts"), e.getMessage());
    assertTrue(e.getMessage().contains("scores users"), e.getMessage());
  }
}
