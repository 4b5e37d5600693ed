package dev.pls.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.IdentityGraph.Outcome;
import dev.pls.core.input.IdentityGraph.Stats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {

  @Test
  void neverLinked_isItsOwnCanonicalId() {
    IdentityGraph g = IdentityGraph.create();
    assertEquals("u1", g.canonical("u1"));
    assertEquals(List.of("u1"), g.ids("u1"));
    assertEquals(new Stats(0, 0, 0, 0, 0), g.stats());
  }

  @Test
  void identify_joinsAnonymousIdToKnownId_whichIsCanonical() {
    IdentityGraph g = IdentityGraph.create();
    assertEquals(Outcome.JOINED, g.link("anon-1", "ann"));
    assertEquals("ann", g.canonical("anon-1"));
    assertEquals("ann", g.canonical("ann"));
    assertEquals(List.of("ann", "anon-1"), g.ids("anon-1"));
    assertEquals(Outcome.ALREADY_ONE, g.link("anon-1", "ann"));
    assertEquals(new Stats(2, 0, 0, 1, 2), g.stats());
  }

  @Test
  void aliasChain_resolvesEveryIdToTheEarliestKnownId() {
    IdentityGraph g = IdentityGraph.create();
    // anon-1 -> ann (identify); alias ann -> ann@new (a renamed user); anon-2 -> ann@new.
    g.link("anon-1", "ann");
    g.link("ann", "ann@new");
    g.link("anon-2", "ann@new");
    for (String id : List.of("anon-1", "ann", "ann@new", "anon-2")) {
      assertEquals("ann", g.canonical(id), id);
    }
    assertEquals(List.of("ann", "ann@new", "anon-1", "anon-2"), g.ids("anon-2"));
    // ann -> ann@new joined two known ids: one conflict.
    assertEquals(new Stats(3, 0, 1, 1, 4), g.stats());
  }

  @Test
  void twoKnownPeopleJoined_keepTheEarlierCanonicalId_andCountAConflict() {
    IdentityGraph g = IdentityGraph.create();
    g.link("a1", "bob");
    g.link("a2", "carol");
    assertEquals(Outcome.JOINED, g.link("a1", "carol"));
    assertEquals("bob", g.canonical("a2"));
    assertEquals(1, g.stats().conflicts());
    assertEquals(new Stats(3, 0, 1, 1, 4), g.stats());
  }

  @Test
  void anonymousIdLaterGivenAsUserId_turnsKnown_andCountsAgainstTheKnownLimit() {
    IdentityGraph g = IdentityGraph.withLimits(10, 1);
    g.link("x", "ann");
    // x is now given as a user id: a second known id, over the limit of one.
    assertEquals(Outcome.REFUSED, g.link("ann", "x"));
    assertEquals("ann", g.canonical("x"));
    assertEquals(1, g.stats().refused());
  }

  @Test
  void anonymousLimit_refusesTheLinkThatWouldExceedIt_andChangesNothing() {
    IdentityGraph g = IdentityGraph.withLimits(2, 5);
    assertEquals(Outcome.JOINED, g.link("kiosk-1", "ann"));
    assertEquals(Outcome.JOINED, g.link("kiosk-2", "ann"));
    assertEquals(Outcome.REFUSED, g.link("kiosk-3", "ann"));
    assertEquals("kiosk-3", g.canonical("kiosk-3"));
    assertEquals(List.of("ann", "kiosk-1", "kiosk-2"), g.ids("ann"));
    assertEquals(new Stats(3, 1, 0, 1, 3), g.stats());
  }

  @Test
  void knownLimit_keepsASharedDeviceWithItsFirstPerson() {
    IdentityGraph g = IdentityGraph.withLimits(100, 1);
    g.link("device", "ann");
    assertEquals(Outcome.REFUSED, g.link("device", "bob"));
    assertEquals(Outcome.REFUSED, g.link("device", "carol"));
    assertEquals("ann", g.canonical("device"));
    assertEquals("bob", g.canonical("bob"));
    assertEquals(new Stats(3, 2, 0, 1, 2), g.stats());
  }

  @Test
  void knownLimit_refusesJoiningTwoPeopleWhoseKnownIdsTogetherExceedIt() {
    IdentityGraph g = IdentityGraph.withLimits(100, 2);
    g.link("a1", "ann");
    g.link("ann", "ann2");
    g.link("b1", "bob");
    assertEquals(Outcome.REFUSED, g.link("b1", "ann2"));
    assertEquals("bob", g.canonical("b1"));
    assertEquals(new Stats(4, 1, 1, 2, 5), g.stats());
  }

  @Test
  void selfLink_changesNothing() {
    IdentityGraph g = IdentityGraph.create();
    assertEquals(Outcome.ALREADY_ONE, g.link("ann", "ann"));
    assertEquals(List.of("ann"), g.ids("ann"));
    assertEquals(0, g.stats().people());
  }

  @Test
  void resolve_rewritesTheUserOnly() {
    IdentityGraph g = IdentityGraph.create();
    g.link("anon", "ann");
    Event e =
        Event.of("anon", "page_viewed", Instant.parse("2026-11-20T12:00:00Z"))
            .withAccount("acme")
            .withProperty("path", "/pricing");
    Event r = g.resolve(e);
    assertEquals(new Event("ann", e.account(), e.name(), e.time(), e.properties()), r);
    Event known = Event.of("ann", "x", e.time());
    assertSame(known, g.resolve(known));
  }

  @Test
  void badArguments_areNamed() {
    IdentityGraph g = IdentityGraph.create();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> g.link(" ", "ann"))
            .getMessage()
            .startsWith("id"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> g.link("a", ""))
            .getMessage()
            .startsWith("userId"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> IdentityGraph.withLimits(-1, 1))
            .getMessage()
            .startsWith("maxAnonymousIds"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> IdentityGraph.withLimits(1, 0))
            .getMessage()
            .startsWith("maxKnownIds"));
  }
}
