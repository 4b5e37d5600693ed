package dev.pls.core.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.EntityStore;
import dev.pls.core.Event;
import dev.pls.core.Value;
import dev.pls.core.testing.SeedTemplate;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityStoreTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void scoreTouched_afterOneEntityChanges_scoresOnlyThatEntity() {
    EntityStore store = EntityStore.of(SeedTemplate.model());
    store.ingest(Event.of("u1", "invite_sent", T.minusSeconds(60)));
    store.ingest(Event.of("u2", "invite_sent", T.minusSeconds(60)));
    assertEquals(2, store.scoreTouched(T).size());
    assertEquals(0, store.scoreTouched(T).size());
    store.traits("u2", Map.of("employees", Value.num(100)));
    var touched = store.scoreTouched(T);
    assertEquals(1, touched.size());
    assertEquals("u2", touched.entity(0));
    assertEquals("20", touched.score(0).toString());
  }

  @Test
  void score_asOfBeforeNewestEvent_throws() {
    EntityStore store = EntityStore.of(SeedTemplate.model());
    store.ingest(Event.of("u1", "invite_sent", T));
    var e =
        assertThrows(IllegalArgumentException.class, () -> store.score("u1", T.minusSeconds(1)));
    assertEquals(
        "asOf: 2026-11-20T11:59:59Z is before the newest event ingested, 2026-11-20T12:00:00Z",
        e.getMessage());
  }

  @Test
  void ingest_eventOlderThanSpan_isCountedNotDropped() {
    EntityStore store = EntityStore.of(SeedTemplate.model());
    store.ingest(Event.of("u1", "invite_sent", T));
    // 400 days back: beyond every window and trend, yet all-history invites still count it.
    store.ingest(Event.of("u1", "invite_sent", T.minusSeconds(400L * 86_400)));
    // Any event is read by the template's active_days(any), so none is ignored.
    store.ingest(Event.of("u1", "unknown_event", T));
    assertEquals(new EntityStore.Stats(3, 2, 1, 0, 0), store.stats());
  }
}
