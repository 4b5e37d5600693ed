package dev.pls.moduletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.Outcomes;
import dev.pls.core.backtest.Replay;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.Summary;
import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.handoff.Router;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.scoring.Scorer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * pls-core used as a named module, from outside, the way a host service uses it: every engine
 * through the exported API, and no way into the internals.
 */
class ExportedApiTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  private static Model model() {
    return Model.builder("pql")
        .trait("employees", TraitType.INT)
        .category(
            "usage",
            c ->
                c.rule(
                        "invites",
                        Signal.count("invites", "invite_sent").within(Window.days(7)).ge(2),
                        20,
                        "Invited two teammates")
                    .rule("mid_size", Expr.trait("employees").between(50, 500), 10, "50-500"))
        .tier("hot", Expr.score().ge(30))
        .build();
  }

  @Test
  void everyEngine_fromTheModulePath_givesTheSameCard() {
    Model model = model();
    Entity user =
        Entity.builder("u1")
            .trait("employees", 120)
            .event(Event.of("u1", "invite_sent", T.minusSeconds(3_600)))
            .event(Event.of("u1", "invite_sent", T.minusSeconds(7_200)))
            .build();
    ScoreCard reference = Scorer.reference(model).score(user, T);
    assertEquals("hot", reference.tier());
    assertEquals(reference, Scorer.fast(model).score(user, T));

    EntityStore store = EntityStore.create(model, AccountRule.standard());
    store.traits("u1", user.traits());
    user.events().forEach(store::ingest);
    assertEquals(reference, store.score("u1", T));
    BatchScores all = store.scoreAll(T);
    assertEquals(reference, all.card(0));

    Model traitsOnly =
        Model.builder("fit")
            .trait("employees", TraitType.INT)
            .category(
                "fit", c -> c.rule("mid_size", Expr.trait("employees").between(50, 500), 10, "x"))
            .build();
    FeatureTable table =
        FeatureTable.builder(List.of("u1")).column("employees", new long[] {120}).build();
    assertEquals(1000L, FeatureScorer.of(traitsOnly).score(table, T).scoreHundredths(0));
  }

  @Test
  void accountRuleAndRouter_areReachableFromTheModulePath() {
    assertEquals(
        Optional.of("acme.io"),
        AccountRule.standard().account(Entity.builder("u").trait("email", "a@acme.io").build()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Router.create(model()));
    assertEquals("model: pql has no hand-off; add one with handoff(...)", e.getMessage());
  }

  @Test
  void internals_areNotExported_andCannotBeReached() throws Exception {
    Module core = Scorer.class.getModule();
    assertTrue(core.isNamed());
    assertEquals("dev.pls.core", core.getName());
    for (String p : core.getPackages()) {
      assertEquals(!p.contains(".internal"), core.isExported(p), p);
    }
    Class<?> engine = Class.forName("dev.pls.core.internal.fast.FastScorer");
    assertFalse(core.isExported(engine.getPackageName()));
    assertThrows(
        IllegalAccessException.class,
        () -> engine.getConstructor(Model.class).newInstance(model()));
  }

  @Test
  void backtest_fromTheModulePath_scoresEachStep() {
    Replay replay =
        Backtest.builder(model())
            .schedule(
                new Schedule.Grid(
                    T.minus(java.time.Duration.ofDays(2)), T, java.time.Duration.ofDays(1)))
            .outcomes(Outcomes.of("won", java.util.Map.of("u1", T.plusSeconds(60))))
            .build()
            .start();
    replay.traits("u1", java.util.Map.of("employees", dev.pls.core.model.Value.of(120)));
    replay.event(Event.of("u1", "invite_sent", T.minusSeconds(7_200)));
    replay.event(Event.of("u1", "invite_sent", T.minusSeconds(3_600)));
    Summary s = replay.finish().summary();
    assertEquals(3, s.steps());
    assertEquals(1, s.tiers().get("hot").ever());
    assertEquals(1, s.outcomes().orElseThrow().converted());
  }
}
