package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A store fed a stream with identity links scores as the reference evaluator scores the same stream
 * with every id already rewritten to its canonical id: the links anywhere in the stream (before,
 * between or after the events of the ids they join), ids split into anonymous ids and alias chains,
 * sometimes two known people joined (a conflict), in both layouts, with events in any order (some
 * beyond the retained span when they arrive), identify calls' traits at different times for any of
 * a person's ids (the person's are the latest by time), and after a snapshot and restore.
 */
class EntityStoreIdentityProperties {

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.scenarios();
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> bucketScenarios() {
    return DifferentialArbitraries.bucketScenarios();
  }

  @Property(tries = 150)
  void scoreAll_streamWithLinks_equalsReferenceOnCanonicalIds(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed)
      throws IOException {
    check(s, seed);
  }

  @Property(tries = 150)
  void scoreAll_dayBucketsStreamWithLinks_equalsReferenceOnCanonicalIds(
      @ForAll("bucketScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed)
      throws IOException {
    check(s, seed);
  }

  /** A link in the stream: {@code id} joined to the known {@code userId}. */
  private record Link(String id, String userId) {}

  /** An identify call's traits in the stream: for {@code id}, made at {@code time}. */
  private record Traits(
      String id, Map<String, dev.pls.core.model.Value> traits, Instant time, int seq) {}

  private static void check(DifferentialArbitraries.Scenario s, long seed) throws IOException {
    Random r = new Random(seed);
    Instant asOf = s.asOf();
    List<Entity> known = new ArrayList<>();
    known.add(upTo(EntityStoreDifferentialProperties.renamed(s.entity(), "u1"), asOf));
    for (int i = 2; i <= 5; i++) {
      Entity e = DifferentialArbitraries.entity(r, ZoneId.of("UTC"), asOf);
      known.add(upTo(EntityStoreDifferentialProperties.renamed(e, "u" + i), asOf));
    }
    // Each known user's events spread over its own id and up to two anonymous ids; some anonymous
    // ids reach the user through another (an alias chain), and sometimes two users are joined.
    List<Object> stream = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    Map<String, List<String>> idsOf = new HashMap<>();
    for (Entity e : known) {
      List<String> ids = new ArrayList<>(List.of(e.id()));
      idsOf.put(e.id(), ids);
      int anonymous = r.nextInt(3);
      for (int a = 1; a <= anonymous; a++) {
        String anon = e.id() + "-anon" + a;
        String to = a == 2 && r.nextBoolean() ? ids.get(1) : e.id();
        links.add(new Link(anon, to));
        ids.add(anon);
      }
      for (Event x : e.events()) {
        String id = ids.get(r.nextInt(ids.size()));
        stream.add(new Event(id, x.account(), x.name(), x.time(), x.properties()));
      }
    }
    if (r.nextInt(3) == 0) {
      links.add(new Link("u" + (2 + r.nextInt(2)), "u" + (4 + r.nextInt(2))));
    }
    Collections.shuffle(stream, r);
    for (Link l : links) {
      stream.add(r.nextInt(stream.size() + 1), l);
    }
    // Identify calls' traits at different times, for any id of a person: fed in time order among
    // the events and links (as a replay or a live feed gives them), each the traits of some user.
    List<Traits> identifies = new ArrayList<>();
    for (Entity e : known) {
      List<String> ids = idsOf.get(e.id());
      for (int j = r.nextInt(4); j > 0; j--) {
        identifies.add(
            new Traits(
                ids.get(r.nextInt(ids.size())),
                known.get(r.nextInt(known.size())).traits(),
                asOf.minusSeconds(r.nextInt(3) * 3_600L),
                identifies.size()));
      }
    }
    identifies.sort(java.util.Comparator.comparing(Traits::time).thenComparingInt(Traits::seq));
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < identifies.size(); i++) {
      at.add(r.nextInt(stream.size() + 1));
    }
    Collections.sort(at);
    for (int i = identifies.size() - 1; i >= 0; i--) {
      stream.add(at.get(i), identifies.get(i));
    }

    // Expected: the same links in the stream's order, then every event under its canonical id.
    IdentityGraph graph = IdentityGraph.create();
    for (Object o : stream) {
      if (o instanceof Link l) {
        graph.link(l.id(), l.userId());
      }
    }
    Map<String, List<Event>> byPerson = new TreeMap<>();
    // A person's traits are those of the latest identify call by time among its ids (equal times:
    // the one fed last); none when none of its ids had one.
    Map<String, Map<String, dev.pls.core.model.Value>> traitsOf = new HashMap<>();
    Map<String, Traits> latest = new HashMap<>();
    for (Object o : stream) {
      if (o instanceof Traits t) {
        latest.merge(
            graph.canonical(t.id()),
            t,
            (a, b) ->
                b.time().isAfter(a.time()) || b.time().equals(a.time()) && b.seq() > a.seq()
                    ? b
                    : a);
      }
    }
    latest.forEach((person, t) -> traitsOf.put(person, t.traits()));
    for (Entity e : known) {
      byPerson.computeIfAbsent(graph.canonical(e.id()), p -> new ArrayList<>());
    }
    for (Object o : stream) {
      if (o instanceof Event e) {
        byPerson.get(graph.canonical(e.user())).add(graph.resolve(e));
      }
    }
    // The store holds the people with an event or a traits call; it scores others as empty.
    long present =
        byPerson.entrySet().stream()
            .filter(p -> !p.getValue().isEmpty() || latest.containsKey(p.getKey()))
            .count();
    Scorer reference = Scorer.reference(s.model());
    Map<String, ScoreCard> expected = new TreeMap<>();
    byPerson.forEach(
        (person, events) ->
            expected.put(
                person,
                reference.score(
                    new Entity(person, traitsOf.getOrDefault(person, Map.of()), events), asOf)));

    EntityStore store = Stores.anyDate(s.model());
    for (Object o : stream) {
      if (o instanceof Event e) {
        store.ingest(e);
      } else if (o instanceof Traits t) {
        store.traits(t.id(), t.traits());
      } else {
        Link l = (Link) o;
        store.link(l.id(), l.userId());
      }
    }
    checkCards(store, expected, present, graph, asOf, s);
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    store.snapshot(snapshot);
    EntityStore restored =
        EntityStore.builder(s.model())
            .maxSkew(java.time.temporal.ChronoUnit.FOREVER.getDuration())
            .restore(new ByteArrayInputStream(snapshot.toByteArray()));
    checkCards(restored, expected, present, graph, asOf, s);
    assertEquals(store.identityStats(), restored.identityStats());
  }

  private static void checkCards(
      EntityStore store,
      Map<String, ScoreCard> expected,
      long present,
      IdentityGraph graph,
      Instant asOf,
      DifferentialArbitraries.Scenario s) {
    assertEquals(graph.stats(), store.identityStats());
    assertEquals(present, store.size(), s::toString);
    for (Map.Entry<String, ScoreCard> e : expected.entrySet()) {
      for (String id : graph.ids(e.getKey())) {
        assertEquals(e.getValue(), store.score(id, asOf), s::toString);
      }
      assertEquals(graph.ids(e.getKey()), store.ids(e.getKey()));
    }
    BatchScores all = store.scoreAll(asOf);
    assertEquals(present, all.size());
    for (int row = 0; row < all.size(); row++) {
      assertEquals(expected.get(all.entity(row)), all.card(row), s::toString);
    }
    // Into arrays: each person's index equals its batch row; the indexes merged away by links
    // carry the marker, and are as many as the store knows beyond its people.
    int merged =
        StoreArrays.check(StoreArrays.of(store), all, asOf, s.model().rules().size(), s::toString);
    assertEquals(store.indexes() - store.size(), merged, s::toString);
  }

  private static Entity upTo(Entity e, Instant asOf) {
    return new Entity(
        e.id(), e.traits(), e.events().stream().filter(x -> !x.time().isAfter(asOf)).toList());
  }
}
