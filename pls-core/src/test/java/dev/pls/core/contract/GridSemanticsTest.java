package dev.pls.core.contract;

import static dev.pls.core.model.Expr.trait;
import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Grid;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.TraitType;
import java.util.List;
import java.util.Optional;

/*
 * The fit × engagement grid (docs/semantics.md §8.2), cells computed by hand. The model: fit (cap
 * 40) = +30 for 100+ employees, +20 for 500+, -15 for a free plan; engagement (no cap) = +60 for
 * 50+ seats, +25 for 10+ seats, +5 for 1+ seat. The grid: rows fit {A >= 40, B >= 20, C},
 * columns engagement {1 >= 60, 2 >= 30, 3}.
 */
class GridSemanticsTest {
  private final Engine engine;

  GridSemanticsTest(Engine engine) {
    this.engine = engine;
  }

  static final Grid GRID =
      new Grid(
          "fit_engagement",
          new Grid.Axis(
              "fit",
              List.of(
                  Grid.Band.atLeast("A", Points.of(40)),
                  Grid.Band.atLeast("B", Points.of(20)),
                  Grid.Band.rest("C"))),
          new Grid.Axis(
              "engagement",
              List.of(
                  Grid.Band.atLeast("1", Points.of(60)),
                  Grid.Band.atLeast("2", Points.of(30)),
                  Grid.Band.rest("3"))));

  private static Model.Builder model() {
    return Model.builder("grid")
        .trait("employees", TraitType.INT)
        .trait("seats", TraitType.INT)
        .trait("plan", TraitType.STRING)
        .category(
            "fit",
            c ->
                c.cap(40)
                    .rule("mid", trait("employees").ge(100), 30, "mid")
                    .rule("large", trait("employees").ge(500), 20, "large")
                    .rule("free", trait("plan").eq("free"), -15, "free"))
        .category(
            "engagement",
            c ->
                c.rule("team", trait("seats").ge(50), 60, "team")
                    .rule("some", trait("seats").ge(10), 25, "some")
                    .rule("one", trait("seats").ge(1), 5, "one"))
        .grid(GRID);
  }

  private static Entity user(long employees, long seats, String plan) {
    return Entity.builder("u")
        .trait("employees", employees)
        .trait("seats", seats)
        .trait("plan", plan)
        .build();
  }

  private ScoreCard card(Model m, Entity e) {
    return engine.scorer(m).score(e, AS_OF);
  }

  private Optional<String> cell(Model m, Entity e) {
    return card(m, e).cell();
  }

  @EveryEngine
  void cell_atTheBandBoundaries_isTheHigherBand() {
    // fit 30 + 20 = 50 capped at 40 (exactly A's cutoff); engagement 60 + 25 + 5 = 90: A1.
    assertEquals(Optional.of("A1"), cell(model().build(), user(500, 50, "pro")));
    // engagement 25 + 5 = 30, exactly band 2's cutoff: A2.
    assertEquals(Optional.of("A2"), cell(model().build(), user(500, 10, "pro")));
  }

  @EveryEngine
  void cell_belowEveryCutoff_isTheRestBand() {
    // fit 0, engagement 5: C3; fit 0, engagement 0 (no rule fired): C3, totals are 0 not missing.
    assertEquals(Optional.of("C3"), cell(model().build(), user(10, 1, "pro")));
    assertEquals(Optional.of("C3"), cell(model().build(), user(10, 0, "pro")));
    // fit 30 (B, 30 >= 20 but < 40), engagement 90: B1.
    assertEquals(Optional.of("B1"), cell(model().build(), user(100, 50, "pro")));
  }

  @EveryEngine
  void cell_readsTheTotalAfterTheCapAndNegativeRules() {
    // fit = min(50, 40) - 15 = 25: B, not A (the positive sum 50 and the capped 40 both are A).
    assertEquals(Optional.of("B1"), cell(model().build(), user(500, 50, "free")));
    // fit = 30 - 15 = 15: C; engagement 30: 2.
    assertEquals(Optional.of("C2"), cell(model().build(), user(100, 10, "free")));
  }

  @EveryEngine
  void cell_isBesideTheTier_andAbsentWhenExcludedOrWithoutAGrid() {
    Model m =
        model()
            .exclude(Expr.total("fit").lt(0), "no fit")
            .tier("hot", Expr.score().ge(100))
            .build();
    ScoreCard hot = card(m, user(500, 50, "pro"));
    assertEquals("hot", hot.tier());
    assertEquals(Optional.of("A1"), hot.cell());
    // fit -15: excluded, tier none, no cell.
    assertEquals(Optional.empty(), cell(m, user(10, 0, "free")));
    Model noGrid = Model.builder("g").trait("seats", TraitType.INT).build();
    assertEquals(
        Optional.empty(), engine.scorer(noGrid).score(Entity.builder("u").build(), AS_OF).cell());
  }
}
