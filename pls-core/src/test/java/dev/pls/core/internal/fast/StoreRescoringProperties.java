package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rescoring a store pass after pass, through the generated row loop where the model admits one:
 * more entities than a chunk holds (so chunks of different column layouts, and per-thread scratch
 * reused across chunks and passes), some with traits and no events, scored as of an instant, then
 * given more events and scored again as of a later one (up to three days later, across the DST
 * changes the scenario dates sit next to, in zones with DST and at both resolutions). Every card
 * equals the reference's, and every pass into caller-supplied arrays (StoreArrays: over the pool
 * and on an executor, with fired rules and score and tier only) equals the batch of its instant.
 */
class StoreRescoringProperties {
  private static final int ENTITIES = ChunkEvaluator.CHUNK + 60;

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> loopScenarios() {
    return DifferentialArbitraries.loopScenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> bucketScenarios() {
    return DifferentialArbitraries.bucketScenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.scenarios();
  }

  /** Models the generated loop takes: it runs, and its cards are the reference's. */
  @Property(tries = 4)
  void scoreAll_loopModelsTwoPasses_runGeneratedLoopAndEqualReference(
      @ForAll("loopScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    ColumnarStore store = rescoreTwice(s, seed);
    assertTrue(store.generatedLayouts() > 0, "no chunk ran a generated loop\n" + s);
  }

  /** Day-bucket models, in zones with DST: the loads of the cells, the loop and the reference. */
  @Property(tries = 4)
  void scoreAll_bucketModelsTwoPasses_equalReference(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    assertTrue(ColumnarStore.bucketed(s.model()));
    rescoreTwice(s, seed);
  }

  /** Every model shape, decayed rules included (scored by the chunk interpreter). */
  @Property(tries = 3)
  void scoreAll_anyModelTwoPasses_equalsReference(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    rescoreTwice(s, seed);
  }

  /**
   * Feeds {@link #ENTITIES} entities' events up to an earlier instant, scores all as of it, feeds
   * the rest up to the scenario's instant, scores all and the touched ones as of it; checks every
   * card against the reference and returns the store.
   */
  private static ColumnarStore rescoreTwice(DifferentialArbitraries.Scenario s, long seed) {
    Random r = new Random(seed);
    Model model = s.model();
    ZoneId zone = model.zone();
    Instant asOf = s.asOf();
    Instant earlier = asOf.minusSeconds(1800L * r.nextInt(3 * 48 + 1));
    ColumnarStore store =
        new ColumnarStore(
            model, AccountRule.standard(), Clock.systemUTC(), ChronoUnit.FOREVER.getDuration());
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      Entity e = DifferentialArbitraries.entity(r, zone, asOf);
      if (r.nextInt(10) == 0) {
        // Traits and no events: nothing to walk, every aggregate empty.
        e = new Entity(e.id(), e.traits(), List.of());
      }
      e = upTo(EntityStoreDifferentialProperties.renamed(e, "u" + i), asOf);
      entities.add(e);
      store.traits(e.id(), e.traits());
    }
    List<Event> later = new ArrayList<>();
    for (Entity e : entities) {
      for (Event x : e.events()) {
        if (x.time().isAfter(earlier)) {
          later.add(x);
        } else {
          store.ingest(x);
        }
      }
    }
    Scorer reference = Scorer.reference(model);
    BatchScores all = store.scoreAll(earlier);
    assertEquals(ENTITIES, all.size());
    check(all, entities, reference, earlier, s);
    int rules = model.rules().size();
    assertEquals(0, StoreArrays.check(StoreArrays.of(store), all, earlier, rules, s::toString));
    store.ingest(later);
    all = store.scoreAll(asOf);
    assertEquals(ENTITIES, all.size());
    check(all, entities, reference, asOf, s);
    assertEquals(0, StoreArrays.check(StoreArrays.of(store), all, asOf, rules, s::toString));
    // Every entity was touched (traits, events) since the store began: scored again, equal.
    BatchScores touched = store.scoreTouched(asOf);
    assertEquals(ENTITIES, touched.size());
    for (int row = 0; row < ENTITIES; row++) {
      assertEquals(all.entity(row), touched.entity(row));
      assertEquals(all.card(row), touched.card(row), s::toString);
    }
    return store;
  }

  private static void check(
      BatchScores scores,
      List<Entity> entities,
      Scorer reference,
      Instant asOf,
      DifferentialArbitraries.Scenario s) {
    Map<String, Entity> byId = new HashMap<>();
    entities.forEach(e -> byId.put(e.id(), e));
    for (int row = 0; row < scores.size(); row++) {
      Entity e = upTo(byId.get(scores.entity(row)), asOf);
      ScoreCard expected = reference.score(e, asOf);
      assertEquals(expected, scores.card(row), () -> e.id() + " as of " + asOf + "\n" + s);
    }
  }

  private static Entity upTo(Entity e, Instant asOf) {
    return new Entity(
        e.id(), e.traits(), e.events().stream().filter(x -> !x.time().isAfter(asOf)).toList());
  }
}
