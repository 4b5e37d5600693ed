package dev.pls.core.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Activation;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/*
 * The readiness gate on data built to pass, then to fail each item. As of 31 March 2026 12:00 UTC
 * the window is the 30 UTC days 2 to 31 March. User i logs in on day 31 - (i mod 30) at 11:00, so
 * every day of the window has logins; it has an e-mail at one of 50 company domains; users with i
 * mod 10 < 3 (30%) had the activation event.
 */
class ReadinessTest {
  private static final Instant AS_OF = Instant.parse("2026-03-31T12:00:00Z");

  private static final Model MODEL =
      Model.builder("ready")
          .category("c", c -> c.rule("logged_in", Expr.occurred("login"), 10, "Logged in"))
          .tier("hot", Expr.score().ge(10))
          .build();

  private static List<Entity> users(int n, IntPredicate activated, IntPredicate company) {
    List<Entity> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = AS_OF.minus(Duration.ofDays(i % 30)).minus(Duration.ofHours(1));
      List<Event> events = new ArrayList<>(List.of(Event.of("u" + i, "login", t)));
      if (activated.test(i)) {
        events.add(Event.of("u" + i, "activated", t));
      }
      String mail =
          company.test(i) ? "u" + i + "@acme" + (i % 50) + ".com" : "u" + i + "@gmail.com";
      users.add(new Entity("u" + i, Map.of("email", Value.str(mail)), events));
    }
    return users;
  }

  private static ReadinessReport assess(Model model, List<Entity> users, String activation) {
    return Readiness.assess(
        model, users, users, AS_OF, Optional.ofNullable(activation), AccountRule.standard());
  }

  private static Map<String, ReadinessReport.Item> items(ReadinessReport r) {
    Map<String, ReadinessReport.Item> m = new LinkedHashMap<>();
    r.items().forEach(i -> m.put(i.name(), i));
    return m;
  }

  @Test
  void dataBuiltToPass_ready() {
    ReadinessReport r = assess(MODEL, users(1000, i -> i % 10 < 3, i -> true), "activated");
    Map<String, ReadinessReport.Item> m = items(r);
    assertEquals(
        List.of("active_accounts", "activation_rate", "identity_coverage", "event_volume"),
        List.copyOf(m.keySet()));
    assertEquals(1000, m.get("active_accounts").value());
    assertEquals(0.3, m.get("activation_rate").value(), 1e-12);
    assertEquals(1.0, m.get("identity_coverage").value(), 1e-12);
    assertEquals(1300 / 30.0, m.get("event_volume").value(), 1e-9, "logins and activations");
    assertTrue(r.ready(), r.toString());
    assertEquals(List.of(), r.failing());
    assertEquals(List.of(), r.missingEvents());
    assertEquals(List.of(), r.silentRules());
  }

  @Test
  void activeAccounts_999_fails() {
    ReadinessReport r = assess(MODEL, users(999, i -> i % 10 < 3, i -> true), "activated");
    assertFalse(items(r).get("active_accounts").passed());
    assertEquals(List.of("active_accounts"), r.failing());
  }

  @Test
  void activationRate_exactly20Percent_fails_itMustBeAbove() {
    ReadinessReport r = assess(MODEL, users(1000, i -> i % 10 < 2, i -> true), "activated");
    assertEquals(0.2, items(r).get("activation_rate").value(), 1e-12);
    assertEquals(List.of("activation_rate"), r.failing());
  }

  @Test
  void activation_byRuleOfTheModel() {
    // logged_in fires for everybody at some daily step of the window.
    ReadinessReport r = assess(MODEL, users(1000, i -> false, i -> true), "logged_in");
    assertEquals(1.0, items(r).get("activation_rate").value(), 1e-12);
  }

  @Test
  void activation_notNamed_failsAsUnknown() {
    ReadinessReport r = assess(MODEL, users(1000, i -> true, i -> true), null);
    ReadinessReport.Item a = items(r).get("activation_rate");
    assertFalse(a.passed());
    assertTrue(Double.isNaN(a.value()));
    assertTrue(a.detail().startsWith("unknown"), a.detail());
  }

  @Test
  void activation_declaredInTheModel_isUsedWhenNoneIsNamed() {
    Model byEvent =
        Model.builder("ready")
            .category("c", c -> c.rule("logged_in", Expr.occurred("login"), 10, "Logged in"))
            .activation(Activation.event("activated"))
            .build();
    ReadinessReport r = assess(byEvent, users(1000, i -> i % 10 < 3, i -> true), null);
    ReadinessReport.Item a = items(r).get("activation_rate");
    assertEquals(0.3, a.value(), 1e-12);
    assertTrue(a.detail().contains("(event activated by the as-of instant)"), a.detail());
  }

  @Test
  void activation_namedOverridesTheModelsDeclaration() {
    Model byEvent =
        Model.builder("ready")
            .category("c", c -> c.rule("logged_in", Expr.occurred("login"), 10, "Logged in"))
            .activation(Activation.event("activated"))
            .build();
    ReadinessReport r = assess(byEvent, users(1000, i -> i % 10 < 3, i -> true), "logged_in");
    ReadinessReport.Item a = items(r).get("activation_rate");
    assertEquals(1.0, a.value(), 1e-12);
    assertTrue(a.detail().contains("(rule logged_in fired in the window)"), a.detail());
  }

  @Test
  void identityCoverage_belowHalf_failsAnAccountModelOnly() {
    List<Entity> users = users(1000, i -> i % 10 < 3, i -> i % 1000 < 499); // 499 of 1000 mapped
    assertEquals(0.499, items(assess(MODEL, users, "activated")).get("identity_coverage").value());
    assertTrue(items(assess(MODEL, users, "activated")).get("identity_coverage").passed());
    Model accounts =
        Model.builder("ready_accounts")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("logged_in", Expr.occurred("login"), 10, "Logged in"))
            .build();
    List<Entity> byAccount = new ArrayList<>();
    for (Entity u : users) {
      String a = "a-" + u.id();
      byAccount.add(
          new Entity(a, Map.of(), u.events().stream().map(e -> e.withAccount(a)).toList()));
    }
    ReadinessReport r =
        Readiness.assess(
            accounts, users, byAccount, AS_OF, Optional.of("activated"), AccountRule.standard());
    assertEquals(List.of("identity_coverage"), r.failing());
  }

  @Test
  void eventVolume_aDayWithoutEvents_fails() {
    // Users whose login falls on 15 March (i mod 30 == 16) are left out: a gap in the pipeline.
    List<Entity> users = new ArrayList<>(users(1100, i -> i % 10 < 3, i -> true));
    users.removeIf(u -> Integer.parseInt(u.id().substring(1)) % 30 == 16);
    ReadinessReport r = assess(MODEL, users, "activated");
    ReadinessReport.Item v = items(r).get("event_volume");
    assertFalse(v.passed());
    assertTrue(v.detail().contains("1 day without any event"), v.detail());
    assertEquals(List.of("event_volume"), r.failing());
  }

  @Test
  void scoringWithoutInstrumentation_missingEventAndSilentRule() {
    Model reads =
        Model.builder("reads")
            .trait("plan", TraitType.STRING)
            .category(
                "c",
                c ->
                    c.rule("logged_in", Expr.occurred("login"), 10, "Logged in")
                        .rule("exported", Expr.occurred("export"), 20, "Exported"))
            .build();
    ReadinessReport r = assess(reads, users(1000, i -> i % 10 < 3, i -> true), "activated");
    assertEquals(List.of("export"), r.missingEvents());
    assertEquals(List.of("exported"), r.silentRules());
    assertFalse(r.ready());
    assertEquals(List.of("instrumentation"), r.failing());
  }
}
