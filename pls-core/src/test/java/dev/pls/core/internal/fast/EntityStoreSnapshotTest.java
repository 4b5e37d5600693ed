package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.SeedTemplate;
import dev.pls.core.testing.SetClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store's snapshot restores an equal store, and a snapshot that cannot is refused, saying why.
 */
class EntityStoreSnapshotTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  /** An hourly model: the row layout, with sums of a property (decimals) and distinct values. */
  private static Model hourly(int points) {
    return Model.builder("hourly")
        .resolution(Resolution.HOUR)
        .trait("plan", TraitType.STRING)
        .category(
            "c",
            c ->
                c.rule(
                        "spent",
                        Expr.agg(Aggregate.sum(EventFilter.of("purchase"), "amount"))
                            .ge(new BigDecimal("10.5")),
                        points,
                        "spent")
                    .rule(
                        "pages",
                        Expr.agg(
                                Aggregate.distinct(EventFilter.of("view"), "page"), Window.hours(6))
                            .ge(2),
                        5,
                        "pages"))
        .build();
  }

  private static List<Event> hourlyEvents(String user, Instant base) {
    return List.of(
        Event.of(user, "purchase", base.minus(Duration.ofDays(400)))
            .withProperty("amount", Value.num(new BigDecimal("4.50"))),
        Event.of(user, "purchase", base.minus(Duration.ofHours(2)))
            .withProperty("amount", Value.num(new BigDecimal("6.25"))),
        Event.of(user, "view", base.minus(Duration.ofHours(1)))
            .withProperty("page", Value.str("/a")),
        Event.of(user, "view", base).withProperty("page", Value.str("/b")));
  }

  private static List<Event> seedEvents(String user, Instant base) {
    return List.of(
        Event.of(user, "invite_sent", base.minus(Duration.ofDays(500))),
        Event.of(user, "invite_sent", base.minus(Duration.ofDays(3))),
        Event.of(user, "api_called", base.minus(Duration.ofHours(5))),
        Event.of(user, "logged_in", base));
  }

  private static byte[] snapshot(EntityStore store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      store.snapshot(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static EntityStore restore(EntityStore.Builder builder, byte[] bytes) throws IOException {
    return builder.restore(new ByteArrayInputStream(bytes));
  }

  private static void assertSameCards(EntityStore expected, EntityStore actual, Instant asOf) {
    BatchScores a = expected.scoreAll(asOf);
    BatchScores b = actual.scoreAll(asOf);
    assertEquals(a.size(), b.size());
    for (int row = 0; row < a.size(); row++) {
      assertEquals(a.entity(row), b.entity(row));
      assertEquals(a.card(row), b.card(row), a.entity(row));
    }
  }

  @Test
  void restore_dayBucketStore_givesIdenticalCardsAndIdenticalFurtherIngest() throws IOException {
    SetClock clock = new SetClock(T);
    EntityStore.Builder builder = EntityStore.builder(SeedTemplate.model()).clock(clock);
    EntityStore store = builder.build();
    assertTrue(ColumnarStore.bucketed(SeedTemplate.model()));
    for (int i = 0; i < 50; i++) {
      store.ingest(seedEvents("u" + i, T.minus(Duration.ofHours(i))));
      store.traits("u" + i, Map.of("employees", Value.num(10 * i)));
    }
    // One held apart: dated after the clock.
    store.ingest(Event.of("u7", "api_called", T.plus(Duration.ofHours(3))));
    EntityStore restored = restore(builder, snapshot(store));
    assertEquals(store.stats(), restored.stats());
    assertEquals(store.watermark(), restored.watermark());
    assertEquals(store.earliestAsOf(), restored.earliestAsOf());
    assertEquals(store.size(), restored.size());
    assertSameCards(store, restored, T);
    assertSameCards(store, restored, T.plus(Duration.ofHours(3)));
    // The same further events into both, past the held one's time: identical again.
    clock.set(T.plus(Duration.ofDays(2)));
    for (int i = 40; i < 60; i++) {
      List<Event> more = seedEvents("u" + i, T.plus(Duration.ofDays(2)));
      store.ingest(more);
      restored.ingest(more);
    }
    assertEquals(store.stats(), restored.stats());
    assertSameCards(store, restored, T.plus(Duration.ofDays(2)));
    assertSameCards(store, restored, T.plus(Duration.ofDays(40)));
    assertEquals(
        store.scoreTouched(T.plus(Duration.ofDays(3))).size(),
        restored.scoreTouched(T.plus(Duration.ofDays(3))).size());
  }

  @Test
  void restore_rowStore_givesIdenticalCardsAndIdenticalFurtherIngest() throws IOException {
    EntityStore.Builder builder = EntityStore.builder(hourly(10)).clock(new SetClock(T));
    EntityStore store = builder.build();
    assertTrue(!ColumnarStore.bucketed(hourly(10)));
    for (int i = 0; i < 20; i++) {
      store.ingest(hourlyEvents("u" + i, T.minus(Duration.ofHours(i))));
      store.traits("u" + i, Map.of("plan", Value.str(i % 2 == 0 ? "pro" : "free")));
    }
    byte[] bytes = snapshot(store);
    EntityStore restored = restore(builder, bytes);
    assertSameCards(store, restored, T);
    // The same state writes the same bytes.
    assertArrayEquals(bytes, snapshot(restored));
    List<Event> more = hourlyEvents("u3", T);
    store.ingest(more);
    restored.ingest(more);
    assertSameCards(store, restored, T);
    assertSameCards(store, restored, T.plus(Duration.ofDays(1)));
    assertEquals(store.stats(), restored.stats());
  }

  @Test
  void restore_accountStore_keepsUsersAccountsForEventsNamingNone() throws IOException {
    Model model =
        Model.builder("accounts")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("r", Expr.agg(Aggregate.count("a")).ge(2), 1, "r"))
            .build();
    EntityStore.Builder builder = EntityStore.builder(model).clock(new SetClock(T));
    EntityStore store = builder.build();
    store.ingest(Event.of("u1", "a", T.minusSeconds(60)).withAccount("acme"));
    store.userTraits("u2", Map.of("email", Value.str("bo@globex.com")));
    EntityStore restored = restore(builder, snapshot(store));
    // Naming no account: u1 counts for acme by its membership, u2 for globex.com by its e-mail.
    for (EntityStore s : List.of(store, restored)) {
      s.ingest(Event.of("u1", "a", T));
      s.ingest(Event.of("u2", "a", T));
      s.ingest(Event.of("u2", "a", T));
    }
    assertSameCards(store, restored, T);
    assertEquals(2, restored.size());
    assertEquals("1", restored.score("acme", T).score().toString());
  }

  @Test
  void restore_accountStore_keepsEventsOfAnAccountAloneHeldApartAndScoresThem() throws IOException {
    Model model =
        Model.builder("accounts")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("r", Expr.agg(Aggregate.count("a")).ge(3), 1, "r"))
            .build();
    SetClock clock = new SetClock(T);
    EntityStore.Builder builder = EntityStore.builder(model).clock(clock);
    EntityStore store = builder.build();
    store.ingest(Event.of("u1", "a", T.minusSeconds(60)).withAccount("acme"));
    store.ingest(Event.ofAccount("acme", "a", T.minusSeconds(30)));
    // Held apart (dated after the clock), so the snapshot writes the event itself: no user.
    store.ingest(Event.ofAccount("acme", "a", T.plusSeconds(600)));
    byte[] bytes = snapshot(store);
    EntityStore restored = restore(builder, bytes);
    assertArrayEquals(bytes, snapshot(restored));
    assertEquals(store.stats(), restored.stats());
    assertEquals(1, restored.size());
    assertEquals("0", restored.score("acme", T).score().toString());
    // The user's event, the account's own and the one held: 3 events of acme.
    assertEquals("1", restored.score("acme", T.plusSeconds(600)).score().toString());
    assertSameCards(store, restored, T.plusSeconds(600));
  }

  @Test
  void restore_versionOneSnapshot_isReadAsItIs() throws IOException {
    // A version 1 snapshot holds no event of an account alone: such a store's reads the same.
    EntityStore store = EntityStore.builder(SeedTemplate.model()).clock(new SetClock(T)).build();
    store.ingest(seedEvents("u1", T));
    store.ingest(Event.of("u2", "api_called", T.plus(Duration.ofHours(1))));
    byte[] bytes = snapshot(store);
    assertEquals(2, bytes[7]);
    EntityStore restored =
        restore(
            EntityStore.builder(SeedTemplate.model()).clock(new SetClock(T)), versionOne(bytes, 2));
    assertSameCards(store, restored, T.plus(Duration.ofHours(1)));
  }

  @Test
  void accountStore_withAnAccountTrait_keysUsersByTheirTraitBeforeTheirDomain() throws IOException {
    Model model =
        Model.builder("accounts")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("r", Expr.agg(Aggregate.count("a")).ge(2), 1, "r"))
            .build();
    EntityStore.Builder builder =
        EntityStore.builder(model)
            .accountRule(dev.pls.core.input.AccountRule.standard().withAccountTrait("org_id"))
            .clock(new SetClock(T));
    EntityStore store = builder.build();
    store.userTraits("u1", Map.of("org_id", Value.num(11), "email", Value.str("a@acme.io")));
    store.userTraits("u2", Map.of("org_id", Value.str("11"), "email", Value.str("b@gmail.com")));
    store.userTraits("u3", Map.of("email", Value.str("c@globex.com")));
    EntityStore restored = restore(builder, snapshot(store));
    for (EntityStore s : List.of(store, restored)) {
      s.ingest(Event.of("u1", "a", T));
      s.ingest(Event.of("u2", "a", T));
      s.ingest(Event.of("u3", "a", T));
    }
    // u1 and u2 are org 11 by their trait; u3, without one, is globex.com by its e-mail.
    assertEquals(2, store.size());
    assertEquals("1", store.score("11", T).score().toString());
    assertEquals("0", store.score("globex.com", T).score().toString());
    assertSameCards(store, restored, T);
  }

  @Test
  void restore_modelWithOtherPoints_isAllowedAndScoresByTheNewPoints() throws IOException {
    EntityStore store = EntityStore.builder(hourly(10)).clock(new SetClock(T)).build();
    store.ingest(hourlyEvents("u1", T));
    EntityStore restored =
        restore(EntityStore.builder(hourly(40)).clock(new SetClock(T)), snapshot(store));
    ScoreCard card = restored.score("u1", T);
    assertEquals("45", card.score().toString());
  }

  @Test
  void restore_modelWhoseWindowChanged_isRefusedNamingWhatChanged() {
    byte[] bytes = snapshot(EntityStore.create(SeedTemplate.model()));
    Model other =
        Model.builder("m")
            .category(
                "c", c -> c.rule("r", Expr.agg(Aggregate.count("x"), Window.days(7)).ge(1), 1, "r"))
            .build();
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> restore(EntityStore.builder(other), bytes));
    assertTrue(
        e.getMessage()
            .startsWith(
                "model: its inputs changed since the snapshot was written, so the state does not"
                    + " fit it; changed: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("aggregates (snapshot: ["), e.getMessage());
  }

  @Test
  void restore_modelOfAnotherResolution_isRefused() {
    byte[] bytes = snapshot(EntityStore.create(hourly(1)));
    Model daily =
        Model.builder("hourly")
            .trait("plan", TraitType.STRING)
            .category(
                "c",
                c ->
                    c.rule(
                        "r",
                        Expr.agg(Aggregate.sum(EventFilter.of("purchase"), "amount")).ge(1),
                        1,
                        "r"))
            .build();
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> restore(EntityStore.builder(daily), bytes));
    assertTrue(
        e.getMessage().contains("resolution (snapshot: [HOUR], model: [DAY])"), e.getMessage());
  }

  @Test
  void restore_emptyInput_isRefused() {
    assertRefused(new byte[0], "snapshot: it is empty");
  }

  @Test
  void restore_wrongMagic_isRefused() {
    byte[] bytes = seedSnapshot();
    bytes[0] = 'X';
    assertRefused(
        bytes, "snapshot: not an entity store snapshot (it does not start with \"PLSS\")");
  }

  /**
   * The version 1 snapshot of a user model's store without links, from its version 2 snapshot
   * {@code v2} of {@code entities} entities: the same bytes without what version 2 appends (the
   * links section, an int count and a long; the traits calls' numbers, an int count and a long per
   * entity), version 1, its body's checksum recomputed.
   */
  private static byte[] versionOne(byte[] v2, int entities) {
    java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(v2);
    int bodyStart = 4 + 4 + 4 + head.getInt(8) + 4;
    int appended = 12 + 4 + 8 * entities;
    int bodyEnd = v2.length - 4 - appended;
    // The links section of a store without links: count 0, refused 0; then the entities' count.
    assertArrayEquals(new byte[12], Arrays.copyOfRange(v2, bodyEnd, bodyEnd + 12));
    assertEquals(entities, java.nio.ByteBuffer.wrap(v2).getInt(bodyEnd + 12));
    byte[] v1 = new byte[bodyEnd + 4];
    System.arraycopy(v2, 0, v1, 0, bodyEnd);
    v1[7] = 1;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(v1, bodyStart, bodyEnd - bodyStart);
    java.nio.ByteBuffer.wrap(v1).putInt(bodyEnd, (int) crc.getValue());
    return v1;
  }

  /**
   * A version 1 snapshot (written before identity links) still restores: the same bytes without
   * what version 2 appends.
   */
  @Test
  void restore_versionOneSnapshot_restoresWithoutLinks() throws IOException {
    EntityStore store = EntityStore.builder(SeedTemplate.model()).clock(new SetClock(T)).build();
    store.ingest(seedEvents("u1", T));
    store.traits("u1", Map.of("employees", Value.num(120)));
    byte[] v1 = versionOne(snapshot(store), 1);
    EntityStore restored =
        restore(EntityStore.builder(SeedTemplate.model()).clock(new SetClock(T)), v1);
    assertEquals(store.score("u1", T), restored.score("u1", T));
    assertEquals(
        new dev.pls.core.input.IdentityGraph.Stats(0, 0, 0, 0, 0), restored.identityStats());
  }

  @Test
  void restore_otherVersion_isRefused() {
    byte[] bytes = seedSnapshot();
    bytes[7] = 3;
    assertRefused(
        bytes,
        "snapshot: format version 3, and this pls reads versions 1 to 2 only; restore it with the"
            + " pls that wrote it");
    bytes[7] = 0;
    assertRefused(
        bytes,
        "snapshot: format version 0, and this pls reads versions 1 to 2 only; restore it with the"
            + " pls that wrote it");
  }

  @Test
  void restore_truncatedAnywhere_isRefusedNeverAWrongState() {
    byte[] bytes = seedSnapshot();
    for (int cut : positions(bytes.length)) {
      if (cut == 0) {
        continue;
      }
      byte[] head = Arrays.copyOf(bytes, cut);
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> restore(EntityStore.builder(SeedTemplate.model()), head),
              "cut at " + cut);
      assertTrue(e.getMessage().startsWith("snapshot: "), e.getMessage());
    }
    assertRefusedStartingWith(Arrays.copyOf(bytes, bytes.length - 1), "snapshot: truncated");
  }

  @Test
  void restore_anyByteCorrupted_isRefusedNeverAWrongState() {
    byte[] bytes = seedSnapshot();
    for (int at : positions(bytes.length)) {
      byte[] bad = bytes.clone();
      bad[at] ^= 0x10;
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> restore(EntityStore.builder(SeedTemplate.model()), bad),
              "byte " + at);
      assertTrue(e.getMessage().startsWith("snapshot: "), e.getMessage());
    }
    // A letter of an id changed: the body still reads, and only its checksum tells.
    byte[] bad = bytes.clone();
    int at = lastIndexOf(bad, "u2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bad[at] = 'e';
    assertRefused(bad, "snapshot: corrupted: the checksum of its body does not match");
  }

  @Test
  void snapshot_duringIngest_isRefused() {
    EntityStore[] store = new EntityStore[1];
    // A clock read inside ingest, so the snapshot runs while an ingest call does.
    java.time.Clock clock =
        new java.time.Clock() {
          @Override
          public Instant instant() {
            if (store[0] != null) {
              var e =
                  assertThrows(
                      IllegalStateException.class,
                      () -> store[0].snapshot(OutputStream.nullOutputStream()));
              assertEquals(
                  "snapshot: 1 ingest or traits calls are running; pause ingest to snapshot",
                  e.getMessage());
            }
            return T;
          }

          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    store[0] = EntityStore.builder(SeedTemplate.model()).clock(clock).build();
    assertTrue(store[0].ingest(Event.of("u1", "invite_sent", T)));
  }

  @Test
  void snapshot_ingestStartingWhileItWrites_leavesBytesThatCannotBeRestored() {
    EntityStore store = EntityStore.builder(SeedTemplate.model()).clock(new SetClock(T)).build();
    store.ingest(seedEvents("u1", T));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream racing =
        new OutputStream() {
          boolean ingested;

          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            if (!ingested && bytes.size() > 40) {
              ingested = true;
              store.ingest(Event.of("u2", "invite_sent", T));
            }
            bytes.write(b, off, len);
          }
        };
    var e = assertThrows(IllegalStateException.class, () -> store.snapshot(racing));
    assertTrue(e.getMessage().startsWith("snapshot: events were ingested while it was written"));
    assertRefused(
        bytes.toByteArray(), "snapshot: corrupted: the checksum of its body does not match");
  }

  private static byte[] seedSnapshot() {
    EntityStore store = EntityStore.builder(SeedTemplate.model()).clock(new SetClock(T)).build();
    store.ingest(seedEvents("u1", T));
    store.ingest(seedEvents("u2", T.minus(Duration.ofDays(1))));
    store.traits("u1", Map.of("employees", Value.num(120)));
    return snapshot(store);
  }

  /**
   * Byte positions to cut or corrupt at: every one of the first 64 (magic, version, the head's
   * length) and of the last 40, and every 13th between. Restoring builds a store's plan, so every
   * byte of a long snapshot would take seconds; the stride still lands in every part of the body.
   */
  private static int[] positions(int length) {
    return java.util.stream.IntStream.range(0, length)
        .filter(i -> i < 64 || i >= length - 40 || i % 13 == 0)
        .toArray();
  }

  private static int lastIndexOf(byte[] bytes, byte[] part) {
    for (int i = bytes.length - part.length; i >= 0; i--) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static void assertRefused(byte[] bytes, String message) {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> restore(EntityStore.builder(SeedTemplate.model()), bytes));
    assertEquals(message, e.getMessage());
  }

  private static void assertRefusedStartingWith(byte[] bytes, String message) {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> restore(EntityStore.builder(SeedTemplate.model()), bytes));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
