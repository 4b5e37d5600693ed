package dev.pls.core.contract;

import static dev.pls.core.model.Expr.total;
import static dev.pls.core.model.Expr.trait;
import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Entity;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Cards;
import java.util.List;

/*
 * Category totals read by tiers and exclusions (docs/semantics.md §8.1), with cards computed by
 * hand. The model: fit (cap 40) = +30 for 100+ employees, +20 for 500+, -15 for a free plan;
 * engagement (no cap) = +60 for 50+ seats, +25 for 10+ seats.
 */
class CategoryTotalSemanticsTest {
  private final Engine engine;

  CategoryTotalSemanticsTest(Engine engine) {
    this.engine = engine;
  }

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
                    .rule("some", trait("seats").ge(10), 25, "some"));
  }

  private static Model tiers() {
    return model()
        .tier("A1", total("fit").ge(40).and(total("engagement").ge(60)))
        .tier("A2", total("fit").ge(40).and(total("engagement").ge(25)))
        .tier("B", total("fit").gt(0))
        .build();
  }

  private static Entity user(long employees, long seats, String plan) {
    return Entity.builder("u")
        .trait("employees", employees)
        .trait("seats", seats)
        .trait("plan", plan)
        .build();
  }

  private Scorer scorer(Model model) {
    return engine.scorer(model);
  }

  private String head(Model model, Entity e) {
    return Cards.lines(scorer(model).score(e, AS_OF)).get(0);
  }

  @EveryEngine
  void tier_readingTwoTotals_holdsOnBothBoundaries() {
    // fit 30 + 20 = 50, capped at 40; engagement 60 + 25 = 85: A1 (40 >= 40 and 85 >= 60).
    assertEquals("score 125, tier A1", head(tiers(), user(500, 50, "pro")));
    // engagement only 25 (10 seats): A2.
    assertEquals("score 65, tier A2", head(tiers(), user(500, 10, "pro")));
    // fit 30 (under 40): not A1 or A2 whatever the engagement; B as 30 > 0.
    assertEquals("score 115, tier B", head(tiers(), user(100, 50, "pro")));
  }

  @EveryEngine
  void total_isAfterTheCap_notThePositiveSum() {
    // Rules give fit 30 + 20 = 50 before the cap; the total a condition reads is 40.
    Model m =
        model().tier("over", total("fit").gt(40)).tier("exactly", total("fit").eq(40)).build();
    assertEquals(
        List.of(
            "score 40, tier exactly",
            "fit: total 40 (positive 50, negative 0)",
            "engagement: total 0 (positive 0, negative 0)",
            "fit/mid +30 | employees = 500",
            "fit/large +10 (of +20) | employees = 500"),
        Cards.lines(scorer(m).score(user(500, 0, "pro"), AS_OF)));
  }

  @EveryEngine
  void total_includesNegativeRules() {
    // fit = min(30 + 20, 40) - 15 = 25: under 40, so A1 and A2 fail; B holds.
    assertEquals("score 110, tier B", head(tiers(), user(500, 50, "free")));
    // fit = 30 - 15 = 15 > 0: B; fit = -15 (small, free): none.
    assertEquals("score -15, tier none", head(tiers(), user(10, 0, "free")));
    assertEquals("score 10, tier none", head(tiers(), user(10, 10, "free")));
  }

  @EveryEngine
  void exclusion_readingATotal_excludesAndLeavesTheScore() {
    // An exclusion decided on a total, which only exists once every rule is added up.
    Model m =
        model()
            .exclude(total("fit").lt(0), "no fit at all")
            .tier("hot", Expr.score().ge(20))
            .build();
    assertEquals("score 10, tier none, excluded: no fit at all", head(m, user(10, 10, "free")));
    assertEquals("score 25, tier hot", head(m, user(10, 10, "pro")));
    // fit 0 is not below 0.
    assertEquals("score 0, tier none", head(m, user(10, 0, "pro")));
  }

  @EveryEngine
  void total_ofAnEmptyOrSilentCategory_isZeroNotMissing() {
    Model m = model().tier("zero", total("engagement").eq(0)).build();
    assertEquals("score 0, tier zero", head(m, user(1, 0, "pro")));
  }

  @EveryEngine
  void total_inArithmetic_readsTheSameNumber() {
    // fit 40 + engagement 85 = 125 = the score, as there are no other categories.
    Model m = model().tier("sum", total("fit").plus(total("engagement")).eq(Expr.score())).build();
    assertEquals("score 125, tier sum", head(m, user(500, 50, "pro")));
  }

  @EveryEngine
  void handoffSegment_readingATotal_seesTheTotalAfterCaps() {
    Model m =
        model()
            .handoff(
                dev.pls.core.model.Handoff.builder()
                    .queue("q", "Queue", java.time.Duration.ofHours(4))
                    .segment("strong_fit", total("fit").ge(40))
                    .segment("some_fit", total("fit").gt(0))
                    .build())
            .build();
    assertEquals("strong_fit", segment(m, user(500, 0, "pro")));
    assertEquals("some_fit", segment(m, user(100, 0, "pro")));
    assertEquals("none", segment(m, user(10, 0, "pro")));
  }

  private String segment(Model m, Entity e) {
    return scorer(m).score(e, AS_OF).handoff().orElseThrow().segment();
  }
}
