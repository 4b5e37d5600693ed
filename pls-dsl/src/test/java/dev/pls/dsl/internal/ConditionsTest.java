package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Condition typing: types, the error type, and one diagnostic per mistake. */
class ConditionsTest {
  private static final String MODEL =
      "model m\ntrait employees: int\ntrait industry: string\n"
          + "signal invites = count(invite_sent)\n";

  @Test
  void condition_unknownNameDeepInside_reportsOnlyTheName() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "(nope + 1) * 2 >= \"x\" and not nope");
    assertTrue(f.condition(Scope.RULE).isEmpty());
    // Without the error type, the failed sum would also be "a number compared with a string".
    assertEquals(
        List.of(
            "6:18 PLS0201 unknown signal or trait 'nope'; if it is an event, count it: count(nope)"),
        f.diagnostics());
  }

  @Test
  void condition_wrongTypeInsideNot_reportsTheOperandOnce() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "not (industry + 1 > 2)");
    assertTrue(f.condition(Scope.RULE).isEmpty());
    assertEquals(1, f.diagnostics().size(), f.diagnostics().toString());
    assertTrue(f.diagnostics().get(0).contains("PLS0301 arithmetic needs a number"));
  }

  @Test
  void value_failed_isTheErrorType() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "nope");
    Typed t = f.conditions.value(f.probe(), Scope.VALUE);
    assertSame(Typed.ERROR, t);
    assertEquals(Type.ERROR, t.type());
  }

  @Test
  void value_traitAndSignal_haveTheirTypes() {
    CheckerFixture trait = CheckerFixture.probing(MODEL, "industry");
    assertEquals(Type.STRING, trait.conditions.value(trait.probe(), Scope.VALUE).type());
    CheckerFixture signal = CheckerFixture.probing(MODEL, "invites within 7d");
    assertEquals(Type.NUMBER, signal.conditions.value(signal.probe(), Scope.VALUE).type());
    assertEquals(List.of(), signal.diagnostics());
  }

  @Test
  void condition_propertyInFilter_isDynamicSoAnyComparisonChecks() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "count(purchase where plan == 3) >= 1");
    assertTrue(f.condition(Scope.RULE).isPresent());
    assertEquals(List.of(), f.diagnostics());
  }

  @Test
  void condition_eventAsCondition_recordsTheEventAsRead() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "signed_up");
    assertEquals("count(signed_up) >= 1", f.condition(Scope.RULE).orElseThrow().toString());
    assertTrue(f.env.eventUses().containsKey("signed_up"));
    assertTrue(f.env.eventUses().containsKey("invite_sent"));
  }

  @Test
  void condition_scoreInARule_isReported() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "score > 3");
    assertTrue(f.condition(Scope.RULE).isEmpty());
    assertTrue(f.condition(Scope.TIER).isPresent());
    assertEquals(1, f.diagnostics().size());
    assertTrue(f.diagnostics().get(0).contains("PLS0304"));
  }
}
