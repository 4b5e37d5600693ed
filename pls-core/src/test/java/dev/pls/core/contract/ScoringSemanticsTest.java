package dev.pls.core.contract;

import static dev.pls.core.model.Expr.trait;
import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Cards;
import dev.pls.core.testing.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/* Caps and floors, exact points, exclusions and tiers, with cards computed by hand. */
class ScoringSemanticsTest {
  private static final Expr YES = trait("employees").ge(0);

  private final Engine engine;

  ScoringSemanticsTest(Engine engine) {
    this.engine = engine;
  }

  private Scorer scorer(Model model) {
    return engine.scorer(model);
  }

  private static Model.Builder model() {
    return Model.builder("scoring")
        .trait("employees", TraitType.INT)
        .trait("plan", TraitType.STRING);
  }

  private static Entity user(long employees, String plan) {
    return Entity.builder("u").trait("employees", employees).trait("plan", plan).build();
  }

  private List<String> card(Model model, Entity entity) {
    return Cards.lines(scorer(model).score(entity, AS_OF));
  }

  /*
   * cap 25: +10 fits (10 of 25 used), +20 gets the 15 left, +5 gets 0.
   * floor -20: -10 fits, -15 gets the -10 left.
   * total = 25 - 20 = 5; before cap and floor: positive 35, negative -25.
   */
  @EveryEngine
  void capAndFloor_fillInRuleOrder() {
    Model m =
        model()
            .category(
                "c",
                c ->
                    c.cap(25)
                        .floor(-20)
                        .rule("p10", YES, 10, "p10")
                        .rule("n10", YES, -10, "n10")
                        .rule("p20", YES, 20, "p20")
                        .rule("n15", YES, -15, "n15")
                        .rule("p5", YES, 5, "p5"))
            .category("free", c -> c.rule("p7", YES, 7, "p7"))
            .build();
    assertEquals(
        List.of(
            "score 12, tier none",
            "c: total 5 (positive 35, negative -25)",
            "free: total 7 (positive 7, negative 0)",
            "c/p10 +10 | employees = 10",
            "c/n10 -10 | employees = 10",
            "c/p20 +15 (of +20) | employees = 10",
            "c/n15 -10 (of -15) | employees = 10",
            "c/p5 +0 (of +5) | employees = 10",
            "free/p7 +7 | employees = 10"),
        card(m, user(10, "free")));
  }

  @EveryEngine
  void cap_ruleOrderDecidesWhoKeepsTheirPoints() {
    // The same rules as above with +20 first: +20 fits, +10 gets 5, +5 gets 0.
    Model m =
        model()
            .category(
                "c",
                c ->
                    c.cap(25)
                        .rule("p20", YES, 20, "p20")
                        .rule("p10", YES, 10, "p10")
                        .rule("p5", YES, 5, "p5"))
            .build();
    assertEquals(
        List.of(
            "score 25, tier none",
            "c: total 25 (positive 35, negative 0)",
            "c/p20 +20 | employees = 10",
            "c/p10 +5 (of +10) | employees = 10",
            "c/p5 +0 (of +5) | employees = 10"),
        card(m, user(10, "free")));
  }

  @EveryEngine
  void capZero_keepsEveryPositiveRuleAtZeroButListsIt() {
    Model m = model().category("c", c -> c.cap(0).rule("p", YES, 10, "p")).build();
    assertEquals(
        List.of(
            "score 0, tier none",
            "c: total 0 (positive 10, negative 0)",
            "c/p +0 (of +10) | employees = 10"),
        card(m, user(10, "free")));
  }

  @EveryEngine
  void points_withTwoDecimals_addUpExactly() {
    // 0.1 + 0.2 + 2.55 = 2.85 exactly; a cap of 2.5 leaves 2.2 for the last rule
    Model m =
        model()
            .category(
                "c",
                c ->
                    c.cap(Points.parse("2.5"))
                        .rule("a", YES, Points.parse("0.1"), "a")
                        .rule("b", YES, Points.parse("0.2"), "b")
                        .rule("d", YES, Points.of(new BigDecimal("2.55")), "d"))
            .category("e", c -> c.rule("f", YES, Points.parse("-0.05"), "f"))
            .build();
    assertEquals(
        List.of(
            "score 2.45, tier none",
            "c: total 2.5 (positive 2.85, negative 0)",
            "e: total -0.05 (positive 0, negative -0.05)",
            "c/a +0.1 | employees = 10",
            "c/b +0.2 | employees = 10",
            "c/d +2.2 (of +2.55) | employees = 10",
            "e/f -0.05 | employees = 10"),
        card(m, user(10, "free")));
  }

  // ---- exclusions ----

  private static Model excluding() {
    return model()
        .category("fit", c -> c.rule("big", trait("employees").ge(100), 90, "big"))
        .exclude(trait("plan").eq("internal"), "internal user")
        .exclude(trait("employees").gt(1000), "too big to be real")
        .tier("hot", Expr.score().ge(80))
        .build();
  }

  @EveryEngine
  void exclusion_firstHoldingReasonWins_tierNone_scoreStillComputed() {
    // both exclusions hold; the first one's reason is reported; the rule still contributes 90
    assertEquals(
        List.of(
            "score 90, tier none, excluded: internal user",
            "fit: total 90 (positive 90, negative 0)",
            "fit/big +90 | employees = 5000"),
        card(excluding(), user(5000, "internal")));
    assertEquals(
        List.of(
            "score 90, tier none, excluded: too big to be real",
            "fit: total 90 (positive 90, negative 0)",
            "fit/big +90 | employees = 5000"),
        card(excluding(), user(5000, "pro")));
  }

  @EveryEngine
  void exclusion_notHolding_leavesTheTier() {
    ScoreCard c = scorer(excluding()).score(user(500, "pro"), AS_OF);
    assertEquals("hot", c.tier());
    assertEquals(Optional.empty(), c.excluded());
  }

  @EveryEngine
  void exclusion_onMissingTrait_doesNotHold() {
    Entity noPlan = Entity.builder("u").trait("employees", 500).build();
    assertEquals("hot", scorer(excluding()).score(noPlan, AS_OF).tier());
  }

  // ---- tiers ----

  @EveryEngine
  void tiers_firstHoldingWinsInModelOrder() {
    Model ordered =
        model()
            .category("fit", c -> c.rule("big", YES, 90, "big"))
            .tier("hot", Expr.score().ge(80))
            .tier("warm", Expr.score().ge(50))
            .build();
    Model reversed =
        model()
            .category("fit", c -> c.rule("big", YES, 90, "big"))
            .tier("warm", Expr.score().ge(50))
            .tier("hot", Expr.score().ge(80))
            .build();
    assertEquals("hot", scorer(ordered).score(user(1, "x"), AS_OF).tier());
    assertEquals("warm", scorer(reversed).score(user(1, "x"), AS_OF).tier());
  }

  @EveryEngine
  void tiers_readSignalsAndTraits_notOnlyTheScore() {
    Expr pings = Expr.agg(Aggregate.count("ping"), Window.days(7));
    Model m =
        model()
            .category("fit", c -> c.rule("any", YES, 10, "any"))
            .tier("enterprise", trait("employees").ge(1000).and(Expr.score().ge(10)))
            .tier("active", pings.ge(2))
            .tier("scored", Expr.score().ge(10))
            .build();
    Scorer s = scorer(m);
    Entity active =
        Entity.builder("u")
            .trait("employees", 10)
            .event(Fixtures.event("u", "ping", "2026-11-19T10:00:00Z"))
            .event(Fixtures.event("u", "ping", "2026-11-20T10:00:00Z"))
            .build();
    assertEquals("enterprise", s.score(user(1000, "x"), AS_OF).tier());
    assertEquals("active", s.score(active, AS_OF).tier());
    assertEquals("scored", s.score(user(10, "x"), AS_OF).tier());
  }

  @EveryEngine
  void tiers_noneHolding_isNone() {
    Model m =
        model()
            .category("fit", c -> c.rule("any", YES, 10, "any"))
            .tier("hot", Expr.score().ge(80))
            .build();
    assertEquals("none", scorer(m).score(user(1, "x"), AS_OF).tier());
  }
}
