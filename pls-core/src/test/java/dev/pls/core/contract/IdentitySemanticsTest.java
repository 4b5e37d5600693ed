package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.model.Model;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Window;
import dev.pls.core.testing.Cards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * One person, one card: a trial user who viewed pricing and invited a teammate while anonymous,
 * then signed in (identify links anon-1 to ann) and invited another. Cards computed by hand, on
 * every engine, with the link given before, between and after the person's events: an identity
 * link is a fact about people, so every event of every linked id counts, whenever it was read.
 *
 * invites >= 2 within 7d (+20): anon-1's invite on Nov 16 and ann's on Nov 19 -> 2 -> fires.
 * pricing >= 3 within 14d (+10): anon-1's two views and ann's one -> 3 -> fires.
 * Split into two ids neither rule fires (1 invite; 2 views and 1 view).
 */
class IdentitySemanticsTest {
  private static final Signal INVITES = Signal.count("invites", "invite_sent");
  private static final Signal PRICING = Signal.count("pricing", "pricing_viewed");
  private static final Model MODEL =
      Model.builder("trial")
          .signal(INVITES)
          .signal(PRICING)
          .category(
              "engagement",
              c ->
                  c.rule("invites", INVITES.within(Window.days(7)).ge(2), 20, "invited 2+")
                      .rule("pricing", PRICING.within(Window.days(14)).ge(3), 10, "pricing 3+"))
          .build();

  private static final Event VIEW_1 = event("anon-1", "pricing_viewed", "2026-11-14T09:00:00Z");
  private static final Event VIEW_2 = event("anon-1", "pricing_viewed", "2026-11-15T09:00:00Z");
  private static final Event INVITE_1 = event("anon-1", "invite_sent", "2026-11-16T09:00:00Z");
  private static final Event VIEW_3 = event("ann", "pricing_viewed", "2026-11-19T09:00:00Z");
  private static final Event INVITE_2 = event("ann", "invite_sent", "2026-11-19T10:00:00Z");

  /** A link in a stream: identify (or alias) joining {@code id} to the known {@code userId}. */
  private record Link(String id, String userId) {}

  private static final Link IDENTIFY = new Link("anon-1", "ann");

  private static final List<String> MERGED_CARD =
      List.of(
          "score 30, tier none",
          "engagement: total 30 (positive 30, negative 0)",
          "engagement/invites +20 | invites within 7d = 2",
          "engagement/pricing +10 | pricing within 14d = 3");

  private final Engine engine;

  IdentitySemanticsTest(Engine engine) {
    this.engine = engine;
  }

  /** The entities a stream of events and links gives: events grouped by canonical id. */
  private static List<Entity> people(IdentityGraph graph, List<Object> stream) {
    for (Object o : stream) {
      if (o instanceof Link l) {
        graph.link(l.id(), l.userId());
      }
    }
    Map<String, List<Event>> byPerson = new TreeMap<>();
    for (Object o : stream) {
      if (o instanceof Event e) {
        Event resolved = graph.resolve(e);
        byPerson.computeIfAbsent(resolved.user(), u -> new ArrayList<>()).add(resolved);
      }
    }
    List<Entity> people = new ArrayList<>();
    byPerson.forEach((id, events) -> people.add(new Entity(id, Map.of(), events)));
    return people;
  }

  private Map<String, List<String>> cards(IdentityGraph graph, List<Object> stream) {
    Map<String, List<String>> cards = new LinkedHashMap<>();
    for (Entity e : people(graph, stream)) {
      cards.put(e.id(), Cards.lines(engine.scorer(MODEL).score(e, AS_OF)));
    }
    return cards;
  }

  @EveryEngine
  void identifyBeforeTheEvents_oneCardWithEveryEvent() {
    assertEquals(
        Map.of("ann", MERGED_CARD),
        cards(
            IdentityGraph.create(), List.of(IDENTIFY, VIEW_1, VIEW_2, INVITE_1, VIEW_3, INVITE_2)));
  }

  @EveryEngine
  void identifyBetweenTheEvents_oneCardWithEveryEvent() {
    assertEquals(
        Map.of("ann", MERGED_CARD),
        cards(
            IdentityGraph.create(), List.of(VIEW_1, VIEW_2, INVITE_1, IDENTIFY, VIEW_3, INVITE_2)));
  }

  @EveryEngine
  void identifyAfterTheEvents_oneCardWithEveryEvent() {
    assertEquals(
        Map.of("ann", MERGED_CARD),
        cards(
            IdentityGraph.create(), List.of(VIEW_1, VIEW_2, INVITE_1, VIEW_3, INVITE_2, IDENTIFY)));
  }

  @EveryEngine
  void withoutTheLink_twoHalfCardsNeitherFiring() {
    List<String> none =
        List.of("score 0, tier none", "engagement: total 0 (positive 0, negative 0)");
    assertEquals(
        Map.of("ann", none, "anon-1", none),
        cards(IdentityGraph.create(), List.of(VIEW_1, VIEW_2, INVITE_1, VIEW_3, INVITE_2)));
  }

  /* An alias chain: anon-1 -> ann (identify), then ann -> ann@corp (alias to a new user id). */
  @EveryEngine
  void aliasChain_countsTheEventsOfEveryIdForTheEarliestKnownId() {
    Event renamed = event("ann@corp", "invite_sent", "2026-11-19T10:00:00Z");
    assertEquals(
        Map.of("ann", MERGED_CARD),
        cards(
            IdentityGraph.create(),
            List.of(
                VIEW_1, VIEW_2, INVITE_1, IDENTIFY, VIEW_3, new Link("ann", "ann@corp"), renamed)));
  }

  /* A shared device: its events stay with the first person; the refused link joins no one. */
  @EveryEngine
  void overMergeGuard_refusedLinkKeepsTheSecondPersonApart() {
    IdentityGraph graph = IdentityGraph.withLimits(100, 1);
    Event bobInvite = event("bob", "invite_sent", "2026-11-19T11:00:00Z");
    Map<String, List<String>> cards =
        cards(
            graph,
            List.of(
                VIEW_1,
                VIEW_2,
                INVITE_1,
                IDENTIFY,
                VIEW_3,
                INVITE_2,
                new Link("anon-1", "bob"),
                bobInvite));
    assertEquals(MERGED_CARD, cards.get("ann"));
    assertEquals(
        List.of("score 0, tier none", "engagement: total 0 (positive 0, negative 0)"),
        cards.get("bob"));
    assertEquals(1, graph.stats().refused());
  }
}
