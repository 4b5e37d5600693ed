package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Scoring from a feature table gives the reference evaluator's cards, row by row. */
class FeatureTableDifferentialProperties {

  @Provide
  net.jqwik.api.Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.undecayedScenarios();
  }

  @Property(tries = 150)
  void score_tableOfComputedFeatures_equalsReferenceCards(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Entity> entities = new ArrayList<>();
    entities.add(s.entity());
    for (int i = 1; i < 5; i++) {
      Entity e = DifferentialArbitraries.entity(r, ZoneId.of("UTC"), s.asOf());
      entities.add(renamed(e, "u" + (i + 1)));
    }
    FeatureTable table = table(s.model(), entities, s.asOf(), r);
    TableScorer scorer = new TableScorer(s.model());
    BatchScores sequential = scorer.score(table, s.asOf());
    BatchScores parallel = scorer.scoreInParallel(table, s.asOf());
    Scorer reference = Scorer.reference(s.model());
    for (int row = 0; row < entities.size(); row++) {
      ScoreCard expected = reference.score(entities.get(row), s.asOf());
      int at = row;
      assertEquals(expected, sequential.card(row), () -> "row " + at + "\n" + s);
      assertEquals(expected.score(), sequential.score(row), s::toString);
      assertEquals(expected.tier(), sequential.tier(row), s::toString);
      assertEquals(expected.isExcluded(), sequential.excluded(row), s::toString);
      assertEquals(
          expected.contributions().stream().map(c -> c.ruleId()).toList(),
          sequential.firedRules(row),
          s::toString);
      assertEquals(sequential.firedRules(row), parallel.firedRules(row));
      assertEquals(sequential.scoreHundredths(row), parallel.scoreHundredths(row));
    }
  }

  /**
   * A table of more than two chunks (rows repeating a few entities) scores each row as the few
   * entities' own table does, which the property above checks against the reference: chunk edges
   * and missing rows beyond the first 64 take the same paths as the first rows.
   */
  @Property(tries = 25)
  void score_tableSpanningChunks_equalsScoresOfItsRepeatedRows(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Entity> few = new ArrayList<>();
    few.add(s.entity());
    for (int i = 1; i < 5; i++) {
      Entity e = DifferentialArbitraries.entity(r, ZoneId.of("UTC"), s.asOf());
      few.add(renamed(e, "u" + (i + 1)));
    }
    List<Entity> many = new ArrayList<>();
    for (int i = 0; i < 2 * 2048 + 77; i++) {
      many.add(renamed(few.get(i % few.size()), "t" + i));
    }
    // The same seed makes the same choice of long[] or Value[] per column in both tables.
    FeatureTable small = table(s.model(), few, s.asOf(), new Random(seed));
    FeatureTable large = table(s.model(), many, s.asOf(), new Random(seed));
    TableScorer scorer = new TableScorer(s.model());
    BatchScores expected = scorer.score(small, s.asOf());
    BatchScores sequential = scorer.score(large, s.asOf());
    BatchScores parallel = scorer.scoreInParallel(large, s.asOf());
    for (int row = 0; row < many.size(); row++) {
      int at = row % few.size();
      for (BatchScores actual : List.of(sequential, parallel)) {
        assertEquals(expected.scoreHundredths(at), actual.scoreHundredths(row), s::toString);
        assertEquals(expected.tier(at), actual.tier(row), s::toString);
        assertEquals(expected.excluded(at), actual.excluded(row), s::toString);
        assertEquals(expected.firedRules(at), actual.firedRules(row), s::toString);
      }
    }
  }

  @Provide
  net.jqwik.api.Arbitrary<DifferentialArbitraries.Scenario> seedScenarios() {
    return DifferentialArbitraries.seedScenarios();
  }

  /** The seed template scored by its generated loop gives the reference's cards. */
  @Property(tries = 40)
  void score_seedTemplateTable_generatedLoopEqualsReferenceCards(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      entities.add(renamed(DifferentialArbitraries.seedEntity(r, s.asOf()), "u" + i));
    }
    FeatureTable table = table(s.model(), entities, s.asOf(), r);
    TableScorer scorer = new TableScorer(s.model());
    assertTrue(scorer.generates(table), "the seed template's loop is generated");
    BatchScores scores = scorer.score(table, s.asOf());
    Scorer reference = Scorer.reference(s.model());
    for (int row = 0; row < entities.size(); row++) {
      ScoreCard expected = reference.score(entities.get(row), s.asOf());
      assertEquals(expected, scores.card(row), s::toString);
      assertEquals(expected.score(), scores.score(row), s::toString);
      assertEquals(expected.tier(), scores.tier(row), s::toString);
      assertEquals(
          expected.contributions().stream().map(c -> c.ruleId()).toList(),
          scores.firedRules(row),
          s::toString);
    }
  }

  /**
   * The generated loop and the column-at-a-time path agree on every row of generated models, also
   * for whole numbers no entity's events give: beyond a division's guard (those chunks must go to
   * the generic node, as the column path sends them), at the ends of long's range, and next to the
   * bounds of the models' comparisons.
   */
  @Provide
  net.jqwik.api.Arbitrary<DifferentialArbitraries.Scenario> loopScenarios() {
    return DifferentialArbitraries.loopScenarios();
  }

  @Property(tries = 150)
  void score_generatedLoop_equalsColumnAtATime(
      @ForAll("loopScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Entity> entities = new ArrayList<>();
    entities.add(s.entity());
    for (int i = 1; i < 70; i++) {
      Entity e = DifferentialArbitraries.entity(r, ZoneId.of("UTC"), s.asOf());
      entities.add(renamed(e, "u" + (i + 1)));
    }
    FeatureTable table = table(s.model(), entities, s.asOf(), r, new Random(seed + 1));
    TableScorer generated = new TableScorer(s.model());
    assertTrue(generated.generates(table), s::toString);
    BatchScores expected = TableScorer.columnAtATime(s.model()).score(table, s.asOf());
    BatchScores actual = generated.score(table, s.asOf());
    for (int row = 0; row < entities.size(); row++) {
      int at = row;
      assertEquals(expected.scoreHundredths(row), actual.scoreHundredths(row), () -> at + "\n" + s);
      assertEquals(expected.tier(row), actual.tier(row), () -> at + "\n" + s);
      assertEquals(expected.excluded(row), actual.excluded(row), () -> at + "\n" + s);
      assertEquals(expected.firedRules(row), actual.firedRules(row), () -> at + "\n" + s);
    }
    assertEquals(expected.card(0), actual.card(0), s::toString);
  }

  private static final long[] EXTREMES = {
    Long.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE - 1,
    1_000_000_000_000_000L,
    1_000_000_000_000_001L,
    -1_000_000_000_000_000L,
    -1_000_000_000_000_001L,
    999_999_999_999_999L,
    -1,
    0,
    1,
    2,
    3,
    9,
    10,
    30,
    31
  };

  private static Entity renamed(Entity e, String id) {
    List<dev.pls.core.input.Event> events = new ArrayList<>();
    for (dev.pls.core.input.Event x : e.events()) {
      events.add(new dev.pls.core.input.Event(id, x.account(), x.name(), x.time(), x.properties()));
    }
    return new Entity(id, e.traits(), events);
  }

  /** Columns from the fast evaluator's features: long[] where possible, unless told otherwise. */
  static FeatureTable table(Model model, List<Entity> entities, Instant asOf, Random r) {
    return table(model, entities, asOf, r, null);
  }

  /**
   * Like {@link #table(Model, List, Instant, Random)}; when {@code extremes} is not null, in each
   * long column with even odds a few rows (missing or not) are set to an extreme or boundary value.
   */
  static FeatureTable table(
      Model model, List<Entity> entities, Instant asOf, Random r, Random extremes) {
    FastScorer fast = new FastScorer(model);
    Map<String, Value[]> columns = new LinkedHashMap<>();
    for (int row = 0; row < entities.size(); row++) {
      for (Map.Entry<String, Optional<Value>> e :
          fast.features(entities.get(row), asOf).entrySet()) {
        columns.computeIfAbsent(e.getKey(), k -> new Value[entities.size()])[row] =
            e.getValue().orElse(null);
      }
    }
    FeatureTable.Builder b = FeatureTable.builder(entities.stream().map(Entity::id).toList());
    columns.forEach(
        (key, values) -> {
          long[] longs = new long[values.length];
          BitSet missing = new BitSet();
          // An all-missing column could be of any type: only Value[] says nothing about it.
          boolean whole =
              r.nextInt(4) != 0 && java.util.Arrays.stream(values).anyMatch(v -> v != null);
          for (int i = 0; i < values.length && whole; i++) {
            if (values[i] == null) {
              missing.set(i);
            } else if (values[i] instanceof Value.Num n
                && n.value().scale() <= 0
                && n.value().precision() - n.value().scale() <= 18) {
              longs[i] = n.value().longValueExact();
            } else {
              whole = false;
            }
          }
          boolean isTraitOfOtherType =
              model
                  .trait(key)
                  .map(t -> t.type().valueType() != dev.pls.core.model.ValueType.NUMBER)
                  .orElse(false);
          if (whole && !isTraitOfOtherType) {
            if (extremes != null && extremes.nextBoolean()) {
              for (int k = 1 + extremes.nextInt(4); k > 0; k--) {
                longs[extremes.nextInt(longs.length)] = EXTREMES[extremes.nextInt(EXTREMES.length)];
              }
            }
            b.column(key, longs, missing);
          } else {
            b.column(key, values);
          }
        });
    return b.build();
  }
}
