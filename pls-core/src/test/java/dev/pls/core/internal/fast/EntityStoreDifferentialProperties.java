package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SeedTemplate;
import dev.pls.core.testing.SetClock;
import dev.pls.core.testing.Stores;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A store fed with entities' events scores them as the reference evaluator does, whatever the order
 * of ingest: oldest first (kept events fall out of the span and are folded as columns fill), newest
 * first (old events arrive beyond the span), shuffled and interleaved across entities.
 */
class EntityStoreDifferentialProperties {
  private static final dev.pls.core.model.Model SEED = SeedTemplate.model();

  enum Order {
    OLDEST_FIRST,
    NEWEST_FIRST,
    SHUFFLED
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.scenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> bucketScenarios() {
    return DifferentialArbitraries.bucketScenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> seedScenarios() {
    return DifferentialArbitraries.seedScenarios();
  }

  @Property(tries = 200)
  void scoreAll_ingestedEvents_equalsReferenceCards(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s,
      @ForAll Order order,
      @ForAll long seed) {
    checkAgainstReference(s, order, seed);
  }

  @Property(tries = 200)
  void scoreAll_dayBucketModels_equalsReferenceCards(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s,
      @ForAll Order order,
      @ForAll long seed) {
    assertTrue(ColumnarStore.bucketed(s.model()));
    checkAgainstReference(s, order, seed);
  }

  @Property(tries = 50)
  void scoreAll_seedTemplate_equalsReferenceCards(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s,
      @ForAll Order order,
      @ForAll long seed) {
    assertTrue(ColumnarStore.bucketed(s.model()));
    checkAgainstReference(s, order, seed);
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> accountStoreScenarios() {
    return DifferentialArbitraries.accountStoreScenarios();
  }

  /**
   * An account model's store fed, in any order, two accounts' events: those their users did in them
   * and those of the accounts alone. Each account's card is the reference's of the account with all
   * of them.
   */
  @Property(tries = 200)
  void score_accountModelWithEventsOfTheAccountAlone_equalsReferenceCards(
      @ForAll("accountStoreScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    List<Entity> accounts =
        List.of(
            upTo(s.entity(), asOf),
            upTo(
                DifferentialArbitraries.ownEventsAccount(r, ZoneId.of("UTC"), asOf, "acct2"),
                asOf));
    EntityStore store = Stores.anyDate(s.model());
    List<Event> all = new ArrayList<>();
    for (Entity a : accounts) {
      store.traits(a.id(), a.traits());
      all.addAll(a.events());
    }
    Collections.shuffle(all, r);
    assertEquals(all.size(), store.ingest(all));
    Scorer reference = Scorer.reference(s.model());
    BatchScores scores = store.scoreAll(asOf);
    assertEquals(2, scores.size());
    for (int row = 0; row < scores.size(); row++) {
      Entity a = accounts.get(scores.entity(row).equals("acct1") ? 0 : 1);
      ScoreCard expected = reference.score(a, asOf);
      assertEquals(expected, scores.card(row), s::toString);
      assertEquals(expected, store.score(a.id(), asOf), s::toString);
    }
  }

  /**
   * Batch scoring runs a chunk of entities at a time through columns: more entities than a chunk
   * holds (2,048), every one scored as the reference does, across the chunk boundary.
   */
  @Property(tries = 3)
  void scoreAll_seedTemplateBeyondOneChunk_equalsReferenceScores(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    EntityStore store = Stores.anyDate(SEED);
    Map<String, Entity> entities = new HashMap<>();
    for (int i = 0; i < 2_100; i++) {
      Entity e = upTo(renamed(DifferentialArbitraries.seedEntity(r, asOf), "u" + i), asOf);
      entities.put(e.id(), e);
      store.traits(e.id(), e.traits());
      store.ingest(e.events());
    }
    Scorer reference = Scorer.reference(SEED);
    BatchScores scores = store.scoreAll(asOf);
    assertEquals(entities.size(), scores.size());
    for (int row = 0; row < scores.size(); row++) {
      ScoreCard card = reference.score(entities.get(scores.entity(row)), asOf);
      assertEquals(card.score(), scores.score(row), scores.entity(row));
      assertEquals(card.tier(), scores.tier(row), scores.entity(row));
      assertEquals(card.excluded().isPresent(), scores.excluded(row), scores.entity(row));
      assertEquals(
          card.contributions().stream().map(c -> c.ruleId()).toList(), scores.firedRules(row));
    }
  }

  private static void checkAgainstReference(
      DifferentialArbitraries.Scenario s, Order order, long seed) {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    List<Entity> entities = new ArrayList<>();
    entities.add(upTo(s.entity(), asOf));
    // Several entities, so that a chunk's columns mix whole numbers, decimals and missing rows.
    for (int i = 2; i <= 8; i++) {
      Entity e =
          s.model().id().equals(SEED.id())
              ? DifferentialArbitraries.seedEntity(r, asOf)
              : DifferentialArbitraries.entity(r, ZoneId.of("UTC"), asOf);
      entities.add(upTo(renamed(e, "u" + i), asOf));
    }
    EntityStore store = Stores.anyDate(s.model());
    List<Event> all = new ArrayList<>();
    entities.forEach(e -> all.addAll(e.events()));
    if (order == Order.OLDEST_FIRST) {
      all.sort(Comparator.comparing(Event::time));
    } else if (order == Order.NEWEST_FIRST) {
      all.sort(Comparator.comparing(Event::time).reversed());
    } else {
      Collections.shuffle(all, r);
    }
    for (Entity e : entities) {
      store.traits(e.id(), e.traits());
    }
    store.ingest(all);

    Scorer reference = Scorer.reference(s.model());
    Map<String, ScoreCard> expected = new HashMap<>();
    for (Entity e : entities) {
      expected.put(e.id(), reference.score(e, asOf));
      assertEquals(expected.get(e.id()), store.score(e.id(), asOf), s::toString);
    }
    BatchScores scores = store.scoreAll(asOf);
    assertEquals(entities.size(), scores.size());
    for (int row = 0; row < scores.size(); row++) {
      ScoreCard card = expected.get(scores.entity(row));
      assertEquals(card.score(), scores.score(row), s::toString);
      assertEquals(card.tier(), scores.tier(row), s::toString);
      assertEquals(
          card.contributions().stream().map(c -> c.ruleId()).toList(), scores.firedRules(row));
      assertEquals(card, scores.card(row));
    }
    EntityStore.Stats stats = store.stats();
    assertEquals(all.size(), stats.accepted());
    assertEquals(stats.accepted(), stats.kept() + stats.beyondSpan() + stats.ignored());
  }

  @Property(tries = 30)
  void ingest_fromTwoThreadsAtOnce_sameCardsAsReference(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) throws Exception {
    ingestFromTwoThreads(s, seed);
  }

  @Property(tries = 30)
  void ingest_dayBucketsFromTwoThreadsAtOnce_sameCardsAsReference(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed)
      throws Exception {
    ingestFromTwoThreads(s, seed);
  }

  private static void ingestFromTwoThreads(DifferentialArbitraries.Scenario s, long seed)
      throws Exception {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    List<Entity> entities = new ArrayList<>();
    entities.add(upTo(s.entity(), asOf));
    for (int i = 2; i <= 6; i++) {
      Entity e = DifferentialArbitraries.entity(r, ZoneId.of("UTC"), asOf);
      entities.add(upTo(renamed(e, "u" + i), asOf));
    }
    List<Event> all = new ArrayList<>();
    entities.forEach(e -> all.addAll(e.events()));
    Collections.shuffle(all, r);
    EntityStore store = Stores.anyDate(s.model());
    entities.forEach(e -> store.traits(e.id(), e.traits()));
    // Two writers on interleaved halves, released together, racing on the same entities.
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int first = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = first; i < all.size(); i += 2) {
                  store.ingest(all.get(i));
                }
              });
      t.start();
      writers.add(t);
    }
    start.countDown();
    for (Thread t : writers) {
      t.join();
    }
    Scorer reference = Scorer.reference(s.model());
    for (Entity e : entities) {
      assertEquals(reference.score(e, asOf), store.score(e.id(), asOf), s::toString);
    }
    assertEquals(all.size(), store.stats().accepted());
  }

  @Property(tries = 100)
  void score_eventsAheadOfTheClockHeldThenMerged_equalsReferenceCards(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    checkWithClockBehind(s, seed);
  }

  @Property(tries = 100)
  void score_dayBucketsWithEventsAheadOfTheClock_equalsReferenceCards(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    checkWithClockBehind(s, seed);
  }

  /**
   * A live store whose clock runs behind some events (a device clock ahead): events arrive in three
   * batches as the clock moves to T a day at a time, so events ahead of it are held, some merged at
   * a later batch or at scoring, the rest (after T) held when it scores as of T.
   */
  private static void checkWithClockBehind(DifferentialArbitraries.Scenario s, long seed) {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    List<Entity> entities = new ArrayList<>();
    entities.add(s.entity());
    for (int i = 2; i <= 6; i++) {
      entities.add(renamed(DifferentialArbitraries.entity(r, ZoneId.of("UTC"), asOf), "u" + i));
    }
    List<Event> all = new ArrayList<>();
    entities.forEach(e -> all.addAll(e.events()));
    Collections.shuffle(all, r);
    SetClock clock = new SetClock(asOf.minus(java.time.Duration.ofDays(3)));
    EntityStore store = Stores.anyDate(s.model(), clock);
    entities.forEach(e -> store.traits(e.id(), e.traits()));
    int third = (all.size() + 2) / 3;
    for (int b = 0; b < 3; b++) {
      store.ingest(
          all.subList(Math.min(all.size(), b * third), Math.min(all.size(), (b + 1) * third)));
      clock.set(clock.instant().plus(java.time.Duration.ofDays(1)));
    }
    Scorer reference = Scorer.reference(s.model());
    Map<String, Entity> byId = new HashMap<>();
    entities.forEach(e -> byId.put(e.id(), e));
    // First with the clock a day behind T (events of that day held, merged into copies to score),
    // then at T (merged into the store).
    for (int pass = 0; pass < 2; pass++) {
      clock.set(asOf.minus(java.time.Duration.ofDays(1 - pass)));
      BatchScores scores = store.scoreAll(asOf);
      for (int row = 0; row < scores.size(); row++) {
        Entity e = byId.get(scores.entity(row));
        ScoreCard expected = reference.score(e, asOf);
        assertEquals(expected, store.score(e.id(), asOf), s::toString);
        assertEquals(expected, scores.card(row), s::toString);
      }
    }
    assertEquals(all.size(), store.stats().accepted());
  }

  /** Events after T are excluded: the store would hold them apart from what it scores. */
  private static Entity upTo(Entity e, Instant asOf) {
    return new Entity(
        e.id(), e.traits(), e.events().stream().filter(x -> !x.time().isAfter(asOf)).toList());
  }

  static Entity renamed(Entity e, String id) {
    List<Event> events = new ArrayList<>();
    for (Event x : e.events()) {
      events.add(new Event(id, x.account(), x.name(), x.time(), x.properties()));
    }
    return new Entity(id, e.traits(), events);
  }
}
