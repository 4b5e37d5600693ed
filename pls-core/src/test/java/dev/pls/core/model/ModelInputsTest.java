package dev.pls.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.testing.SeedTemplate;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/* What a model says it reads, so a host can check and trim its inputs. */
class ModelInputsTest {

  @Test
  void inputs_seedTemplate_listEverythingItReads() {
    ModelInputs in = SeedTemplate.model().inputs();
    assertEquals(
        new TreeSet<>(
            Set.of(
                "activated",
                "api_called",
                "content_shared",
                "enterprise_feature_requested",
                "feature_used",
                "integration_enabled",
                "invite_sent",
                "page_viewed",
                "signed_up",
                "support_contacted",
                "upgrade_completed",
                "upgrade_started",
                "usage_limit_hit")),
        in.events());
    assertTrue(in.readsAnyEvent());
    assertEquals(
        new TreeSet<>(Set.of("external", "feature", "path", "tier", "topic")), in.properties());
    assertEquals(
        new TreeSet<>(Set.of("domain_users", "employees", "icp", "industry")), in.traits());
    assertEquals(List.of(Window.days(7), Window.days(14), Window.days(30)), in.windows());
    // days_since(any), growth_weeks(any) and all-time counts read all history
    assertEquals(OptionalInt.empty(), in.historyDays());
  }

  @Test
  void historyDays_windowsAndTrend_isTheLongestReach() {
    Model m =
        Model.builder("m")
            .category(
                "c",
                c ->
                    c.rule("a", Expr.occurred("a", Window.days(30)), 1, "a")
                        .rule("b", Expr.agg(Aggregate.trend(EventFilter.any(), 6)).lt(0), 1, "b"))
            .tier("t", Expr.occurred("x", Window.weeks(5)))
            .build();
    // trend over 6 weeks reads 42 local dates (T's included); 5w = 35, 30d = 30
    assertEquals(OptionalInt.of(42), m.inputs().historyDays());
    assertEquals(List.of(Window.days(30), Window.weeks(5)), m.inputs().windows());
    assertEquals(new TreeSet<>(Set.of("a", "x")), m.inputs().events());
  }

  @Test
  void historyDays_hourlyWindow_coversTheDaysItCanTouch() {
    // 24 hourly buckets end with T's hour and start 23 hours before it: at most 2 local dates
    Model m =
        Model.builder("m")
            .resolution(Resolution.HOUR)
            .category("c", c -> c.rule("a", Expr.occurred("a", Window.hours(24)), 1, "a"))
            .build();
    assertTrue(m.inputs().historyDays().getAsInt() >= 2);
  }

  @Test
  void inputs_accountModel_listWhatItsMemberSignalsAndHandoffRead() {
    Model users = Model.builder("u").trait("department", TraitType.STRING).build();
    Model accounts =
        Model.builder("a")
            .memberModel(users)
            .trait("employees", TraitType.INT)
            .category(
                "c",
                c ->
                    c.rule(
                        "r",
                        MemberAggregate.active(
                                EventFilter.of("page_viewed").where(Expr.prop("path").eq("/x")))
                            .within(Window.days(30))
                            .ge(2),
                        10,
                        "r"))
            .handoff(
                Handoff.builder()
                    .queue("q", "Q", java.time.Duration.ofHours(1))
                    .segment("big", Expr.trait("employees").ge(500))
                    .context("growth", MemberAggregate.activeGrowth(EventFilter.any()).allTime())
                    .build())
            .build();
    ModelInputs in = accounts.inputs();
    assertEquals(new TreeSet<>(Set.of("page_viewed")), in.events());
    assertTrue(in.readsAnyEvent());
    assertEquals(new TreeSet<>(Set.of("path")), in.properties());
    assertEquals(new TreeSet<>(Set.of("employees")), in.traits());
    assertEquals(java.util.OptionalInt.of(30), in.historyDays());
  }
}
