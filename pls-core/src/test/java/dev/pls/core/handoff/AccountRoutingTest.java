package dev.pls.core.handoff;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts of account models: what the team did that a seller may share comes with them. */
class AccountRoutingTest {

  static Model model() {
    Model users =
        Model.builder("team_pql")
            .trait("internal", TraitType.BOOL)
            .category(
                "collaboration",
                c ->
                    c.rule(
                            new Rule(
                                    "invites",
                                    "Invited 2+",
                                    Signal.count("invites", "invite_sent")
                                        .within(Window.days(7))
                                        .ge(2),
                                    Points.of(20))
                                .shareable("bringing your team in"))
                        .rule(
                            new Rule(
                                    "sso",
                                    "Configured SSO",
                                    Expr.occurred("sso_configured", Window.days(30)),
                                    Points.of(20))
                                .shareable("setting up SSO")))
            .exclude(Expr.trait("internal").eq(true), "internal user")
            .build();
    return Model.builder("team_pqa")
        .memberModel(users)
        .category(
            "adoption",
            c ->
                c.rule(
                    "active_2",
                    MemberAggregate.active(EventFilter.any()).within(Window.days(7)).ge(2),
                    30,
                    "2+ active users"))
        .tier("expanding", Expr.score().ge(50))
        .handoff(
            Handoff.builder()
                .queue("ae", "Named AE", Duration.ofHours(4))
                .route("expanding", List.of(), "ae", Handoff.Level.MEDIUM)
                .build())
        .build();
  }

  @Test
  void anAccountsAlert_carriesItsIncludedMembersShareablePhrases_notTheirInternalOnes() {
    Entity team =
        Entity.builder("acme")
            .member(
                Entity.builder("u1")
                    .event(Event.of("u1", "invite_sent", AS_OF.minus(Duration.ofDays(1))))
                    .event(Event.of("u1", "invite_sent", AS_OF.minus(Duration.ofDays(2))))
                    .build())
            .member(
                Entity.builder("u2")
                    .event(Event.of("u2", "login", AS_OF.minus(Duration.ofDays(1))))
                    .build())
            .member(
                // An internal user who set up SSO: excluded, so SSO is not the customer's doing.
                Entity.builder("u3")
                    .trait("internal", true)
                    .event(Event.of("u3", "sso_configured", AS_OF.minus(Duration.ofDays(1))))
                    .build())
            .build();
    for (Scorer scorer : List.of(Scorer.reference(model()), Scorer.fast(model()))) {
      RouterStep step = Router.create(model()).step(AS_OF, List.of(scorer.score(team, AS_OF)));
      Alert alert = step.alerts().get(0);
      assertEquals(Points.of(50), alert.score());
      assertEquals(List.of("bringing your team in"), alert.shareable());
      assertEquals(List.of("Sum of member scores", "2+ active users"), alert.internal());
    }
  }
}
