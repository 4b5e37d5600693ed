package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.EntityStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
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

  @Test
  void failureOnTheIngestThread_isRethrownOnTheReaders() {
    RuntimeException boom = new IllegalStateException("boom");
    EntityStore failing =
        (EntityStore)
            Proxy.newProxyInstance(
                EntityStore.class.getClassLoader(),
                new Class<?>[] {EntityStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("ingest") && args[0] instanceof Collection<?>) {
                    throw boom;
                  }
                  throw new AssertionError("not called: " + method.getName());
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
