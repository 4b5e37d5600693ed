package dev.pls.core.handoff;

import static dev.pls.core.handoff.HandoffCards.lines;
import static dev.pls.core.model.Expr.score;
import static dev.pls.core.model.Expr.trait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Grid;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.TraitType;
import dev.pls.core.scoring.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/*
 * Routes on grid cells (docs/handoff.md, "Routing on grid cells"), with cards from the evaluators,
 * so the router reads the cell each engine put on the card. The model: fit (cap 40) +30 for 100+
 * employees, +20 for 500+; engagement +60 for 50+ seats, +25 for 10+, +5 for 1+; the grid rows fit
 * {A >= 40, B >= 20, C} columns engagement {1 >= 60, 2 >= 30, 3}; one tier, qualified at 50. A1
 * goes to a named AE (high), A2 and B1 to inside sales, every other qualified cell to nurture.
 */
class GridRoutingTest {
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private static final Grid GRID =
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

  private static Model.Builder model(Handoff handoff) {
    return Model.builder("gridded")
        .trait("employees", TraitType.INT)
        .trait("seats", TraitType.INT)
        .category(
            "fit",
            c ->
                c.cap(40)
                    .rule("mid", trait("employees").ge(100), 30, "Mid-size")
                    .rule("large", trait("employees").ge(500), 20, "Large"))
        .category(
            "engagement",
            c ->
                c.rule("team", trait("seats").ge(50), 60, "Fifty seats")
                    .rule("some", trait("seats").ge(10), 25, "Ten seats")
                    .rule("one", trait("seats").ge(1), 5, "One seat"))
        .tier("qualified", score().ge(50))
        .handoff(handoff);
  }

  private static Handoff.Builder queues() {
    return Handoff.builder()
        .queue("ae", "Named AE", Duration.ofHours(4))
        .queue("inside", "Inside sales", Duration.ofHours(24))
        .queue("nurture", "Nurture", Duration.ofHours(72))
        .cooldown(Duration.ZERO);
  }

  private static Model gridded() {
    return model(
            queues()
                .route("qualified", List.of(), List.of("A1"), "ae", Handoff.Level.HIGH)
                .route("qualified", List.of(), List.of("A2", "B1"), "inside", Handoff.Level.MEDIUM)
                .route("qualified", List.of(), "nurture", Handoff.Level.LOW)
                .build())
        .grid(GRID)
        .build();
  }

  private static Entity user(String id, long employees, long seats) {
    return Entity.builder(id).trait("employees", employees).trait("seats", seats).build();
  }

  private static List<ScoreCard> cards(Scorer scorer, Instant at, Entity... entities) {
    List<ScoreCard> out = new ArrayList<>();
    for (Entity e : entities) {
      out.add(scorer.score(e, at));
    }
    return out;
  }

  @Test
  void eachCellGoesWhereItsRouteSays_inEveryEngine() {
    for (Function<Model, Scorer> engine :
        List.<Function<Model, Scorer>>of(Scorer::reference, Scorer::fast)) {
      Model model = gridded();
      Scorer scorer = engine.apply(model);
      Router router = Router.create(model);
      List<ScoreCard> day0 =
          cards(
              scorer,
              T0,
              user("a1", 500, 50), // fit 40 (50 capped), engagement 90: A1, score 130
              user("a2", 500, 10), // 40, 30: A2, 70
              user("b1", 100, 50), // 30, 90: B1, 120
              user("b2", 100, 10), // 30, 30: B2, 60: no cell route, the catch-all
              user("c1", 10, 50), // 0, 90: C1, 90
              user("c3", 10, 1)); // 0, 5: C3, 5: not qualified, no route
      assertEquals(
          List.of(
              "SENT a1 -> ae high qualified: entered tier qualified, cell A1",
              "SENT b1 -> inside medium qualified: entered tier qualified, cell B1",
              "SENT a2 -> inside medium qualified: entered tier qualified, cell A2",
              "SENT c1 -> nurture low qualified: entered tier qualified",
              "SENT b2 -> nurture low qualified: entered tier qualified"),
          lines(router.step(T0, day0)));

      // a2 adds seats and moves to A1: still qualified, so the same episode: no new alert (an
      // episode is per tier; a cell of its own needs a tier of its own).
      Instant t1 = T0.plus(Duration.ofDays(1));
      assertEquals(List.of(), lines(router.step(t1, cards(scorer, t1, user("a2", 500, 50)))));

      // b2 drops out of the tier, then comes back in A1: a new episode, routed by its new cell.
      Instant t2 = T0.plus(Duration.ofDays(2));
      Instant t3 = T0.plus(Duration.ofDays(3));
      assertEquals(List.of(), lines(router.step(t2, cards(scorer, t2, user("b2", 100, 1)))));
      assertEquals(
          List.of("SENT b2 -> ae high qualified: entered tier qualified, cell A1"),
          lines(router.step(t3, cards(scorer, t3, user("b2", 500, 50)))));
    }
  }

  @Test
  void aCellNoRouteNames_fallsThroughToTheNextRoute_orToNone() {
    Model onlyA1 =
        model(
                queues()
                    .route("qualified", List.of(), List.of("A1"), "ae", Handoff.Level.HIGH)
                    .build())
            .grid(GRID)
            .build();
    Router router = Router.create(onlyA1);
    Scorer scorer = Scorer.reference(onlyA1);
    assertEquals(
        List.of("SENT a1 -> ae high qualified: entered tier qualified, cell A1"),
        lines(router.step(T0, cards(scorer, T0, user("a1", 500, 50), user("b1", 100, 50)))));
  }

  @Test
  void aRouteNamingACell_withoutAGrid_isRefusedByBuild() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                model(
                        queues()
                            .route("qualified", List.of(), List.of("A1"), "ae", Handoff.Level.HIGH)
                            .build())
                    .build());
    assertEquals("route to 'ae': names cell 'A1', but the model has no grid", e.getMessage());
  }

  @Test
  void aRouteNamingACellTheGridDoesNotHave_isRefusedByBuild_listingTheCells() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                model(
                        queues()
                            .route("qualified", List.of(), List.of("A4"), "ae", Handoff.Level.HIGH)
                            .build())
                    .grid(GRID)
                    .build());
    assertEquals(
        "route to 'ae': unknown cell 'A4'; grid 'fit_engagement' has [A1, A2, A3, B1, B2, B3, C1,"
            + " C2, C3]",
        e.getMessage());
  }

  @Test
  void aCardWithoutItsCell_isRefusedByStep() {
    Model model = gridded();
    ScoreCard scored = Scorer.reference(model).score(user("a1", 500, 50), T0);
    ScoreCard withoutCell =
        new ScoreCard(
            scored.entity(),
            scored.kind(),
            scored.model(),
            scored.version(),
            scored.asOf(),
            scored.score(),
            scored.tier(),
            scored.excluded(),
            scored.categories(),
            scored.contributions(),
            scored.members(),
            scored.handoff(),
            Optional.empty());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Router.create(model).step(T0, List.of(withoutCell)));
    assertTrue(e.getMessage().startsWith("cards[0]: "), e.getMessage());
    assertEquals(
        "cards[0]: entity 'a1' has no grid cell, but model gridded has grid 'fit_engagement'; an"
            + " evaluator of the model puts one on every card not excluded",
        e.getMessage());
  }
}
