package dev.pls.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.Stores;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputChecksTest {
  private static final Model MODEL =
      Model.builder("m")
          .trait("revenue", TraitType.NUMBER)
          .category("c", c -> c.rule("r", Expr.trait("revenue").gt(0), 1, "r"))
          .build();

  @Test
  void storeTraits_aDirectlyMadeNumberOutOfRange_isRefusedNamingTheTrait() {
    // An Entity refuses such a trait itself; a map handed to the store is checked here.
    EntityStore store = Stores.anyDate(MODEL);
    Value huge = new Value.Num(new BigDecimal("9".repeat(999)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> store.traits("u1", Map.of("revenue", huge)));
    assertEquals(
        "traits['revenue']: 999-digit number is out of range (" + NumberRange.describe() + ")",
        e.getMessage());
    assertEquals(0, store.size());
  }

  @Test
  void traitsTyped_numbersInRange_pass() {
    InputChecks.traitsTyped(
        MODEL.traits(),
        Map.of("revenue", Value.num(new BigDecimal("9".repeat(34)))),
        "entity.traits");
  }

  @Test
  void eventsBelong_anEventOfAnAccountAloneGivenToAUser_isRefusedNamingIt() {
    dev.pls.core.input.Entity user =
        new dev.pls.core.input.Entity(
            "u1",
            Map.of(),
            java.util.List.of(dev.pls.core.input.Event.ofAccount("acme", "contract_signed", T)));
    for (dev.pls.core.scoring.Scorer scorer :
        java.util.List.of(
            dev.pls.core.scoring.Scorer.reference(MODEL),
            dev.pls.core.scoring.Scorer.fast(MODEL))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> scorer.score(user, T));
      assertEquals(
          "entity.events[0]: is an event of account 'acme' alone, done by no user, not of user"
              + " 'u1'",
          e.getMessage());
    }
  }

  @Test
  void members_anEventOfAnAccountAloneGivenToAMember_isRefusedNamingIt() {
    Model team =
        Model.builder("team")
            .memberModel(MODEL)
            .rollup(dev.pls.core.model.Rollup.sum())
            .category(
                "c",
                c ->
                    c.rule(
                        "r",
                        Expr.agg(dev.pls.core.model.Aggregate.count("contract_signed")).ge(1),
                        1,
                        "r"))
            .build();
    dev.pls.core.input.Entity acme =
        dev.pls.core.input.Entity.builder("acme")
            .member(
                dev.pls.core.input.Entity.builder("m1")
                    .event(dev.pls.core.input.Event.ofAccount("acme", "contract_signed", T))
                    .build())
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> dev.pls.core.scoring.Scorer.reference(team).score(acme, T));
    assertEquals(
        "entity.members[0].events[0]: is an event of account 'acme' alone, done by no user, not"
            + " of member 'm1' (it goes in the account's own events)",
        e.getMessage());
  }

  @Test
  void userStore_anEventOfAnAccountAlone_isRejectedAsKeyedToNoUser() {
    EntityStore store = Stores.anyDate(MODEL);
    assertEquals(
        false, store.ingest(dev.pls.core.input.Event.ofAccount("acme", "contract_signed", T)));
    assertEquals(1, store.stats().rejected());
    assertEquals(0, store.size());
  }

  private static final java.time.Instant T = java.time.Instant.parse("2026-11-20T12:00:00Z");
}
