package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Rollups with a member floor, scored by hand on every engine that scores accounts.
 *
 * <p>The member model gives +20 for 3+ invites in 7 days and -30 to a member with no login in 14
 * days (dormant). The team of {@link #team}: three active members who invited (+20 each) and five
 * dormant ones (-30 each), as of {@link dev.pls.core.testing.Fixtures#AS_OF}. Without a floor the
 * sum is 60 - 150 = -90: the dormant members sink the account.
 */
class AccountMemberFloorTest {

  static Model userModel() {
    return Model.builder("team_pql")
        .category(
            "collaboration",
            c ->
                c.rule(
                    "invites",
                    Signal.count("invites", "invite_sent").within(Window.days(7)).ge(3),
                    20,
                    "Invited 3+"))
        .category(
            "decay",
            c ->
                c.rule(
                    "dormant",
                    Signal.count("logins", "login").within(Window.days(14)).eq(0),
                    -30,
                    "No login in 14 days"))
        .build();
  }

  static Model accountModel(Rollup rollup) {
    return Model.builder("team_pqa").memberModel(userModel()).rollup(rollup).build();
  }

  static Entity team(int active, int dormant) {
    Entity.Builder b = Entity.builder("acme");
    for (int i = 1; i <= active + dormant; i++) {
      String id = String.format(Locale.ROOT, "m%02d", i);
      Entity.Builder m = Entity.builder(id);
      if (i <= active) {
        m.event(Event.of(id, "login", AS_OF.minus(Duration.ofDays(1))));
        for (int d = 1; d <= 3; d++) {
          m.event(Event.of(id, "invite_sent", AS_OF.minus(Duration.ofDays(d))));
        }
      } else {
        m.event(Event.of(id, "login", AS_OF.minus(Duration.ofDays(40))));
      }
      b.member(m.build());
    }
    return b.build();
  }

  private static ScoreCard card(Engine engine, Rollup rollup, int active, int dormant) {
    return engine.scorer(accountModel(rollup)).score(team(active, dormant), AS_OF);
  }

  @EveryEngine
  void sum_dormantMembers_sinkTheAccountWithoutAFloor(Engine engine) {
    ScoreCard card = card(engine, Rollup.sum(), 3, 5);
    assertEquals(Points.of(-90), card.score()); // 3 x 20 + 5 x -30
    assertFalse(card.categories().get(0).limited());
  }

  @EveryEngine
  void sum_memberFloorZero_dormantMembersCountAsZero(Engine engine) {
    ScoreCard card = card(engine, Rollup.sum().memberFloor(0), 3, 5);
    Contribution c = card.contributions().get(0);
    assertEquals("Sum of member scores (each at least 0)", c.label());
    assertEquals(Points.of(-90), c.points()); // the rollup without the floor
    assertEquals(Points.of(60), c.applied()); // 3 x 20 + 5 x 0
    assertTrue(card.categories().get(0).limited());
    assertEquals(Points.of(60), card.score());
    assertEquals(Points.of(-30), card.member("m04").orElseThrow().score()); // members keep theirs
  }

  @EveryEngine
  void sum_negativeFloor_boundsEachMembersPenalty(Engine engine) {
    // 3 x 20 + 5 x -10
    assertEquals(Points.of(10), card(engine, Rollup.sum().memberFloor(-10), 3, 5).score());
  }

  @EveryEngine
  void sum_floorAndCap_eachMemberWithinBoth(Engine engine) {
    ScoreCard card = card(engine, Rollup.sum().memberFloor(0).memberCap(15), 3, 5);
    assertEquals(Points.of(45), card.score()); // 3 x 15 + 5 x 0
    assertEquals(
        "Sum of member scores (each at least 0 and at most 15)",
        card.contributions().get(0).label());
  }

  @EveryEngine
  void max_allDormant_floorRaisesTheHighest(Engine engine) {
    assertEquals(Points.of(-30), card(engine, Rollup.max(), 0, 4).score());
    assertEquals(Points.ZERO, card(engine, Rollup.max().memberFloor(0), 0, 4).score());
    assertEquals(Points.of(20), card(engine, Rollup.max().memberFloor(0), 3, 5).score());
  }

  @EveryEngine
  void average_floorAppliesBeforeAveraging(Engine engine) {
    assertEquals(Points.parse("-11.25"), card(engine, Rollup.average(), 3, 5).score()); // -90 / 8
    assertEquals(Points.parse("7.5"), card(engine, Rollup.average().memberFloor(0), 3, 5).score());
  }

  @EveryEngine
  void top_floorAppliesBeforeChoosingTheTopK(Engine engine) {
    // The top 5 of 20, 20, 20, -30 x 5: 60 - 60 without the floor, 60 + 0 + 0 with it.
    assertEquals(Points.ZERO, card(engine, Rollup.top(5), 3, 5).score());
    assertEquals(Points.of(60), card(engine, Rollup.top(5).memberFloor(0), 3, 5).score());
    assertEquals(
        Points.of(30), card(engine, Rollup.top(2).memberFloor(0).memberCap(15), 3, 5).score());
  }

  @Test
  void memberFloor_aboveTheCap_isRefusedNamingTheArgument() {
    IllegalArgumentException floor =
        assertThrows(
            IllegalArgumentException.class, () -> Rollup.sum().memberCap(10).memberFloor(20));
    assertEquals("floor: must not be above memberCap 10, was 20", floor.getMessage());
    IllegalArgumentException cap =
        assertThrows(
            IllegalArgumentException.class, () -> Rollup.sum().memberFloor(20).memberCap(10));
    assertEquals("cap: must not be below memberFloor 20, was 10", cap.getMessage());
    assertThrows(NullPointerException.class, () -> Rollup.sum().memberFloor(null));
  }

  @Test
  void memberFloor_equalToTheCap_countsEveryMemberTheSame() {
    Rollup r = Rollup.sum().memberFloor(10).memberCap(10);
    assertEquals(Points.of(10), r.bounded(Points.of(-30)));
    assertEquals(Points.of(10), r.bounded(Points.of(50)));
    assertEquals("rollup sum member_floor 10 member_cap 10", r.toString());
    assertEquals("rollup top 3 member_floor -5", Rollup.top(3).memberFloor(-5).toString());
  }
}
