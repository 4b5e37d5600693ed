package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SeedTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityStoreTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  /**
   * A growth streak is summed from weekly counts in the one walk of the cells for its first
   * Buckets.GROWTH_WEEKS weeks; a streak reaching beyond them walks the cells again. Around that
   * edge, week w of n + 1 weeks holding n + 1 - w events (a streak of n + 1 weeks, in a zone with
   * DST), the store's card is the reference's.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {3, 61, 62, 63, 64, 70})
  void scoreAll_growthStreakAroundTheWeeksOfOneWalk_equalsReference(int n) {
    Expr growth = Expr.agg(Aggregate.growthWeeks(dev.pls.core.model.EventFilter.any()));
    Model model =
        Model.builder("growth")
            .zone(ZoneId.of("America/New_York"))
            .category(
                "c",
                c ->
                    c.rule("long", growth.ge(n + 1), 10, "long")
                        .rule("some", growth.ge(1), 1, "some"))
            .build();
    EntityStore store = dev.pls.core.testing.Stores.anyDate(model);
    List<Event> events = new ArrayList<>();
    for (int week = 0; week <= n; week++) {
      for (int e = 0; e < n + 1 - week; e++) {
        events.add(
            Event.of("u", "use", T.minus(Duration.ofDays(7L * week + e % 7)).minusSeconds(e)));
      }
    }
    store.ingest(events);
    ScoreCard expected = Scorer.reference(model).score(new Entity("u", Map.of(), events), T);
    assertEquals(dev.pls.core.model.Points.of(11), expected.score());
    assertEquals(expected, store.scoreAll(T).card(0));
    assertEquals(expected, store.score("u", T));
  }

  @Test
  void scoreAll_decayedRules_batchCardsEqualTheReference() {
    // The batch path scores decayed rules a row at a time inside the column-at-a-time chunk:
    // uncapped, under a cap and negative under a floor, each entity at its own age.
    Expr used = Expr.agg(Aggregate.count("use"), Window.days(90)).ge(1);
    Model model =
        Model.builder("decay")
            .category(
                "free",
                c ->
                    c.rule(
                        new dev.pls.core.model.Rule(
                                "lin", "lin", used, dev.pls.core.model.Points.of(15))
                            .decay(
                                dev.pls.core.model.Decay.linear(
                                    60, dev.pls.core.model.Window.Unit.DAYS))))
            .category(
                "capped",
                c ->
                    c.cap(12)
                        .floor(-4)
                        .rule(
                            new dev.pls.core.model.Rule(
                                    "half", "half", used, dev.pls.core.model.Points.of(20))
                                .decay(
                                    dev.pls.core.model.Decay.halfLife(
                                        14, dev.pls.core.model.Window.Unit.DAYS)))
                        .rule("plain", used, 5, "plain")
                        .rule(
                            new dev.pls.core.model.Rule(
                                    "neg", "neg", used, dev.pls.core.model.Points.of(-9))
                                .decay(
                                    dev.pls.core.model.Decay.linear(
                                        10, dev.pls.core.model.Window.Unit.DAYS))))
            .build();
    EntityStore store = EntityStore.builder(model).clock(Clock.fixed(T, ZoneOffset.UTC)).build();
    List<Entity> entities = new ArrayList<>();
    for (int days : new int[] {0, 1, 7, 14, 30, 59, 60, 89}) {
      String id = "u" + days;
      Event e = Event.of(id, "use", T.minus(Duration.ofDays(days)).minusSeconds(1));
      store.ingest(e);
      entities.add(new Entity(id, Map.of(), List.of(e)));
    }
    Scorer reference = Scorer.reference(model);
    var batch = store.scoreAll(T);
    for (int i = 0; i < batch.size(); i++) {
      String id = batch.entity(i);
      Entity e = entities.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
      ScoreCard expected = reference.score(e, T);
      assertEquals(expected, batch.card(i), e.id());
      assertEquals(expected.score(), batch.score(i), e.id());
      assertEquals(expected, store.score(e.id(), T), e.id());
    }
  }

  @Test
  void scoreTouched_afterOneEntityChanges_scoresOnlyThatEntity() {
    EntityStore store = EntityStore.create(SeedTemplate.model());
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
  void scoreAll_idsOfEveryAlphabetAcrossPages_comeBackAsIngested() {
    EntityStore store = EntityStore.create(SeedTemplate.model());
    List<String> ids = new ArrayList<>();
    // More than a page of 4,096 entities, so ids live in two pages' bytes.
    for (int i = 0; i < 4_200; i++) {
      ids.add(i % 3 == 0 ? "u" + i : i % 3 == 1 ? "ü-" + i : "用户-" + i + "-\uD83D\uDE00");
    }
    for (String id : ids) {
      store.ingest(List.of(Event.of(id, "invite_sent", T), Event.of(id, "api_called", T)));
    }
    var scores = store.scoreAll(T);
    List<String> back = new ArrayList<>();
    for (int row = 0; row < scores.size(); row++) {
      back.add(scores.entity(row));
    }
    assertEquals(ids, back);
    // Found again by their bytes: no entity is added twice.
    for (String id : ids) {
      store.ingest(Event.of(id, "logged_in", T));
    }
    assertEquals(4_200, store.size());
  }

  @Test
  void ingest_batchWithNullInItsSecondBlock_ingestsTheEventsBeforeItThenThrows() {
    // Ingest reads events a block of 16 at a time; a null event is still reported in its place.
    EntityStore store = EntityStore.create(SeedTemplate.model());
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(Event.of("u" + (i % 7), "invite_sent", T.minusSeconds(60 - i)));
    }
    events.add(null);
    events.add(Event.of("after", "invite_sent", T));
    NullPointerException e = assertThrows(NullPointerException.class, () -> store.ingest(events));
    assertEquals("events element", e.getMessage());
    assertEquals(20, store.stats().accepted());
    assertEquals(7, store.size());
    EntityStore oneByOne = EntityStore.create(SeedTemplate.model());
    events.subList(0, 20).forEach(oneByOne::ingest);
    for (int u = 0; u < 7; u++) {
      assertEquals(oneByOne.score("u" + u, T), store.score("u" + u, T));
    }
  }

  @Test
  void score_asOfBeforeNewestEvent_throws() {
    EntityStore store = EntityStore.create(SeedTemplate.model());
    store.ingest(Event.of("u1", "invite_sent", T));
    var e =
        assertThrows(IllegalArgumentException.class, () -> store.score("u1", T.minusSeconds(1)));
    assertEquals(
        "asOf: 2026-11-20T11:59:59Z is before 2026-11-20T12:00:00Z, the earliest instant this"
            + " store scores as of (its newest event dated at or before its clock)",
        e.getMessage());
  }

  @Test
  void aFutureEventWithinSkew_doesNotBlockScoringAsOfNow() {
    Instant now = T;
    EntityStore store =
        EntityStore.builder(SeedTemplate.model())
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .maxSkew(Duration.ofHours(2))
            .build();
    List<Event> events =
        List.of(
            Event.of("u1", "invite_sent", now.minus(Duration.ofHours(1))),
            Event.of("u1", "invite_sent", now.plus(Duration.ofHours(1))),
            Event.of("u1", "api_called", now.plus(Duration.ofMinutes(90))));
    assertEquals(3, store.ingest(events));
    assertEquals(Optional.of(now.plus(Duration.ofMinutes(90))), store.watermark());
    assertEquals(Optional.of(now.minus(Duration.ofHours(1))), store.earliestAsOf());
    // As of now the events ahead do not count; as of later instants those at or before do.
    Scorer reference = Scorer.reference(SeedTemplate.model());
    Entity u1 = new Entity("u1", Map.of(), events);
    for (Instant asOf :
        List.of(now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(90)))) {
      assertEquals(reference.score(u1, asOf), store.score("u1", asOf), asOf::toString);
      assertEquals(reference.score(u1, asOf), store.scoreAll(asOf).card(0), asOf::toString);
    }
    assertEquals(new EntityStore.Stats(3, 3, 0, 0, 0, 0), store.stats());
  }

  @Test
  void heldEvents_onceTheClockPassesThem_areMergedAndMoveTheEarliestAsOf() {
    dev.pls.core.testing.SetClock clock = new dev.pls.core.testing.SetClock(T);
    EntityStore store = EntityStore.builder(SeedTemplate.model()).clock(clock).build();
    Event ahead = Event.of("u1", "invite_sent", T.plus(Duration.ofHours(3)));
    store.ingest(List.of(Event.of("u1", "invite_sent", T), ahead));
    assertEquals(Optional.of(T), store.earliestAsOf());
    clock.set(T.plus(Duration.ofHours(4)));
    assertEquals(Optional.of(T.plus(Duration.ofHours(3))), store.earliestAsOf());
    var e = assertThrows(IllegalArgumentException.class, () -> store.score("u1", T));
    assertEquals(
        "asOf: 2026-11-20T12:00:00Z is before 2026-11-20T15:00:00Z, the earliest instant this"
            + " store scores as of (its newest event dated at or before its clock)",
        e.getMessage());
    Instant later = T.plus(Duration.ofHours(4));
    assertEquals(
        Scorer.reference(SeedTemplate.model())
            .score(
                new Entity("u1", Map.of(), List.of(Event.of("u1", "invite_sent", T), ahead)),
                later),
        store.score("u1", later));
  }

  @Test
  void earliestAsOf_emptyStore_isEmptyAndAnyInstantScores() {
    EntityStore store = EntityStore.create(SeedTemplate.model());
    assertEquals(Optional.empty(), store.earliestAsOf());
    assertEquals("u1", store.score("u1", Instant.EPOCH).entity());
  }

  @Test
  void ingest_eventOlderThanSpan_isCountedNotDropped() {
    EntityStore store = EntityStore.create(SeedTemplate.model());
    store.ingest(Event.of("u1", "invite_sent", T));
    // 400 days back: beyond every window and trend, yet all-history invites still count it.
    store.ingest(Event.of("u1", "invite_sent", T.minusSeconds(400L * 86_400)));
    // Any event is read by the template's active_days(any), so none is ignored.
    store.ingest(Event.of("u1", "unknown_event", T));
    assertEquals(new EntityStore.Stats(3, 2, 1, 0, 0, 0), store.stats());
  }

  @Test
  void ingest_moreEventsOfOneKindInADayThanACellCounts_countsThemAll() {
    Model model =
        Model.builder("bursts")
            .category(
                "c",
                c ->
                    c.rule(
                        "many",
                        Expr.agg(Aggregate.count("ping"), Window.days(1)).ge(5000),
                        1,
                        "many"))
            .build();
    assertTrue(ColumnarStore.bucketed(model));
    EntityStore store = EntityStore.create(model);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      events.add(Event.of("u1", "ping", T.minusSeconds(i % 3600)));
    }
    assertEquals(5000, store.ingest(events));
    ScoreCard expected = Scorer.reference(model).score(new Entity("u1", Map.of(), events), T);
    assertEquals(expected, store.score("u1", T));
    assertEquals("1", store.score("u1", T).score().toString());
  }

  @Test
  void bucketed_zoneWhoseDatesGoBackwards_keepsRows() {
    // Goose Bay ended DST at 00:01, back to 23:01 of the day before: local dates went backwards.
    // Sao Paulo ended it at midnight exactly, which keeps them in order.
    Model.Builder b =
        Model.builder("m").category("c", c -> c.rule("r", Expr.occurred("x"), 1, "r"));
    assertTrue(ColumnarStore.bucketed(b.build()));
    assertFalse(ColumnarStore.bucketed(b.zone(ZoneId.of("America/Goose_Bay")).build()));
    assertTrue(ColumnarStore.bucketed(b.zone(ZoneId.of("America/Sao_Paulo")).build()));
    assertTrue(ColumnarStore.bucketed(b.zone(ZoneId.of("Australia/Lord_Howe")).build()));
    assertFalse(ColumnarStore.bucketed(b.zone(ZoneOffset.UTC).resolution(Resolution.HOUR).build()));
  }

  @Test
  void ingest_eventMillionsOfYearsAway_isRejected() {
    // A skew without bound, so the day buckets' own limit is what rejects it.
    EntityStore store =
        EntityStore.builder(SeedTemplate.model()).maxSkew(ChronoUnit.FOREVER.getDuration()).build();
    assertFalse(
        store.ingest(Event.of("u1", "invite_sent", Instant.parse("+9999999-01-01T00:00:00Z"))));
    assertEquals(new EntityStore.Stats(0, 0, 0, 0, 1, 0), store.stats());
  }

  @Test
  void ingest_eventDatedPastClockAndSkew_isRejectedAsFuture_andTheStoreStillScoresNow() {
    Instant now = Instant.parse("2026-11-20T12:00:00Z");
    EntityStore store =
        EntityStore.builder(SeedTemplate.model())
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .maxSkew(Duration.ofHours(2))
            .build();
    assertFalse(store.ingest(Event.of("u1", "invite_sent", now.plus(Duration.ofDays(365_000)))));
    assertFalse(store.ingest(Event.of("u1", "invite_sent", now.plus(Duration.ofMinutes(121)))));
    assertTrue(store.ingest(Event.of("u1", "invite_sent", now.plus(Duration.ofHours(2)))));
    assertTrue(store.ingest(Event.of("u1", "invite_sent", now.minus(Duration.ofDays(3)))));
    assertEquals(new EntityStore.Stats(2, 2, 0, 0, 0, 2), store.stats());
    assertEquals(Optional.of(now.plus(Duration.ofHours(2))), store.watermark());
    // Without the bound the first event would have moved the watermark 1,000 years ahead and
    // every score before then would be refused.
    assertEquals("u1", store.score("u1", now.plus(Duration.ofHours(2))).entity());
  }

  @Test
  void builder_negativeSkewOrNulls_areRejectedNamingTheArgument() {
    EntityStore.Builder b = EntityStore.builder(SeedTemplate.model());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.maxSkew(Duration.ofSeconds(-1)));
    assertEquals("maxSkew: must not be negative, was PT-1S", e.getMessage());
    assertEquals(
        "clock", assertThrows(NullPointerException.class, () -> b.clock(null)).getMessage());
    assertEquals(
        "model",
        assertThrows(NullPointerException.class, () -> EntityStore.builder(null)).getMessage());
  }

  @Test
  void ingest_manyEntities_eachFoundAgainByItsId() {
    EntityStore store = EntityStore.create(SeedTemplate.model());
    for (int i = 0; i < 10_000; i++) {
      store.ingest(Event.of("u" + i, "invite_sent", T.minusSeconds(i)));
    }
    store.ingest(Event.of("u7", "invite_sent", T));
    assertEquals(10_000, store.size());
    Scorer reference = Scorer.reference(SeedTemplate.model());
    assertEquals(
        reference.score(
            new Entity(
                "u7",
                Map.of(),
                List.of(
                    Event.of("u7", "invite_sent", T.minusSeconds(7)),
                    Event.of("u7", "invite_sent", T))),
            T),
        store.score("u7", T));
  }
}
