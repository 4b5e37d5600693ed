package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.EventColumns;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SeedTemplate;
import dev.pls.core.testing.SetClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
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
 * The columnar ingest call is ingest by events in other clothes: the same events fed to one store
 * as {@link Event}s and to another as rows of {@link EventColumns} (entity indexes, event codes,
 * typed property columns, in batches of any size, one batch object reused) give equal cards, {@code
 * scoreAll}, stats, watermarks and snapshots, and the cards the reference evaluator gives the
 * accepted events under canonical ids. The stream has it all: generated models whose
 * where-conditions read string, whole, decimal and boolean properties (set as longs, doubles or
 * exact decimals), in both layouts and the seed template; events in any order, some beyond the
 * retained span, some dated after the store's clock (held apart, some merged when the clock moves
 * on), some after the skew (future), some on those edges to the nanosecond, some whose day a bucket
 * store cannot hold (rejected), some of names no filter reads; anonymous ids linked to known ones
 * mid-stream, their rows naming indexes given before the link.
 */
class EntityStoreColumnsProperties {
  private static final Model SEED = SeedTemplate.model();
  private static final Duration SKEW = Duration.ofDays(2);

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

  @Property(tries = 150)
  void ingestColumns_generatedModels_equalsIngestOfEventsAndReference(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s,
      @ForAll Order order,
      @ForAll long seed)
      throws IOException {
    check(s, order, seed);
  }

  @Property(tries = 150)
  void ingestColumns_dayBucketModels_equalsIngestOfEventsAndReference(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s,
      @ForAll Order order,
      @ForAll long seed)
      throws IOException {
    check(s, order, seed);
  }

  @Property(tries = 40)
  void ingestColumns_seedTemplate_equalsIngestOfEventsAndReference(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s,
      @ForAll Order order,
      @ForAll long seed)
      throws IOException {
    check(s, order, seed);
  }

  /** One step of the stream: an event, or a link of an anonymous id to a known one. */
  private record Step(Event event, String anonymous, String known) {}

  private static void check(DifferentialArbitraries.Scenario s, Order order, long seed)
      throws IOException {
    Random r = new Random(seed);
    Model model = s.model();
    Instant asOf = s.asOf();
    Instant clockAtIngest = asOf.minus(Duration.ofDays(1));
    boolean bucketed = ColumnarStore.bucketed(model);
    List<Entity> entities = new ArrayList<>();
    entities.add(s.entity());
    for (int i = 2; i <= 6; i++) {
      Entity e =
          model.id().equals(SEED.id())
              ? DifferentialArbitraries.seedEntity(r, asOf)
              : DifferentialArbitraries.entity(r, ZoneId.of("UTC"), asOf);
      entities.add(EntityStoreDifferentialProperties.renamed(e, "u" + i));
    }
    // The events, some under an anonymous id of their user, and a few of every odd kind.
    List<Event> events = new ArrayList<>();
    for (Entity e : entities) {
      for (Event x : e.events()) {
        boolean anonymous = (e.id().equals("u2") || e.id().equals("u4")) && r.nextBoolean();
        events.add(anonymous ? withUser(x, "anon-" + e.id()) : x);
      }
    }
    for (int i = r.nextInt(6); i > 0; i--) {
      String user = "u" + (1 + r.nextInt(6));
      switch (r.nextInt(6)) {
        case 0 -> events.add(Event.of(user, "other", asOf.minusSeconds(r.nextInt(86_400))));
        case 1 -> events.add(Event.of(user, "a", asOf.plus(Duration.ofDays(3))));
        case 2 -> events.add(Event.of(user, "b", asOf.plusSeconds(3600)));
        case 3 -> {
          // On, or a nanosecond either side of, the clock's instant (held apart after it) and the
          // latest instant the skew admits: the columnar path compares these as second and nano.
          Instant edge = r.nextBoolean() ? clockAtIngest : clockAtIngest.plus(SKEW);
          events.add(Event.of(user, "a", edge.plusNanos(r.nextInt(3) - 1)));
        }
        case 4 -> {
          // Two events in one second, nanos apart: the settled watermark moves within a second.
          Instant second = clockAtIngest.minusSeconds(r.nextInt(86_400 * 3));
          events.add(Event.of(user, "a", second.plusNanos(r.nextInt(1_000))));
          events.add(Event.of(user, "b", second.plusNanos(r.nextInt(1_000))));
        }
        default -> {
          if (bucketed) {
            // A day a bucket cannot hold: rejected.
            events.add(Event.of(user, "a", Instant.ofEpochSecond(-200_000_000_000_000L)));
          }
        }
      }
    }
    if (order == Order.OLDEST_FIRST) {
      events.sort(Comparator.comparing(Event::time));
    } else if (order == Order.NEWEST_FIRST) {
      events.sort(Comparator.comparing(Event::time).reversed());
    } else {
      Collections.shuffle(events, r);
    }
    List<Step> steps = new ArrayList<>();
    events.forEach(e -> steps.add(new Step(e, null, null)));
    for (String known : List.of("u2", "u4")) {
      if (r.nextInt(3) != 0) {
        steps.add(r.nextInt(steps.size() + 1), new Step(null, "anon-" + known, known));
      }
    }

    SetClock clockA = new SetClock(clockAtIngest);
    SetClock clockB = new SetClock(clockAtIngest);
    EntityStore byEvents = EntityStore.builder(model).clock(clockA).maxSkew(SKEW).build();
    EntityStore byColumns = EntityStore.builder(model).clock(clockB).maxSkew(SKEW).build();
    for (Entity e : entities) {
      byEvents.traits(e.id(), e.traits());
      byColumns.traits(e.id(), e.traits());
    }
    // Indexes given before any link: rows of an anonymous id name its own entity, merged later.
    Map<String, Integer> early = new HashMap<>();
    for (Event e : events) {
      if (r.nextInt(3) == 0) {
        early.putIfAbsent(e.user(), byColumns.index(e.user()));
      }
    }
    List<String> properties = byColumns.properties();
    EventColumns batch = new EventColumns(properties.size());
    int acceptedA = 0;
    int acceptedB = 0;
    int i = 0;
    while (i < steps.size()) {
      Step step = steps.get(i);
      if (step.event() == null) {
        assertEquals(
            byEvents.link(step.anonymous(), step.known()),
            byColumns.link(step.anonymous(), step.known()));
        i++;
        continue;
      }
      int end = i;
      while (end < steps.size() && steps.get(end).event() != null) {
        end++;
      }
      List<Event> run = steps.subList(i, end).stream().map(Step::event).toList();
      acceptedA += byEvents.ingest(run);
      int at = 0;
      while (at < run.size()) {
        int n = 1 + r.nextInt(Math.min(20, run.size() - at));
        batch.clear();
        for (Event e : run.subList(at, at + n)) {
          Integer index = r.nextBoolean() ? early.get(e.user()) : null;
          batch.add(
              index != null ? index : byColumns.index(e.user()),
              byColumns.eventCode(e.name()),
              e.time());
          setProperties(batch, properties, e, r);
        }
        acceptedB += byColumns.ingest(batch);
        at += n;
      }
      i = end;
    }
    assertEquals(acceptedA, acceptedB, s::toString);
    assertEquals(byEvents.stats(), byColumns.stats(), s::toString);
    assertEquals(byEvents.watermark(), byColumns.watermark());

    // The expected cards: each person's accepted events up to T, under its canonical id.
    Scorer reference = Scorer.reference(model);
    Map<String, Entity> expected = new HashMap<>();
    for (Entity e : entities) {
      List<Event> own = new ArrayList<>();
      for (Event x : events) {
        boolean accepted =
            !x.time().isAfter(clockAtIngest.plus(SKEW)) && x.time().getEpochSecond() > -1L << 40;
        String person = byEvents.ids(x.user()).get(0);
        if (accepted && !x.time().isAfter(asOf) && person.equals(e.id())) {
          own.add(withUser(x, e.id()));
        }
      }
      expected.put(e.id(), new Entity(e.id(), e.traits(), own));
    }

    for (int pass = 0; pass < 2; pass++) {
      // First with the events of T's last day still held apart, then with them merged.
      clockA.set(asOf.minus(Duration.ofHours(1 - pass)));
      clockB.set(asOf.minus(Duration.ofHours(1 - pass)));
      Map<String, ScoreCard> cardsA = cards(byEvents.scoreAll(asOf));
      Map<String, ScoreCard> cardsB = cards(byColumns.scoreAll(asOf));
      assertEquals(cardsA.keySet(), cardsB.keySet(), s::toString);
      for (Map.Entry<String, ScoreCard> c : cardsB.entrySet()) {
        assertEquals(cardsA.get(c.getKey()), c.getValue(), s::toString);
        Entity e = expected.get(c.getKey());
        if (e != null) {
          assertEquals(reference.score(e, asOf), c.getValue(), s::toString);
        }
      }
      assertEquals(byEvents.earliestAsOf(), byColumns.earliestAsOf());
      assertEquals(byEvents.size(), byColumns.size());
    }

    // Rows held apart are written to a snapshot as the events they stand for.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byColumns.snapshot(out);
    EntityStore restored =
        EntityStore.builder(model)
            .clock(clockB)
            .maxSkew(SKEW)
            .restore(new ByteArrayInputStream(out.toByteArray()));
    Instant later = asOf.plus(Duration.ofDays(1));
    clockA.set(later);
    clockB.set(later);
    assertEquals(cards(byEvents.scoreAll(later)), cards(restored.scoreAll(later)), s::toString);
  }

  /** Sets {@code e}'s properties that the store reads on the batch's last row, typed at random. */
  private static void setProperties(
      EventColumns batch, List<String> properties, Event e, Random r) {
    for (int p = 0; p < properties.size(); p++) {
      Value v = e.properties().get(properties.get(p));
      if (v instanceof Value.Str str) {
        batch.setString(p, str.value());
      } else if (v instanceof Value.Bool b) {
        batch.setBoolean(p, b.value());
      } else if (v instanceof Value.Num n) {
        BigDecimal d = n.value();
        if (d.stripTrailingZeros().scale() <= 0
            && d.abs().compareTo(BigDecimal.valueOf(1L << 62)) < 0
            && r.nextBoolean()) {
          batch.setLong(p, d.longValueExact());
        } else if (BigDecimal.valueOf(d.doubleValue()).compareTo(d) == 0 && r.nextBoolean()) {
          batch.setDouble(p, d.doubleValue());
        } else {
          batch.setDecimal(p, d);
        }
      }
    }
  }

  private static Map<String, ScoreCard> cards(BatchScores scores) {
    Map<String, ScoreCard> cards = new HashMap<>();
    for (int row = 0; row < scores.size(); row++) {
      cards.put(scores.entity(row), scores.card(row));
    }
    return cards;
  }

  private static Event withUser(Event e, String user) {
    return new Event(user, e.account(), e.name(), e.time(), e.properties());
  }
}
