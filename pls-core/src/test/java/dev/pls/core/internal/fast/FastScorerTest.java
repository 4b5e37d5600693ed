package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.SeedTemplate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FastScorerTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void score_threeInvitesMidSizeSoftware_matchesHandComputedCard() {
    Entity u =
        Entity.builder("u1")
            .trait("employees", 200)
            .trait("industry", "software")
            .event(Event.of("u1", "invite_sent", T.minusSeconds(86_400)))
            .event(Event.of("u1", "invite_sent", T.minusSeconds(2 * 86_400)))
            .event(Event.of("u1", "invite_sent", T.minusSeconds(3 * 86_400)))
            .build();
    var card = Scorer.fast(SeedTemplate.model()).score(u, T);
    // +20 invites 3-5, +10 size 50-500, +10 target industry; the inviting user is active.
    assertEquals("40", card.score().toString());
    assertEquals("emerging", card.tier());
    assertEquals(Scorer.reference(SeedTemplate.model()).score(u, T), card);
  }

  @Test
  void score_eventOfAnotherUser_throwsNamingTheEvent() {
    Entity u = Entity.builder("u1").event(Event.of("u2", "invite_sent", T)).build();
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Scorer.fast(SeedTemplate.model()).score(u, T));
    assertEquals("entity.events[0]: belongs to user 'u2', not to 'u1'", e.getMessage());
  }

  @Test
  void score_traitOfWrongType_throwsNamingTheTrait() {
    Entity u = Entity.builder("u1").trait("employees", "many").build();
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Scorer.fast(SeedTemplate.model()).score(u, T));
    assertEquals("entity.traits['employees']: must be int, was string \"many\"", e.getMessage());
  }
}
