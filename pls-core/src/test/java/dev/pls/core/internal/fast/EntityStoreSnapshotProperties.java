package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SetClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A store snapshotted at any point of any event stream and restored goes on exactly as the
 * original: the same cards after the same further ingest, equal to the reference evaluator's.
 */
class EntityStoreSnapshotProperties {

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.scenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> bucketScenarios() {
    return DifferentialArbitraries.bucketScenarios();
  }

  @Property(tries = 100)
  void restore_midStream_sameCardsAsTheStoreThatWentOn(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed)
      throws IOException {
    check(s, seed);
  }

  @Property(tries = 100)
  void restore_dayBucketsMidStream_sameCardsAsTheStoreThatWentOn(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed)
      throws IOException {
    check(s, seed);
  }

  /**
   * Several entities' events, shuffled, with the clock a day behind T (so some are held apart); the
   * original ingests a random part, is snapshotted and restored, then both ingest the rest.
   */
  private static void check(DifferentialArbitraries.Scenario s, long seed) throws IOException {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    List<Entity> entities = new ArrayList<>();
    entities.add(s.entity());
    for (int i = 2; i <= 6; i++) {
      entities.add(
          EntityStoreDifferentialProperties.renamed(
              DifferentialArbitraries.entity(r, ZoneId.of("UTC"), asOf), "u" + i));
    }
    List<Event> all = new ArrayList<>();
    entities.forEach(e -> all.addAll(e.events()));
    Collections.shuffle(all, r);
    EntityStore.Builder builder =
        EntityStore.builder(s.model())
            .clock(new SetClock(asOf.minus(Duration.ofDays(1))))
            .maxSkew(ChronoUnit.FOREVER.getDuration());
    EntityStore original = builder.build();
    entities.forEach(e -> original.traits(e.id(), e.traits()));
    int cut = r.nextInt(all.size() + 1);
    original.ingest(all.subList(0, cut));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.snapshot(bytes);
    EntityStore restored = builder.restore(new ByteArrayInputStream(bytes.toByteArray()));
    original.ingest(all.subList(cut, all.size()));
    restored.ingest(all.subList(cut, all.size()));

    assertEquals(original.stats(), restored.stats());
    assertEquals(original.earliestAsOf(), restored.earliestAsOf());
    Map<String, Entity> byId = new HashMap<>();
    entities.forEach(e -> byId.put(e.id(), e));
    Scorer reference = Scorer.reference(s.model());
    BatchScores a = original.scoreAll(asOf);
    BatchScores b = restored.scoreAll(asOf);
    assertEquals(a.size(), b.size());
    for (int row = 0; row < a.size(); row++) {
      assertEquals(a.entity(row), b.entity(row));
      assertEquals(a.card(row), b.card(row), s::toString);
      assertEquals(reference.score(byId.get(b.entity(row)), asOf), b.card(row), s::toString);
    }
  }
}
