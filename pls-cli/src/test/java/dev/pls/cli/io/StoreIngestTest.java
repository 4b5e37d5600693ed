package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.input.EventColumns;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.EntityStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreIngestTest {
  private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
  private static final Model MODEL =
      Model.builder("m")
          .category("c", c -> c.rule("seen", Expr.occurred("login"), 5, "Seen"))
          .build();

  private static Event login(String user, Instant t) {
    return new Event(user, Optional.empty(), "login", t, Map.of());
  }

  @Test
  void events_goToTheStoreAndTheRestToTheAssembler() {
    EntityStore store = EntityStore.create(MODEL);
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    StoreIngest sink = new StoreIngest(store, assembler, AS_OF, ZoneOffset.UTC, null);
    for (int i = 0; i < 5_000; i++) {
      sink.event(login("u" + (i % 7), AS_OF.minusSeconds(i)));
    }
    sink.event(login("late", AS_OF.plusSeconds(1)));
    sink.traits(EntityKind.USER, "u1", Map.of());
    sink.finish();

    assertEquals(5_000, store.stats().accepted());
    assertEquals(5_001, assembler.eventCount());
    assertEquals(1, sink.outside());
    assertEquals(Optional.of(AS_OF.plusSeconds(1)), sink.newest());
    assertEquals(8, assembler.users().size());
  }

  /**
   * A flat line's fields (FlatEvents.Rows) and an Event taken apart give the store the same rows:
   * where-conditions on a string, a boolean, a whole number and a decimal read alike, and a
   * property the model does not read is left out.
   */
  private static Expr seen(Expr where) {
    return Expr.agg(
            dev.pls.core.model.Aggregate.count(dev.pls.core.model.EventFilter.of("e").where(where)))
        .ge(1);
  }

  @Test
  void rowsAndEvents_sameStoreState() {
    Model model =
        Model.builder("m")
            .category(
                "c",
                c ->
                    c.rule("s", seen(Expr.prop("s").eq("x")), 1, "s")
                        .rule("b", seen(Expr.prop("b").eq(true)), 2, "b")
                        .rule("n", seen(Expr.prop("n").gt(2)), 4, "n")
                        .rule(
                            "d", seen(Expr.prop("d").gt(new java.math.BigDecimal("0.5"))), 8, "d"))
            .build();
    EntityStore byRows = EntityStore.create(model);
    EntityStore byEvents = EntityStore.create(model);
    StoreIngest rows =
        new StoreIngest(
            byRows, EntityAssembler.create(AccountRule.standard()), AS_OF, ZoneOffset.UTC, null);
    StoreIngest events =
        new StoreIngest(
            byEvents, EntityAssembler.create(AccountRule.standard()), AS_OF, ZoneOffset.UTC, null);
    List<String> keys = List.of("s", "b", "n", "d", "other");
    for (int i = 0; i < 3_000; i++) {
      List<dev.pls.core.model.Value> values =
          new java.util.ArrayList<>(
              List.of(
                  dev.pls.core.model.Value.str(i % 3 == 0 ? "x" : "y"),
                  dev.pls.core.model.Value.bool(i % 5 == 0),
                  dev.pls.core.model.Value.num(i % 4),
                  dev.pls.core.model.Value.num(new java.math.BigDecimal(i % 7 + "e-1")),
                  dev.pls.core.model.Value.str("ignored")));
      if (i % 11 == 0) {
        values.set(1, null);
      }
      String user = "u" + (i % 13);
      Instant t = AS_OF.minusSeconds(97L * i);
      rows.row(user, null, "e", t, keys, values);
      Map<String, dev.pls.core.model.Value> props = new java.util.LinkedHashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        if (values.get(k) != null) {
          props.put(keys.get(k), values.get(k));
        }
      }
      events.event(new Event(user, Optional.empty(), "e", t, props));
    }
    rows.finish();
    events.finish();
    assertEquals(byEvents.stats(), byRows.stats());
    for (int u = 0; u < 13; u++) {
      assertEquals(byEvents.score("u" + u, AS_OF), byRows.score("u" + u, AS_OF));
    }
    assertEquals(15, byRows.score("u0", AS_OF).score().hundredths() / 100);
  }

  @Test
  void failureOnTheIngestThread_isRethrownOnTheReaders() {
    RuntimeException boom = new IllegalStateException("boom");
    EntityStore failing =
        (EntityStore)
            Proxy.newProxyInstance(
                EntityStore.class.getClassLoader(),
                new Class<?>[] {EntityStore.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "properties" -> List.of();
                      case "index", "eventCode" -> 0;
                      case "ingest" -> {
                        if (args[0] instanceof EventColumns) {
                          throw boom;
                        }
                        throw new AssertionError("ingest of events, not of columns");
                      }
                      default -> throw new AssertionError("not called: " + method.getName());
                    });
    StoreIngest sink =
        new StoreIngest(
            failing, EntityAssembler.create(AccountRule.standard()), AS_OF, ZoneOffset.UTC, null);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> {
              // More batches than the queue holds: the reader must not block on a failed store.
              for (int i = 0; i < 20_000; i++) {
                sink.event(login("u", AS_OF));
              }
              sink.finish();
            });
    assertSame(boom, e.getCause());
  }
}
