package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A batch's {@code card(row)} is built from what the batch holds (BatchResult, CardValues) and
 * equals the reference's card: on every table path (sequential, parallel, column-at-a-time) and in
 * every chunk, for a store's {@code scoreAll} and {@code scoreTouched} beyond one chunk, with
 * hand-off facts that read values no rule shows, and after the store ingested more.
 */
class BatchCardsTest {
  private static final int CHUNK = ChunkEvaluator.CHUNK;

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.undecayedScenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> seedScenarios() {
    return DifferentialArbitraries.seedScenarios();
  }

  @Property(tries = 25)
  void card_tableOfSeveralChunks_equalsReferenceOnEveryPath(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    // A few entities: the scenario's and some of its events' subsets, repeated past two chunks.
    List<Entity> few = new ArrayList<>();
    few.add(s.entity());
    for (int i = 0; i < 4; i++) {
      List<Event> some = new ArrayList<>();
      for (Event e : s.entity().events()) {
        if (r.nextBoolean()) {
          some.add(e);
        }
      }
      few.add(new Entity(s.entity().id(), i % 2 == 0 ? Map.of() : s.entity().traits(), some));
    }
    int size = 2 * CHUNK + 77;
    FeatureTable table = table(s.model(), few, size, s.asOf(), r);
    Scorer reference = Scorer.reference(s.model());
    Map<Integer, ScoreCard> expected = new HashMap<>();
    List<BatchScores> batches =
        List.of(
            new TableScorer(s.model()).score(table, s.asOf()),
            new TableScorer(s.model()).scoreInParallel(table, s.asOf()),
            TableScorer.columnAtATime(s.model()).score(table, s.asOf()));
    for (int row : rows(size, r)) {
      Entity e = renamed(few.get(row % few.size()), "t" + row);
      ScoreCard card = expected.computeIfAbsent(row, x -> reference.score(e, s.asOf()));
      for (BatchScores b : batches) {
        assertEquals(card, b.card(row), () -> "row " + row + "\n" + s);
        assertEquals(card.score(), b.score(row));
      }
    }
  }

  @Property(tries = 3)
  void card_storeBeyondOneChunk_equalsReference(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    ColumnarStore store =
        new ColumnarStore(
            s.model(),
            AccountRule.standard(),
            java.time.Clock.systemUTC(),
            java.time.temporal.ChronoUnit.FOREVER.getDuration());
    Map<String, Entity> entities = new HashMap<>();
    // The generator dates an event up to a second after the scenario's instant (an edge the
    // reference must leave out); a store scores only as of its newest event, so score as of that.
    Instant asOf = s.asOf();
    for (int i = 0; i < CHUNK + 52; i++) {
      Entity e = renamed(DifferentialArbitraries.seedEntity(r, s.asOf()), "u" + i);
      entities.put(e.id(), e);
      store.traits(e.id(), e.traits());
      store.ingest(e.events());
      for (Event event : e.events()) {
        asOf = event.time().isAfter(asOf) ? event.time() : asOf;
      }
    }
    Scorer reference = Scorer.reference(s.model());
    for (BatchScores b : List.of(store.scoreAll(asOf), store.scoreTouched(asOf))) {
      assertEquals(entities.size(), b.size());
      for (int row : rows(b.size(), r)) {
        assertEquals(reference.score(entities.get(b.entity(row)), asOf), b.card(row));
      }
    }
  }

  /**
   * A batch is a snapshot: what the store ingests after it changes neither its scores nor cards.
   */
  @Test
  void card_storeBatchAfterLaterIngest_isTheBatchsOwn() {
    Model model = handoffModel();
    Instant asOf = Instant.parse("2026-11-20T12:00:00Z");
    ColumnarStore store =
        new ColumnarStore(
            model,
            AccountRule.standard(),
            java.time.Clock.systemUTC(),
            java.time.temporal.ChronoUnit.FOREVER.getDuration());
    store.traits("u1", Map.of("employees", Value.num(800), "customer", Value.bool(false)));
    store.ingest(Event.of("u1", "invite_sent", asOf.minus(Duration.ofDays(2))));
    ScoreCard before = store.score("u1", asOf);
    BatchScores batch = store.scoreAll(asOf);
    // An event older than T, inside the span, and one after T: both accepted by the store.
    store.ingest(Event.of("u1", "invite_sent", asOf.minus(Duration.ofDays(1))));
    store.ingest(Event.of("u2", "invite_sent", asOf.plus(Duration.ofHours(1))));
    assertEquals(before, batch.card(0));
    assertEquals(before.score(), batch.score(0));
  }

  @Test
  void card_handoffReadingValuesNoRuleShows_storeAndTableEqualReference() {
    Model model = handoffModel();
    Instant asOf = Instant.parse("2026-11-20T12:00:00Z");
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Entity.Builder b = Entity.builder("u" + i);
      if (i % 3 != 0) {
        b.trait("employees", 200 * i);
      }
      if (i % 4 != 0) {
        b.trait("customer", i % 5 == 0);
      }
      for (int k = 0; k < i; k++) {
        b.event(
            Event.of(
                "u" + i,
                k % 2 == 0 ? "invite_sent" : "page_viewed",
                asOf.minus(Duration.ofHours(11L * k + i))));
      }
      entities.add(b.build());
    }
    ColumnarStore store =
        new ColumnarStore(
            model,
            AccountRule.standard(),
            java.time.Clock.systemUTC(),
            java.time.temporal.ChronoUnit.FOREVER.getDuration());
    for (Entity e : entities) {
      store.traits(e.id(), e.traits());
      store.ingest(e.events());
    }
    assertTrue(ColumnarStore.bucketed(model));
    Scorer reference = Scorer.reference(model);
    BatchScores stored = store.scoreAll(asOf);
    BatchScores tabled = new TableScorer(model).score(table(model, entities, asOf), asOf);
    Map<String, Entity> byId = new HashMap<>();
    entities.forEach(e -> byId.put(e.id(), e));
    for (int row = 0; row < entities.size(); row++) {
      assertEquals(reference.score(byId.get(stored.entity(row)), asOf), stored.card(row));
      assertEquals(reference.score(entities.get(row), asOf), tabled.card(row));
    }
  }

  /**
   * Rules show only the invites; the exclusion reads {@code customer}, a tier reads page views, and
   * the hand-off reads all three and the score: values a batch keeps only for its cards.
   */
  private static Model handoffModel() {
    Expr invites = Expr.agg(Aggregate.count("invite_sent"), Window.days(30));
    Expr views = Expr.agg(Aggregate.count(EventFilter.of("page_viewed")), Window.days(7));
    return Model.builder("batch_cards")
        .trait("employees", TraitType.NUMBER)
        .trait("customer", TraitType.BOOL)
        .category(
            "collaboration",
            c ->
                c.rule("invites_1", invites.ge(1), 30, "Invited a teammate")
                    .rule("invites_3", invites.ge(3), 40, "Invited three teammates"))
        .exclude(Expr.trait("customer").eq(true), "existing customer")
        .tier("hot", Expr.score().ge(60).and(views.ge(2)))
        .tier("warm", Expr.score().ge(30))
        .handoff(
            Handoff.builder()
                .queue("ae", "Named AE", Duration.ofHours(4))
                .segment("big", Expr.trait("employees").ge(1000))
                .trigger("browsing", "Browsing", Handoff.Level.LOW, views.ge(3), "ae")
                .suppress(Expr.trait("customer").eq(true), "existing customer")
                .hold("hot", Expr.score().ge(50))
                .context("views", views)
                .context("employees", Expr.trait("employees"))
                .build())
        .build();
  }

  /** Rows at and around every chunk edge, and a few others. */
  private static TreeSet<Integer> rows(int size, Random r) {
    TreeSet<Integer> rows = new TreeSet<>();
    for (int edge = 0; edge <= size; edge += CHUNK) {
      for (int row = edge - 1; row <= edge; row++) {
        if (row >= 0 && row < size) {
          rows.add(row);
        }
      }
    }
    rows.add(size - 1);
    for (int i = 0; i < 8; i++) {
      rows.add(r.nextInt(size));
    }
    return rows;
  }

  private static FeatureTable table(Model model, List<Entity> entities, Instant asOf) {
    return table(model, entities, entities.size(), asOf, new Random(1));
  }

  /**
   * {@code size} rows, row i the features of {@code entities.get(i % entities.size())} renamed "t"
   * + i (the entities' own ids when there are as many rows as entities); whole-number columns are
   * long[] at random.
   */
  private static FeatureTable table(
      Model model, List<Entity> entities, int size, Instant asOf, Random r) {
    FastScorer fast = new FastScorer(model);
    List<Map<String, Optional<Value>>> features = new ArrayList<>();
    for (Entity e : entities) {
      features.add(fast.features(e, asOf));
    }
    Map<String, Value[]> columns = new LinkedHashMap<>();
    for (int row = 0; row < size; row++) {
      for (Map.Entry<String, Optional<Value>> e : features.get(row % entities.size()).entrySet()) {
        columns.computeIfAbsent(e.getKey(), k -> new Value[size])[row] = e.getValue().orElse(null);
      }
    }
    List<String> ids = new ArrayList<>();
    for (int row = 0; row < size; row++) {
      ids.add(size == entities.size() ? entities.get(row).id() : "t" + row);
    }
    FeatureTable.Builder b = FeatureTable.builder(ids);
    columns.forEach(
        (key, values) -> {
          boolean numberTrait =
              model.trait(key).map(t -> t.type() == TraitType.NUMBER).orElse(true);
          long[] longs = new long[size];
          BitSet missing = new BitSet();
          boolean whole = numberTrait && r.nextBoolean();
          for (int i = 0; i < size && whole; i++) {
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
          if (whole && missing.cardinality() < size) {
            b.column(key, longs, missing);
          } else {
            b.column(key, values);
          }
        });
    return b.build();
  }

  private static Entity renamed(Entity e, String id) {
    List<Event> events = new ArrayList<>();
    for (Event x : e.events()) {
      events.add(new Event(id, x.account(), x.name(), x.time(), x.properties()));
    }
    return new Entity(id, e.traits(), events);
  }
}
