package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SeedTemplate;
import dev.pls.dsl.RulesLanguage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/*
 * The seed template exists twice: as examples/seed-template/model.pls and as pls-core's
 * SeedTemplate built in Java. The language is a front end to the same model, so the two must be
 * the same model and score every user identically. Events are drawn from the names and property
 * values the template reads (plus noise) over the last ten weeks, so every rule, window and band
 * is exercised.
 */
class SeedTemplateTwinProperties {
  private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
  private static final Model DSL =
      RulesLanguage.compile(Path.of("seed-template", "model.pls")).model().orElseThrow();
  private static final Model JAVA = SeedTemplate.model();

  @Example
  void seedTemplate_dslAndJava_areEqualModels() {
    assertEquals(JAVA, DSL);
  }

  @Property(tries = 200)
  void seedTemplate_dslAndJava_scoreIdenticalCards(@ForAll("users") Entity user) {
    assertEquals(
        Scorer.reference(JAVA).score(user, AS_OF), Scorer.reference(DSL).score(user, AS_OF));
  }

  @Provide
  Arbitrary<Entity> users() {
    Arbitrary<Event> event =
        Combinators.combine(
                Arbitraries.of(
                    "invite_sent",
                    "feature_used",
                    "page_viewed",
                    "usage_limit_hit",
                    "api_called",
                    "integration_enabled",
                    "content_shared",
                    "signed_up",
                    "activated",
                    "upgrade_started",
                    "upgrade_completed",
                    "enterprise_feature_requested",
                    "support_contacted",
                    "other"),
                Arbitraries.longs().between(-3_600, 70L * 24 * 60),
                Arbitraries.of("sso", "audit", "api", "export", "charts", "sql"),
                Arbitraries.of("premium", "free"),
                Arbitraries.of("/pricing", "/docs"),
                Arbitraries.of(true, false),
                Arbitraries.of("billing", "plans", "bug"))
            .as(
                (name, minutesAgo, feature, tier, path, external, topic) ->
                    Event.of("u", name, AS_OF.minus(Duration.ofMinutes(minutesAgo)))
                        .withProperty("feature", feature)
                        .withProperty("tier", tier)
                        .withProperty("path", path)
                        .withProperty("external", external)
                        .withProperty("topic", topic));
    Arbitrary<List<Event>> events = event.list().ofMaxSize(60);
    return Combinators.combine(
            events,
            Arbitraries.integers().between(1, 2_000).optional(),
            Arbitraries.of("software", "fintech", "retail").optional(),
            Arbitraries.of(true, false).optional(),
            Arbitraries.integers().between(0, 15).optional())
        .as(
            (evs, employees, industry, icp, domainUsers) -> {
              Entity.Builder b = Entity.builder("u").events(evs);
              put(b, "employees", employees);
              put(b, "industry", industry);
              put(b, "icp", icp);
              put(b, "domain_users", domainUsers);
              return b.build();
            });
  }

  private static void put(Entity.Builder b, String trait, Optional<?> value) {
    value.ifPresent(v -> b.trait(trait, v));
  }
}
