package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Decay;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExplanationTest {
  @Test
  void decayedRule_showsDecayedPointsOfTheWrittenAndTheAge() {
    Expr invited = Expr.agg(Aggregate.count("invite_sent"), Window.days(90)).ge(1);
    Model model =
        Model.builder("collab")
            .category(
                "collaboration",
                c ->
                    c.cap(5)
                        .rule(
                            new Rule("invited", "Invited a teammate", invited, Points.of(15))
                                .decay(Decay.linear(60, Window.Unit.DAYS)))
                        .rule(
                            new Rule("again", "Invited again", invited, Points.of(20))
                                .decay(Decay.halfLife(14, Window.Unit.DAYS))))
            .build();
    Instant asOf = Instant.parse("2026-11-20T12:00:00Z");
    Entity u =
        Entity.builder("u1")
            .event(Event.of("u1", "invite_sent", Instant.parse("2026-10-21T09:00:00Z")))
            .build();
    // Cap 5 leaves +5 of the decayed 7.50, and nothing of the second rule's 4.53.
    String text = Explanation.of(model, u, Scorer.fast(model).score(u, asOf), asOf);
    assertTrue(
        text.contains(
            "  +5 of +7.5 (of 15, 30 days old)  Invited a teammate [invited] (collaboration cap"
                + " reached)\n"),
        text);
    assertTrue(
        text.contains(
            "  +0 of +4.53 (of 20, 30 days old)  Invited again [again] (collaboration cap"
                + " reached)\n"),
        text);
    Model uncapped =
        Model.builder("collab")
            .category(
                "collaboration",
                c ->
                    c.rule(
                        new Rule("invited", "Invited a teammate", invited, Points.of(15))
                            .decay(Decay.linear(60, Window.Unit.DAYS))))
            .build();
    String plain = Explanation.of(uncapped, u, Scorer.fast(uncapped).score(u, asOf), asOf);
    assertTrue(plain.contains("  +7.50 of 15, 30 days old  Invited a teammate [invited]\n"), plain);
  }

  @Test
  void numbers_areShownToHundredthsAtMost_asASellerReadsThem() {
    // explain printed -23.0769230769230769230769230769 where a seller reads -23.08.
    assertEquals(
        "-23.08", Explanation.shown(Value.of(new BigDecimal("-23.0769230769230769230769230769"))));
    assertEquals("0.32", Explanation.shown(Value.of(new BigDecimal("0.325"))), "half-even");
    assertEquals("1.5", Explanation.shown(Value.of(new BigDecimal("1.5"))));
    assertEquals("1500", Explanation.shown(Value.of(new BigDecimal("1500"))));
    assertEquals("2", Explanation.shown(Value.of(new BigDecimal("2.001"))));
    assertEquals("\"acme.io\"", Explanation.shown(Value.of("acme.io")), "strings as before");
  }
}
