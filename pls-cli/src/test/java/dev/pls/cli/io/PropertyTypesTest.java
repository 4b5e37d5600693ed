package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.dsl.RulesLanguage;
import java.time.Instant;
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
