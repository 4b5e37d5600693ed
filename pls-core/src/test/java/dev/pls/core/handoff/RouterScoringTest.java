package dev.pls.core.handoff;

import static dev.pls.core.model.Expr.score;
import static dev.pls.core.model.Expr.trait;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * The router fed by the evaluators rather than by hand-made cards: both scorers fill the hand-off
 * facts the router reads (segment, triggers, suppression, holds), and routing their cards gives
 * the same steps. u1 invites a teammate a day for three days (30, 60, 85 points), goes quiet for
 * three days (-15: 70, which holds hot), then asks for SSO; u2 does the same invites but is a
 * customer.
 */
class RouterScoringTest {
  private static final Instant DAY0 = Instant.parse("2026-11-02T12:00:00Z");

  private static Instant day(int n) {
    return DAY0.plus(Duration.ofDays(n));
  }

  private static Model model() {
    Expr invites = Expr.agg(Aggregate.count("invite_sent"), Window.days(30));
    return Model.builder("collab")
        .trait("customer", TraitType.BOOL)
        .category(
            "collaboration",
            c ->
                c.rule("invites_1", invites.ge(1), 30, "Invited a teammate")
                    .rule("invites_2", invites.ge(2), 30, "Invited two teammates")
                    .rule(
                        new Rule("invites_3", "Invited 3+ teammates", invites.ge(3), Points.of(25))
                            .shareable("bringing your team in")))
        .category(
            "negative",
            c ->
                c.rule(
                    "inactive",
                    Expr.agg(Aggregate.daysSince(EventFilter.any())).ge(3),
                    -15,
                    "Inactive for 3+ days"))
        .tier("hot", score().ge(80))
        .tier("warm", score().ge(50))
        .handoff(
            Handoff.builder()
                .queue("ae", "Named AE", Duration.ofHours(4))
                .queue("inside", "Inside sales", Duration.ofHours(24))
                .route("hot", List.of(), "inside", Handoff.Level.MEDIUM)
                .route("warm", List.of(), "inside", Handoff.Level.LOW)
                .trigger(
                    "sso",
                    "Requested enterprise features",
                    Handoff.Level.HIGH,
                    Expr.occurred("enterprise_feature_requested", Window.days(1)),
                    "ae")
                .hold("hot", score().ge(70))
                .suppress(trait("customer").eq(true), "existing customer")
                .build())
        .build();
  }

  private static Entity user(String id, boolean customer) {
    Entity.Builder b = Entity.builder(id).trait("customer", customer);
    for (int d = 0; d < 3; d++) {
      b.event(Event.of(id, "invite_sent", day(d).minus(Duration.ofHours(2))));
    }
    if (!customer) {
      b.event(Event.of(id, "enterprise_feature_requested", day(6).minus(Duration.ofHours(2))));
    }
    return b.build();
  }

  private static List<List<String>> route(Scorer scorer, Model model) {
    List<Entity> users = List.of(user("u1", false), user("u2", true));
    Router router = Router.create(model);
    List<List<String>> out = new ArrayList<>();
    for (int d : new int[] {0, 1, 2, 5, 6}) {
      List<ScoreCard> cards = new ArrayList<>();
      for (Entity u : users) {
        cards.add(scorer.score(u, day(d)));
      }
      List<String> lines = new ArrayList<>();
      lines.add("day " + d + ": u1 " + cards.get(0).score() + " " + cards.get(0).tier());
      lines.addAll(HandoffCards.lines(router.step(day(d), cards)));
      out.add(lines);
    }
    return out;
  }

  @Test
  void evaluatorCards_routeAsTheSemanticsSay_withBothScorers() {
    Model model = model();
    List<List<String>> expected =
        List.of(
            List.of("day 0: u1 30 none"),
            List.of(
                "day 1: u1 60 warm",
                "SENT u1 -> inside low warm: entered tier warm",
                "suppressed existing customer 1"),
            List.of(
                "day 2: u1 85 hot",
                "SENT u1 -> inside medium hot: entered tier hot",
                "suppressed existing customer 1"),
            List.of("day 5: u1 70 warm", "suppressed existing customer 1"),
            List.of(
                "day 6: u1 85 hot",
                "SENT u1 -> ae high hot: Requested enterprise features",
                "suppressed existing customer 1"));
    assertEquals(expected, route(Scorer.reference(model), model));
    assertEquals(expected, route(Scorer.fast(model), model));
  }
}
