package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.input.EventColumns;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.Stores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityStoreColumnsTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  /** A model reading a property in a where-condition and another in a distinct aggregate. */
  private static Model model(EntityKind kind, boolean anyEvent) {
    Expr pings =
        Expr.agg(Aggregate.count(EventFilter.of("ping").where(Expr.prop("plan").eq("pro"))));
    Expr pages = Expr.agg(Aggregate.distinct(EventFilter.of("view"), "page"), Window.days(7));
    return Model.builder("m")
        .entity(kind)
        .category(
            "c",
            c -> {
              c.rule("pings", pings.ge(1), 10, "pings").rule("pages", pages.ge(2), 5, "pages");
              if (anyEvent) {
                c.rule("any", Expr.agg(Aggregate.count(EventFilter.any())).ge(3), 1, "any");
              }
            })
        .build();
  }

  @Test
  void properties_whereAndAggregateProperties_inColumnOrder() {
    EntityStore store = Stores.anyDate(model(EntityKind.USER, false));
    assertEquals(List.of("plan", "page"), store.properties());
  }

  @Test
  void eventCode_nameNoFilterReads_isMinusOneUnlessAFilterReadsAnyName() {
    EntityStore named = Stores.anyDate(model(EntityKind.USER, false));
    assertEquals(0, named.eventCode("ping"));
    assertEquals(1, named.eventCode("view"));
    assertEquals(-1, named.eventCode("other"));
    EntityStore any = Stores.anyDate(model(EntityKind.USER, true));
    int other = any.eventCode("other");
    assertTrue(other >= 2, "a code of its own: " + other);
    assertEquals(other, any.eventCode("other"));
    assertThrows(IllegalArgumentException.class, () -> any.eventCode(" bad"));
  }

  @Test
  void ingest_rowsOfEveryKind_sameCardsAndStatsAsEvents() {
    Model model = model(EntityKind.USER, true);
    EntityStore byEvents = Stores.anyDate(model);
    EntityStore byColumns = Stores.anyDate(model);
    List<Event> events =
        List.of(
            Event.of("u1", "ping", T).withProperty("plan", "pro"),
            Event.of("u1", "ping", T).withProperty("plan", "free"),
            Event.of("u1", "view", T).withProperty("page", 3),
            Event.of("u1", "view", T).withProperty("page", "3"),
            Event.of("u2", "other", T));
    byEvents.ingest(events);
    EventColumns batch = new EventColumns(2);
    int u1 = byColumns.index("u1");
    batch.add(u1, byColumns.eventCode("ping"), T);
    batch.setString(0, "pro");
    batch.add(u1, byColumns.eventCode("ping"), T);
    batch.setString(0, "free");
    batch.add(u1, byColumns.eventCode("view"), T);
    batch.setLong(1, 3);
    batch.add(u1, byColumns.eventCode("view"), T);
    batch.setString(1, "3");
    batch.add(byColumns.index("u2"), byColumns.eventCode("other"), T);
    assertEquals(5, byColumns.ingest(batch));
    assertEquals(byEvents.stats(), byColumns.stats());
    assertEquals(byEvents.score("u1", T), byColumns.score("u1", T));
    assertEquals(byEvents.score("u2", T), byColumns.score("u2", T));
    // pings (the pro one), pages (3 and "3" are two pages), any (four events).
    assertEquals(16, byColumns.score("u1", T).score().hundredths() / 100);
  }

  @Test
  void index_afterALinkMergedIt_rowsCountForThePerson() {
    EntityStore store = Stores.anyDate(model(EntityKind.USER, false));
    int anonymous = store.index("anon");
    int known = store.index("u1");
    assertNotEquals(anonymous, known);
    assertEquals(anonymous, store.index("anon"));
    EventColumns batch = new EventColumns(2);
    batch.add(anonymous, store.eventCode("ping"), T);
    batch.setString(0, "pro");
    store.ingest(batch);
    store.link("anon", "u1");
    assertEquals(known, store.index("anon"));
    batch.clear();
    batch.add(anonymous, store.eventCode("view"), T);
    batch.setLong(1, 1);
    batch.add(anonymous, store.eventCode("view"), T);
    batch.setLong(1, 2);
    store.ingest(batch);
    assertEquals(1, store.size());
    assertEquals(15, store.score("u1", T).score().hundredths() / 100);
    assertEquals(store.score("u1", T), store.score("anon", T));
  }

  @Test
  void index_afterARestore_isTheWritersIndex() throws java.io.IOException {
    Model model = model(EntityKind.USER, true);
    EntityStore store = Stores.anyDate(model);
    List<Integer> indexes = List.of(store.index("b"), store.index("a"), store.index("c"));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    store.snapshot(out);
    EntityStore restored =
        EntityStore.builder(model)
            .maxSkew(java.time.temporal.ChronoUnit.FOREVER.getDuration())
            .restore(new java.io.ByteArrayInputStream(out.toByteArray()));
    assertEquals(indexes, List.of(restored.index("b"), restored.index("a"), restored.index("c")));
    assertEquals(store.eventCode("ping"), restored.eventCode("ping"));
  }

  @Test
  void index_accountModel_namesTheAccountAsAnEventOfTheAccountAlone() {
    Model model = model(EntityKind.ACCOUNT, false);
    EntityStore byEvents = Stores.anyDate(model);
    EntityStore byColumns = Stores.anyDate(model);
    byEvents.ingest(Event.ofAccount("acme", "ping", T).withProperty("plan", "pro"));
    EventColumns batch = new EventColumns(2);
    batch.add(byColumns.index("acme"), byColumns.eventCode("ping"), T);
    batch.setString(0, "pro");
    assertEquals(1, byColumns.ingest(batch));
    assertEquals(byEvents.score("acme", T), byColumns.score("acme", T));
    assertEquals(byEvents.stats(), byColumns.stats());
  }

  @Test
  void ingest_aRowTheStoreCannotRead_refusedNamingTheRowAndNothingIngested() {
    EntityStore store = Stores.anyDate(model(EntityKind.USER, false));
    int u1 = store.index("u1");
    EventColumns batch = new EventColumns(2);
    batch.add(u1, store.eventCode("ping"), T);
    batch.add(u1 + 1, store.eventCode("ping"), T);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.ingest(batch));
    assertTrue(e.getMessage().startsWith("batch: row 1's entity 1"), e.getMessage());
    batch.clear();
    batch.add(u1, store.eventCode("ping"), T);
    batch.add(u1, 7, T);
    e = assertThrows(IllegalArgumentException.class, () -> store.ingest(batch));
    assertTrue(e.getMessage().startsWith("batch: row 1's event code 7"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> store.ingest(new EventColumns(1)));
    assertTrue(e.getMessage().startsWith("batch: has 1 property columns"), e.getMessage());
    assertEquals(0, store.stats().accepted());
    assertThrows(NullPointerException.class, () -> store.ingest((EventColumns) null));
    assertThrows(IllegalArgumentException.class, () -> store.index(""));
  }
}
