package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** {@link EntityStore#scoreAll(Instant, long[], int[], long[])} and its executor form. */
class EntityStoreArraysTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private static final Executor DIRECT = Runnable::run;

  // busy: 2+ pings within 7 days, +10; buyer: a purchase ever, +30. hot from 30, warm from 10.
  private static final Model MODEL =
      Model.builder("m")
          .category(
              "usage",
              c ->
                  c.rule(
                          "busy",
                          Expr.agg(Aggregate.count("ping"), Window.days(7)).ge(2),
                          10,
                          "busy")
                      .rule("buyer", Expr.agg(Aggregate.count("buy")).ge(1), 30, "buyer"))
          .tier("hot", Expr.score().ge(30))
          .tier("warm", Expr.score().ge(10))
          .build();

  private static EntityStore store() {
    EntityStore store = Stores.anyDate(MODEL);
    store.ingest(Event.of("u0", "ping", T.minus(Duration.ofDays(1))));
    store.ingest(Event.of("u0", "ping", T.minus(Duration.ofDays(2))));
    store.ingest(Event.of("u1", "buy", T.minus(Duration.ofDays(40))));
    store.traits("u2", Map.of());
    return store;
  }

  @Test
  void scoreAll_intoArrays_writesEachIndexsScoreTierAndFiredRules() {
    EntityStore store = store();
    assertEquals(3, store.indexes());
    assertEquals(List.of("u0", "u1", "u2"), List.of(store.id(0), store.id(1), store.id(2)));
    assertEquals(List.of("hot", "warm"), store.tierNames());
    assertEquals(1, store.firedStride());
    long[] scores = new long[3];
    int[] tiers = new int[3];
    long[] fired = new long[3];
    assertEquals(3, store.scoreAll(T, scores, tiers, fired));
    assertArrayEquals(new long[] {1000, 3000, 0}, scores);
    assertArrayEquals(new int[] {1, 0, -1}, tiers);
    assertArrayEquals(new long[] {0b01, 0b10, 0}, fired);

    // Score and tier only, on an executor, into arrays reused from the pass before.
    store.ingest(Event.of("u2", "buy", T));
    assertEquals(3, store.scoreAll(T, scores, tiers, null, DIRECT, 2));
    assertArrayEquals(new long[] {1000, 3000, 3000}, scores);
    assertArrayEquals(new int[] {1, 0, 0}, tiers);
  }

  @Test
  void scoreAll_intoArraysAfterALinkMergedAnEntity_marksItsIndexMerged() {
    EntityStore store = store();
    store.ingest(Event.of("anon", "buy", T.minus(Duration.ofDays(3))));
    store.link("anon", "u0");
    assertEquals(4, store.indexes());
    assertEquals(3, store.size());
    assertEquals("anon", store.id(3));
    long[] scores = new long[4];
    int[] tiers = new int[4];
    long[] fired = new long[4];
    store.scoreAll(T, scores, tiers, fired, DIRECT, 1);
    assertArrayEquals(new long[] {4000, 3000, 0, 0}, scores);
    assertArrayEquals(new int[] {0, 0, -1, EntityStore.MERGED}, tiers);
    assertArrayEquals(new long[] {0b11, 0b10, 0, 0}, fired);
  }

  @Test
  void scoreAll_intoArraysOfAnEmptyStore_scoresNothing() {
    EntityStore store = Stores.anyDate(MODEL);
    assertEquals(0, store.scoreAll(T, new long[0], new int[0], null));
    assertEquals(0, store.scoreAll(T, new long[0], new int[0], new long[0], DIRECT, 2));
  }

  @Test
  void scoreAll_intoArraysTooShort_throwsNamingTheArray() {
    EntityStore store = store();
    assertMessage("scores:", () -> store.scoreAll(T, new long[2], new int[3], null));
    assertMessage("tiers:", () -> store.scoreAll(T, new long[3], new int[2], null));
    assertMessage("fired:", () -> store.scoreAll(T, new long[3], new int[3], new long[2]));
    assertMessage("tasks:", () -> store.scoreAll(T, new long[3], new int[3], null, DIRECT, 0));
    assertThrows(NullPointerException.class, () -> store.scoreAll(T, null, new int[3], null));
    assertThrows(NullPointerException.class, () -> store.scoreAll(T, new long[3], null, null));
    assertThrows(
        NullPointerException.class,
        () -> store.scoreAll(T, new long[3], new int[3], null, null, 1));
    assertThrows(
        NullPointerException.class, () -> store.scoreAll(null, new long[3], new int[3], null));
    assertMessage(
        "asOf:", () -> store.scoreAll(T.minus(Duration.ofDays(30)), new long[3], new int[3], null));
  }

  @Test
  void id_indexOutsideTheStore_throwsNamingIt() {
    EntityStore store = store();
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> store.id(3));
    assertTrue(e.getMessage().startsWith("index: 3"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> store.id(-1));
  }

  @Test
  void scoreAll_intoArraysWithTraits_equalsTheBatch() {
    Model model =
        Model.builder("fit")
            .trait("employees", dev.pls.core.model.TraitType.INT)
            .category("fit", c -> c.rule("big", Expr.trait("employees").ge(50), 10, "big"))
            .tier("fit", Expr.score().ge(10))
            .build();
    EntityStore store = Stores.anyDate(model);
    for (int i = 0; i < 5_000; i++) {
      store.traits("u" + i, Map.of("employees", Value.num(i % 100)));
    }
    StoreArrays.check(StoreArrays.of(store), store.scoreAll(T), T, 1, () -> "traits");
  }

  private static void assertMessage(String start, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
