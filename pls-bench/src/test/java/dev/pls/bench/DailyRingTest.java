package dev.pls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.SeedTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written ring counts what the store counts, so the ingest benchmark is like for like. */
class DailyRingTest {

  @Test
  void ring_mixEvents_countsEachFilterPerUserAndDay() {
    List<Event> events = IngestBenchmark.events(50_000);
    DailyRing ring = new DailyRing(16);
    assertEquals(events.size(), ring.ingest(events));
    assertEquals(0, ring.dropped());
    // Count by hand the invites and billing/plans contacts of a few users per day, and compare.
    for (String user : List.of("u0", "u7", "u42", "u1000")) {
      for (Event e : events) {
        if (!e.user().equals(user)) {
          continue;
        }
        long day = Math.floorDiv(e.time().getEpochSecond(), 86_400);
        long invites =
            events.stream()
                .filter(x -> x.user().equals(user) && x.name().equals("invite_sent"))
                .filter(x -> Math.floorDiv(x.time().getEpochSecond(), 86_400) == day)
                .count();
        assertEquals(invites, ring.count(user, 5, day), user + " invites on day " + day);
      }
    }
  }

  @Test
  void ring_andStore_seeTheSameUsersAndKeepEveryEvent() {
    List<Event> events = IngestBenchmark.events(50_000);
    DailyRing ring = new DailyRing(16);
    ring.ingest(events);
    EntityStore store = EntityStore.create(SeedTemplate.model());
    assertEquals(events.size(), store.ingest(events));
    assertEquals(store.size(), ring.size());
    assertTrue(ring.size() > 1_000, "users: " + ring.size());
  }

  @Test
  void storeColumns_sameEventsAsBatches_sameCardsAndStatsAsStore() {
    List<Event> events = IngestBenchmark.events(50_000);
    EntityStore byEvents = EntityStore.create(SeedTemplate.model());
    byEvents.ingest(events);
    EntityStore byColumns = EntityStore.create(SeedTemplate.model());
    int accepted = 0;
    for (dev.pls.core.input.EventColumns b : IngestBenchmark.columns(byColumns, events, 4096)) {
      accepted += byColumns.ingest(b);
    }
    assertEquals(events.size(), accepted);
    IngestBenchmark.check(byEvents, byColumns);
  }
}
