package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a checked model tells its tests. */
class SymbolTableTest {
  private static final String MODEL =
      "model m\ntrait plan: string\nsignal invites = count(invite_sent)\n"
          + "tier hot when invites >= 3\n";

  @Test
  void symbols_afterTheRulesPass_nameTiersAndEventsRead() {
    CheckerFixture f = CheckerFixture.declared(MODEL);
    new RuleChecks(f.env, f.conditions).tiers();
    SymbolTable s = new SymbolTable(f.env, f.conditions, Optional.empty());
    assertEquals("m", s.id());
    assertEquals(Set.of("hot"), s.tiers());
    assertEquals(Set.of("invite_sent"), s.eventsRead());
    assertTrue(s.memberModel().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> s.tiers().add("cold"));
  }

  @Test
  void value_typesInTheModel() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "plan");
    SymbolTable s = new SymbolTable(f.env, f.conditions, Optional.empty());
    assertEquals(Type.STRING, s.value(f.probe()).type());
  }
}
