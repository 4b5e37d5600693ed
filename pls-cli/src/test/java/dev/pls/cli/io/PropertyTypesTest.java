package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.dsl.RulesLanguage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyTypesTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  private static PropertyTypes of(String rules) {
    String source =
        "model m version 1\n  entity user\n\nevent page_viewed\nevent paid\nevent other\n\n"
            + rules;
    Model model = RulesLanguage.compile("m.pls", source).model().orElseThrow();
    return PropertyTypes.of(model);
  }

  private static Event event(String name, String prop, Object value) {
    return Event.of("u1", name, T).withProperty(prop, value);
  }

  @Test
  void check_filterComparesWithString_numberRejectedForThatEventOnly() throws Exception {
    PropertyTypes types =
        of("category c {\n  count(page_viewed where path == \"/pricing\") >= 1 : +1 \"x\"\n}\n");
    BadRecord e = assertThrows(BadRecord.class, () -> types.check(event("page_viewed", "path", 5)));
    assertEquals(RejectReason.WRONG_TYPE, e.reason());
    assertEquals(
        "property 'path' of 'page_viewed' is a number (5); the model's rules read it as a string",
        e.detail());
    types.check(event("page_viewed", "path", "/docs"));
    types.check(event("other", "path", 5));
  }

  @Test
  void check_sumReadsANumber_stringRejected() throws Exception {
    PropertyTypes types = of("category c {\n  sum(paid.amount) >= 100 : +1 \"x\"\n}\n");
    assertThrows(BadRecord.class, () -> types.check(event("paid", "amount", "12")));
    types.check(event("paid", "amount", 12));
  }

  @Test
  void checkTraits_accountModelRollingUpMembers_checksAccountsAndMembersByTheirOwnDeclarations()
      throws Exception {
    String source =
        "model team version 1\n  entity user\ntrait admin: bool\nevent login\n"
            + "category c {\n  count(login) >= 1 : +1 \"x\"\n}\n\n"
            + "model acct version 1\n  entity account\n  members team\ntrait seats: int\n"
            + "category d {\n  count(login) >= 1 : +1 \"x\"\n}\n";
    var compiled = RulesLanguage.compile("acct.pls", source);
    Model model = compiled.model().orElseThrow(() -> new AssertionError(compiled.diagnostics()));
    PropertyTypes types = PropertyTypes.of(model);
    BadRecord seats =
        assertThrows(
            BadRecord.class,
            () -> types.checkTraits(EntityKind.ACCOUNT, Map.of("seats", Value.num("2.5"))));
    assertEquals("trait 'seats' is the number 2.5; the model declares it int", seats.detail());
    assertThrows(
        BadRecord.class,
        () -> types.checkTraits(EntityKind.USER, Map.of("admin", Value.str("Yes"))));
    types.checkTraits(EntityKind.ACCOUNT, Map.of("seats", Value.num(3), "admin", Value.str("x")));
    types.checkTraits(EntityKind.USER, Map.of("admin", Value.bool(true), "seats", Value.str("x")));
  }

  @Test
  void checkTraits_userModel_accountTraitsNotItsConcern() throws Exception {
    PropertyTypes types =
        PropertyTypes.of(
            RulesLanguage.compile(
                    "m.pls",
                    "model m version 1\n  entity user\n\ntrait employees: int\n\nevent login\n\n"
                        + "category c {\n  count(login) >= 1 : +1 \"x\"\n}\n")
                .model()
                .orElseThrow());
    types.checkTraits(EntityKind.ACCOUNT, Map.of("employees", Value.str("many")));
    assertThrows(
        BadRecord.class,
        () -> types.checkTraits(EntityKind.USER, Map.of("employees", Value.str("many"))));
  }

  @Test
  void check_rulesDisagreeAboutAProperty_nothingExpected() throws Exception {
    PropertyTypes types =
        of(
            "category c {\n"
                + "  count(paid where plan == \"pro\") >= 1 : +1 \"x\"\n"
                + "  count(paid where plan == 3) >= 1 : +1 \"y\"\n"
                + "}\n");
    types.check(event("paid", "plan", "pro"));
    types.check(event("paid", "plan", 3));
  }
}
