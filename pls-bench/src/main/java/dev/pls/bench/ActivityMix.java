package dev.pls.bench;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/*
 * A realistic, sparse product-usage mix for the seed template, user by user, reproducible from
 * the user's number (so a 10-million-user store needs no event list held in memory):
 *
 * - 60% light users: signed up some day in the last 60 days, maybe activated minutes to hours
 *   later, and 0-2 page views;
 * - 30% medium users: 5-20 events over a few days of the last 30;
 * - 10% heavy users: 30-80 events spread over the last 30 days.
 *
 * Event names follow the template's vocabulary, weighted towards feature use and page views,
 * with the properties its filters read (feature and tier, path, external, topic).
 */
/** Reproducible events and traits for user {@code u0}, {@code u1}, ... */
final class ActivityMix {
  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
  private static final long DAY = 86_400;

  private ActivityMix() {}

  /** User {@code i}'s events, all before {@link #AS_OF}, in time order. */
  static List<Event> events(int i) {
    Random r = new Random(i * 0x9E3779B97F4A7C15L + 17);
    String user = "u" + i;
    List<Event> out = new ArrayList<>();
    int kind = r.nextInt(10);
    Instant signup = AS_OF.minusSeconds(DAY * r.nextInt(60) + r.nextInt(86_000));
    out.add(Event.of(user, "signed_up", signup));
    if (r.nextBoolean()) {
      Instant activated = signup.plusSeconds(60L * r.nextInt(180));
      if (!activated.isAfter(AS_OF)) {
        out.add(Event.of(user, "activated", activated));
      }
    }
    int events = kind < 6 ? r.nextInt(3) : kind < 9 ? 5 + r.nextInt(16) : 30 + r.nextInt(51);
    int span = kind < 9 ? 1 + r.nextInt(5) : 30;
    int startDay = r.nextInt(30 - Math.min(29, span) + 1);
    for (int e = 0; e < events; e++) {
      long ago = DAY * (startDay + r.nextInt(span)) + r.nextInt(86_000);
      out.add(event(r, user, AS_OF.minusSeconds(ago)));
    }
    out.sort(java.util.Comparator.comparing(Event::time));
    return out;
  }

  private static Event event(Random r, String user, Instant t) {
    int x = r.nextInt(100);
    if (x < 35) {
      return Event.of(user, "feature_used", t)
          .withProperty("feature", "f" + r.nextInt(20))
          .withProperty("tier", r.nextInt(5) == 0 ? "premium" : "free");
    } else if (x < 60) {
      return Event.of(user, "page_viewed", t)
          .withProperty("path", r.nextInt(7) == 0 ? "/pricing" : "/docs");
    } else if (x < 68) {
      return Event.of(user, "invite_sent", t);
    } else if (x < 76) {
      return Event.of(user, "api_called", t);
    } else if (x < 81) {
      return Event.of(user, "content_shared", t).withProperty("external", r.nextBoolean());
    } else if (x < 84) {
      return Event.of(user, "usage_limit_hit", t);
    } else if (x < 87) {
      return Event.of(user, "integration_enabled", t);
    } else if (x < 89) {
      return Event.of(user, "upgrade_started", t);
    } else if (x < 90) {
      return Event.of(user, "upgrade_completed", t);
    } else if (x < 92) {
      return Event.of(user, "enterprise_feature_requested", t);
    } else if (x < 95) {
      return Event.of(user, "support_contacted", t)
          .withProperty("topic", r.nextBoolean() ? "billing" : "bug");
    }
    return Event.of(user, "logged_in", t);
  }

  /** User {@code i}'s traits. */
  static Map<String, Value> traits(int i) {
    Random r = new Random(i * 31L + 5);
    return Map.of(
        "employees", Value.num(r.nextInt(3000)),
        "industry", Value.str(r.nextBoolean() ? "software" : "retail"),
        "domain_users", Value.num(r.nextInt(12)));
  }

  /** User {@code i} as an entity, for the event-based evaluators. */
  static Entity entity(int i) {
    return new Entity("u" + i, traits(i), events(i));
  }

  /** A store holding users 0 to n-1. */
  static EntityStore store(int n) {
    EntityStore store = EntityStore.create(dev.pls.core.testing.SeedTemplate.model());
    for (int i = 0; i < n; i++) {
      store.traits("u" + i, traits(i));
      store.ingest(events(i));
    }
    return store;
  }
}
