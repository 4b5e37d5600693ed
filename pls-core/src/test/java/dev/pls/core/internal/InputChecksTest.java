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
}
