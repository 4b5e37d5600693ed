package dev.pls.core.handoff;

import static dev.pls.core.handoff.HandoffCards.T0;
import static dev.pls.core.handoff.HandoffCards.card;
import static dev.pls.core.handoff.HandoffCards.day;
import static dev.pls.core.handoff.HandoffCards.model;
import static dev.pls.core.handoff.HandoffCards.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/*
 * Scripted timelines of hand-made cards (see HandoffCards): each step lists the alerts it must
 * make as `STATUS entity -> queue level tier: reasons`, then its non-zero triage, suppression and
 * cooldown counts; a step that must do nothing expects no lines. Rule numbers are those of
 * docs/handoff.md, "Alerts". The standard hand-off routes hot (medium) and warm (low) users to
 * inside sales, enterprise hot users to a named AE, with a 7-day cooldown.
 */
class RouterTest {
  private static final List<String> NOTHING = List.of();

  private static Handoff.Builder hotOnly() {
    return Handoff.builder()
        .queue("inside", "Inside sales", Duration.ofHours(24))
        .route("hot", List.of(), "inside", Handoff.Level.MEDIUM)
        .cooldown(Duration.ZERO);
  }

  // ---- rule 1: hysteresis ----

  @Test
  void hysteresis_entersHotAt80_leavesItOnlyBelow70() {
    Router r = Router.create(model(hotOnly().hold("hot", Expr.score().ge(70)).build()));
    assertEquals(NOTHING, run(r, day(0), card("u1", 75)), "75 is warm: not routed");
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(1), card("u1", 80)));
    assertEquals(NOTHING, run(r, day(2), card("u1", 72)), "72 still holds hot: same episode");
    assertEquals(NOTHING, run(r, day(3), card("u1", 85)), "back to 85: the episode never ended");
    assertEquals(NOTHING, run(r, day(4), card("u1", 69)), "below 70: leaves hot, episode ends");
    assertEquals(NOTHING, run(r, day(5), card("u1", 75)), "a hold keeps a tier, never enters it");
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(6), card("u1", 80)));
  }

  @Test
  void hysteresis_withoutAHold_droppingBelow80EndsTheEpisode() {
    Router r = Router.create(model(hotOnly().build()));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 80)));
    assertEquals(NOTHING, run(r, day(1), card("u1", 72)));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(2), card("u1", 85)));
  }

  @Test
  void hysteresis_anExcludedCard_dropsTheHeldTier() {
    Router r = Router.create(model(hotOnly().hold("hot", Expr.score().ge(70)).build()));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    assertEquals(NOTHING, run(r, day(1), card("u1", 85).excluded("automated traffic")));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(2), card("u1", 85)));
  }

  // ---- rule 2: episodes, dedupe and escalation ----

  @Test
  void dedupe_stayingHot_alertsOnceEvenAfterTheCooldown() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    for (int d = 1; d <= 20; d++) {
      assertEquals(NOTHING, run(r, day(d), card("u1", 80 + d % 15)), "day " + d);
    }
  }

  @Test
  void escalation_warmThenHot_reAlertsInsideTheCooldown() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside low warm: entered tier warm"), run(r, day(0), card("u1", 60)));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(1), card("u1", 85)));
    assertEquals(NOTHING, run(r, day(2), card("u1", 60)), "back to warm: same episode");
    assertEquals(NOTHING, run(r, day(3), card("u1", 85)), "hot again: not above hot");
  }

  @Test
  void escalation_toAHigherTierAtTheSameLevel_reAlertsInsideTheCooldown() {
    Router r =
        Router.create(
            model(
                Handoff.builder()
                    .queue("inside", "Inside sales", Duration.ofHours(24))
                    .route("hot", List.of(), "inside", Handoff.Level.MEDIUM)
                    .route("warm", List.of(), "inside", Handoff.Level.MEDIUM)
                    .build()));
    assertEquals(
        List.of("SENT u1 -> inside medium warm: entered tier warm"),
        run(r, day(0), card("u1", 60)));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(1), card("u1", 85)));
  }

  @Test
  void escalation_toAnotherSegmentsQueue_alertsThere() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside low warm: entered tier warm"),
        run(r, day(0), card("u1", 60).segment("enterprise")));
    assertEquals(
        List.of("SENT u1 -> ae medium hot: entered tier hot"),
        run(r, day(1), card("u1", 85).segment("enterprise")));
  }

  @Test
  void absentEntities_keepTheirState() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    assertEquals(
        List.of("SENT u2 -> inside low warm: entered tier warm"), run(r, day(1), card("u2", 60)));
    assertEquals(NOTHING, run(r, day(2), card("u1", 85), card("u2", 60)));
  }

  // ---- rule 6: cooldown ----

  @Test
  void cooldown_reEnteringInsideIt_isWithheldOnce_afterIt_alerts() {
    Router r = Router.create(model());
    Instant sevenDays = day(7);
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    assertEquals(NOTHING, run(r, day(1), card("u1", 20)), "leaves: the episode ends");
    assertEquals(List.of("cooled down 1"), run(r, day(2), card("u1", 85)));
    assertEquals(NOTHING, run(r, day(3), card("u1", 85)), "the withheld alert opened an episode");
    assertEquals(NOTHING, run(r, sevenDays.minusSeconds(2), card("u1", 20)));
    assertEquals(List.of("cooled down 1"), run(r, sevenDays.minusSeconds(1), card("u1", 85)));
    assertEquals(NOTHING, run(r, sevenDays.minusMillis(500), card("u1", 20)));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"),
        run(r, sevenDays, card("u1", 85)),
        "exactly seven days after the last alert is no longer within the cooldown");
  }

  @Test
  void cooldown_isPerQueue() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    assertEquals(NOTHING, run(r, day(1), card("u1", 20)));
    assertEquals(
        List.of("SENT u1 -> ae medium hot: entered tier hot"),
        run(r, day(2), card("u1", 85).segment("enterprise")));
  }

  // ---- rules 3 and 4: triggers ----

  @Test
  void trigger_alertsOnItsEdge_notWhileItHolds_againAfterItRestarts() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> ae high none: Requested enterprise features"),
        run(r, day(0), card("u1", 20).triggers("sso")));
    assertEquals(NOTHING, run(r, day(1), card("u1", 20).triggers("sso")), "still holds");
    assertEquals(NOTHING, run(r, day(2), card("u1", 20)), "stops");
    assertEquals(
        List.of("cooled down 1"),
        run(r, day(3), card("u1", 20).triggers("sso")),
        "restarts inside the cooldown");
    assertEquals(NOTHING, run(r, day(4), card("u1", 20).triggers("sso")), "edge consumed");
    assertEquals(NOTHING, run(r, day(5), card("u1", 20)));
    assertEquals(
        List.of("SENT u1 -> ae high none: Requested enterprise features"),
        run(r, day(9), card("u1", 20).triggers("sso")),
        "restarts after the cooldown");
  }

  @Test
  void triggers_mergeWithTheTierRoutePerQueue_highestLevelFirst() {
    Router r = Router.create(model());
    assertEquals(
        List.of(
            "SENT u1 -> ae high hot: Requested enterprise features",
            "SENT u1 -> inside medium hot: Viewed pricing 3+ times; entered tier hot"),
        run(r, day(0), card("u1", 85).triggers("sso", "pricing")));
  }

  @Test
  void trigger_atAHigherLevelThanTheLastAlert_escapesTheCooldown() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside low warm: entered tier warm"), run(r, day(0), card("u1", 60)));
    assertEquals(
        List.of("SENT u1 -> inside medium warm: Viewed pricing 3+ times"),
        run(r, day(1), card("u1", 60).triggers("pricing")));
  }

  // ---- rule 5: suppression ----

  @Test
  void suppression_withholdsAndCounts_thenAlertsWhenItLifts() {
    Router r = Router.create(model());
    assertEquals(
        List.of("suppressed competitor domain 1", "suppressed existing customer 2"),
        run(
            r,
            day(0),
            card("u1", 85).triggers("sso").suppressed("existing customer"),
            card("u2", 60).suppressed("competitor domain")));
    assertEquals(
        List.of("suppressed existing customer 1"),
        run(r, day(1), card("u1", 85).triggers("sso").suppressed("existing customer")),
        "the tier route is a candidate again; the trigger's edge was consumed");
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"),
        run(r, day(2), card("u1", 85).triggers("sso")));
  }

  @Test
  void suppression_stillEndsTheEpisodeWhenTheEntityLeavesItsRoutedTier() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    assertEquals(NOTHING, run(r, day(1), card("u1", 20).suppressed("existing customer")));
    assertEquals(
        List.of("cooled down 1"),
        run(r, day(2), card("u1", 85)),
        "a new episode: a candidate again, inside the cooldown");
  }

  // ---- rule 9: exclusion ----

  @Test
  void excluded_neverAlerts_isNotCounted_andEndsTheEpisode() {
    Router r = Router.create(model());
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"), run(r, day(0), card("u1", 85)));
    assertEquals(
        NOTHING,
        run(
            r,
            day(1),
            card("u1", 85).excluded("automated traffic").triggers("sso"),
            card("u2", 20).excluded("personal email domain").triggers("pricing")));
    assertEquals(List.of("cooled down 1"), run(r, day(2), card("u1", 85).triggers("sso")));
  }

  // ---- rule 8: capacity and triage ----

  @Test
  void capacity_overflowGoesToTriageByPriority_perDayInTheModelsZone() {
    // Asia/Kolkata is UTC+05:30: its 21 November starts at 2026-11-20T18:30:00Z.
    Router r = Router.create(model(HandoffCards.handoff(1, 2).build()));
    Instant afternoon = Instant.parse("2026-11-20T10:00:00Z");
    RouterStep first =
        r.step(
            afternoon,
            List.of(
                card("c", 60).at(afternoon),
                card("h", 10).triggers("pricing").at(afternoon),
                card("e", 85).at(afternoon),
                card("x", 20).triggers("sso").at(afternoon),
                card("a", 90).at(afternoon),
                card("d", 60).triggers("pricing").at(afternoon),
                card("y", 95).segment("enterprise").triggers("sso").at(afternoon),
                card("b", 85).at(afternoon)));
    assertEquals(
        List.of(
            "SENT y -> ae high hot: Requested enterprise features; entered tier hot",
            "TRIAGE x -> ae high none: Requested enterprise features",
            "SENT a -> inside medium hot: entered tier hot",
            "SENT b -> inside medium hot: entered tier hot",
            "TRIAGE e -> inside medium hot: entered tier hot",
            "TRIAGE d -> inside medium warm: Viewed pricing 3+ times; entered tier warm",
            "TRIAGE h -> inside medium none: Viewed pricing 3+ times",
            "TRIAGE c -> inside low warm: entered tier warm",
            "triaged ae 1",
            "triaged inside 4"),
        HandoffCards.lines(first));
    assertEquals(5, first.overflowed());
    assertEquals(List.of(1, 2), List.copyOf(first.sent().values()));

    assertEquals(
        List.of("TRIAGE f -> inside medium hot: entered tier hot", "triaged inside 1"),
        run(r, Instant.parse("2026-11-20T18:29:59Z"), card("f", 99)),
        "23:59:59 in Kolkata: the same day, its slots are gone");
    assertEquals(
        List.of(
            "SENT m -> inside medium hot: entered tier hot",
            "SENT k -> inside medium hot: entered tier hot",
            "TRIAGE g -> inside medium hot: entered tier hot",
            "triaged inside 1"),
        run(
            r,
            Instant.parse("2026-11-20T18:30:00Z"),
            card("g", 81),
            card("k", 82),
            card("m", 83),
            card("e", 85)),
        "midnight in Kolkata: a new day with two fresh slots; e was triaged, so not again");
  }

  @Test
  void capacity_zero_triagesEverything() {
    Router r = Router.create(model(HandoffCards.handoff(0, 0).build()));
    assertEquals(
        List.of("TRIAGE u1 -> inside medium hot: entered tier hot", "triaged inside 1"),
        run(r, day(0), card("u1", 85)));
  }

  // ---- rule 7: hold-out ----

  private static final Handoff.Holdout PILOT = new Handoff.Holdout(BigDecimal.TEN, "pilot-2026");

  private static Handoff.Holdout pilot(String percent) {
    return new Handoff.Holdout(new BigDecimal(percent), "pilot-2026");
  }

  @Test
  void heldOut_pinnedIds_agreeWithSha256sum() {
    // printf 'pilot-2026:u15' | sha256sum -> 175de080c99cee83...: 1683748679449374339 / 2^64 is
    // 9.1276% of the range; u29 (0600814327a73f47...) is 2.3445%; u8 (2151d60707cf6a95...)
    // 13.0155%; every other id of u1..u30 is above 10%.
    List<String> held = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      if (Router.heldOut(PILOT, "u" + i)) {
        held.add("u" + i);
      }
    }
    assertEquals(List.of("u15", "u29"), held);
    assertEquals(false, Router.heldOut(pilot("9.12"), "u15"));
    assertEquals(true, Router.heldOut(pilot("9.13"), "u15"));
    assertEquals(false, Router.heldOut(pilot("2.34"), "u29"));
    assertEquals(true, Router.heldOut(pilot("2.35"), "u29"));
    assertEquals(false, Router.heldOut(pilot("13.01"), "u8"));
    assertEquals(true, Router.heldOut(pilot("13.02"), "u8"));
    // printf 'pilot-2026:jürgen@müller.de' | sha256sum (UTF-8) -> 50be8c523b9768c1...: 31.5408%
    String utf8 = "j\u00fcrgen@m\u00fcller.de";
    assertEquals(false, Router.heldOut(pilot("31.54"), utf8));
    assertEquals(true, Router.heldOut(pilot("31.55"), utf8));
  }

  @Test
  void heldOut_share_over100kIds_isWithinHalfAPercent() {
    long tenPercent =
        IntStream.range(0, 100_000).filter(i -> Router.heldOut(PILOT, "user-" + i)).count();
    assertTrue(Math.abs(tenPercent - 10_000) <= 500, "held out " + tenPercent + " of 100,000");
    long quarter =
        IntStream.range(0, 100_000).filter(i -> Router.heldOut(pilot("25.5"), "user-" + i)).count();
    assertTrue(Math.abs(quarter - 25_500) <= 500, "held out " + quarter + " of 100,000");
  }

  @Test
  void heldOut_anotherSalt_drawsAnotherGroup() {
    Handoff.Holdout other = new Handoff.Holdout(BigDecimal.TEN, "pilot-2027");
    long both =
        IntStream.range(0, 10_000)
            .filter(i -> Router.heldOut(PILOT, "user-" + i) && Router.heldOut(other, "user-" + i))
            .count();
    // independent draws overlap on about 1% of ids, not 10%
    assertTrue(both < 200, "both salts hold out " + both + " of 10,000");
  }

  @Test
  void holdout_marksTheAlertHeldOut_usesNoCapacity_andAdvancesState() {
    Router r =
        Router.create(
            model(HandoffCards.handoff(1, 1).holdout(BigDecimal.TEN, "pilot-2026").build()));
    RouterStep step =
        r.step(day(0), List.of(card("u15", 85).at(day(0)), card("u1", 82).at(day(0))));
    assertEquals(
        List.of(
            "HELD_OUT u15 -> inside medium hot: entered tier hot",
            "SENT u1 -> inside medium hot: entered tier hot"),
        HandoffCards.lines(step));
    assertEquals(1, step.heldOut());
    assertEquals(NOTHING, run(r, day(1), card("u15", 85)), "dedupe as if sent");
    assertEquals(NOTHING, run(r, day(2), card("u15", 20)));
    assertEquals(List.of("cooled down 1"), run(r, day(3), card("u15", 85)), "cooldown as if sent");
  }

  // ---- what an alert carries ----

  @Test
  void alert_carriesWhatASellerNeeds_shareableApartFromInternal() {
    Router r = Router.create(model());
    ScoreCard card =
        card("u1", 95)
            .segment("enterprise")
            .fired("activity:20", "sso_asked:30", "invites:20", "premium:10", "premium_3:15")
            .at(day(0));
    RouterStep step =
        r.step(day(0), List.of(card), id -> id.equals("u1") ? Optional.of("acme.io") : null);
    Alert expected =
        new Alert(
            day(0),
            "u1",
            EntityKind.USER,
            Optional.of("acme.io"),
            "hot",
            "enterprise",
            "ae",
            "Named AE",
            Handoff.Level.MEDIUM,
            day(0).plus(Duration.ofHours(4)),
            List.of("entered tier hot"),
            Alert.Status.SENT,
            Points.of(95),
            List.of("setting up SSO", "getting more from premium features"),
            List.of("Active usage", "Invited 3-5 teammates"),
            card.contributions(),
            card.handoff().orElseThrow().context());
    assertEquals(List.of(expected), step.alerts());
    assertEquals(
        "2026-11-20T09:00:00Z SENT u1 -> ae (Named AE) medium tier hot score 95"
            + " due 2026-11-20T13:00:00Z: entered tier hot",
        step.alerts().get(0).summary());
  }

  @Test
  void alert_ofAnAccountModel_isItsOwnAccount() {
    Router r = Router.create(model(HandoffCards.handoff().build(), EntityKind.ACCOUNT));
    RouterStep step =
        r.step(
            day(0),
            List.of(card("acme.io", 85).kind(EntityKind.ACCOUNT).at(day(0))),
            id -> {
              throw new AssertionError("accountOf called for an account model");
            });
    assertEquals(Optional.of("acme.io"), step.alerts().get(0).account());
    assertEquals(EntityKind.ACCOUNT, step.alerts().get(0).kind());
  }

  @Test
  void alert_ofAUserModelWithoutAccounts_hasNoAccount() {
    Router r = Router.create(model());
    assertEquals(
        Optional.empty(),
        r.step(day(0), List.of(card("u1", 85).at(day(0)))).alerts().get(0).account());
  }

  @Test
  void step_countsEveryQueueAndReason_evenWhenZero() {
    RouterStep step = Router.create(model()).step(day(0), List.of());
    assertEquals(List.of("ae", "inside"), List.copyOf(step.sent().keySet()));
    assertEquals(List.of("ae", "inside"), List.copyOf(step.triaged().keySet()));
    assertEquals(
        List.of("competitor domain", "existing customer"), List.copyOf(step.suppressed().keySet()));
    assertEquals(
        0, step.overflowed() + step.suppressedTotal() + step.heldOut() + step.cooledDown());
  }

  // ---- argument validation ----

  private static void rejects(
      Class<? extends RuntimeException> type, Executable call, String... fragments) {
    RuntimeException e = assertThrows(type, call);
    for (String f : fragments) {
      assertTrue(
          e.getMessage() != null && e.getMessage().contains(f),
          "message '" + e.getMessage() + "' should contain '" + f + "'");
    }
  }

  @Test
  void create_rejectsAModelWithoutHandoff() {
    rejects(NullPointerException.class, () -> Router.create(null), "model");
    Model plain = Model.builder("plain").tier("hot", Expr.score().ge(80)).build();
    rejects(
        IllegalArgumentException.class, () -> Router.create(plain), "model: plain has no hand-off");
  }

  @Test
  void step_rejectsBadArguments_namingThem() {
    Router r = Router.create(model());
    ScoreCard ok = card("u1", 85).at(day(0));
    rejects(NullPointerException.class, () -> r.step(null, List.of()), "at");
    rejects(NullPointerException.class, () -> r.step(day(0), null), "cards");
    rejects(NullPointerException.class, () -> r.step(day(0), List.of(), null), "accountOf");
    rejects(
        NullPointerException.class,
        () -> r.step(day(0), java.util.Arrays.asList(ok, null)),
        "cards[1]");
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(ok, card("u2", 85).model("other").at(day(0)))),
        "cards[1]: scored by model other v1, but this router routes for pql v1");
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(card("u2", 85).kind(EntityKind.ACCOUNT).at(day(0)))),
        "cards[0]: a card of kind account, but model pql scores users");
    ScoreCard bare =
        new ScoreCard(
            "u3",
            EntityKind.USER,
            "pql",
            1,
            day(0),
            Points.ZERO,
            Tier.NONE,
            Optional.empty(),
            List.of(),
            List.of());
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(bare)),
        "cards[0]: entity 'u3' has no hand-off facts");
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(ok, card("u2", 1).at(day(0)), card("u1", 2).at(day(0)))),
        "cards[2]: entity 'u1' is already in this step at cards[0]");
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(card("u2", 1).triggers("nope").at(day(0)))),
        "cards[0]: trigger 'nope' is not in model pql");
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(card("u2", 1).segment("smb").at(day(0)))),
        "cards[0]: segment 'smb' is not in model pql");
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(card("u2", 1).suppressed("vip").at(day(0)))),
        "cards[0]: suppression reason 'vip' is not in model pql");
    ScoreCard vip =
        new ScoreCard(
            "u4",
            EntityKind.USER,
            "pql",
            1,
            day(0),
            Points.ZERO,
            "vip",
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            Optional.of(
                new HandoffFacts(
                    Handoff.NO_SEGMENT, List.of(), Optional.empty(), List.of(), List.of())));
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(vip)),
        "cards[0]: tier 'vip' is not in model pql");
    Router noHold = Router.create(model(hotOnly().build()));
    rejects(
        IllegalArgumentException.class,
        () -> noHold.step(day(0), List.of(card("u2", 75).at(day(0)))),
        "cards[0]: hold of tier 'hot' is not in model pql");
    rejects(
        NullPointerException.class,
        () -> r.step(day(0), List.of(ok), id -> null),
        "accountOf: returned null for entity 'u1'");
  }

  @Test
  void step_atNotAfterThePrevious_isRejected() {
    Router r = Router.create(model());
    r.step(day(1), List.of());
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(1), List.of()),
        "at: 2026-11-21T09:00:00Z is not after the previous step's 2026-11-21T09:00:00Z");
    rejects(IllegalArgumentException.class, () -> r.step(day(0), List.of()), "at: ");
  }

  @Test
  void step_rejected_leavesTheRouterAsItWas() {
    Router r = Router.create(model(HandoffCards.handoff(1, 1).build()));
    rejects(
        IllegalArgumentException.class,
        () -> r.step(day(0), List.of(card("u1", 85).at(day(0)), card("u1", 85).at(day(0)))));
    rejects(
        NullPointerException.class,
        () -> r.step(day(0), List.of(card("u1", 85).at(day(0))), id -> null));
    assertEquals(
        List.of("SENT u1 -> inside medium hot: entered tier hot"),
        run(r, day(0), card("u1", 85)),
        "same instant, same entity, same slot: none of it was used");
  }

  @Test
  void step_ofCardsInAnyOrder_isTheSame() {
    List<ScoreCard> cards =
        List.of(
            card("a", 85).at(T0),
            card("b", 60).triggers("pricing").at(T0),
            card("c", 95).segment("enterprise").triggers("sso").at(T0),
            card("d", 85).suppressed("existing customer").at(T0));
    List<ScoreCard> reversed = new ArrayList<>(cards);
    java.util.Collections.reverse(reversed);
    Model m = model(HandoffCards.handoff(1, 1).build());
    assertEquals(Router.create(m).step(T0, cards), Router.create(m).step(T0, reversed));
  }
}
