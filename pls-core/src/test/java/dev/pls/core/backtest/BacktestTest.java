package dev.pls.core.backtest;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/*
 * Backtests on small timelines whose figures were computed by hand. The worked example (Timelines,
 * docs/evaluation.md): daily steps S0..S4 at midnight, 1 to 5 March.
 *
 *   a  invite 27 Feb (history)      warm S0-S2, demo 3 Mar 10:00 -> hot S3-S4; outcome 3 Mar 12:00
 *   b  demo 1 Mar 05:00             enters S1, hot; no outcome
 *   c  invite 2 Mar 06:00           enters S2, warm; outcome 3 Mar 00:00 = S2: prior
 *   d  traits only                  enters S0, score 0, none; outcome 4 Mar 12:00
 *   e  bot, demo 28 Feb             enters S0, score 50 but excluded: none; no outcome
 *   g  traits only                  enters S0, score 0, none; no outcome
 *   zed                             an outcome, never scored: unmatched
 */
class BacktestTest {

  private static BacktestResult workedExample() {
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(Timelines.GRID)
            .outcomes(Timelines.outcomes())
            .build()
            .start();
    Timelines.feed(r);
    return r.finish();
  }

  private static EntityResult entity(BacktestResult result, String id) {
    return result.entities().stream().filter(e -> e.entity().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void workedExample_tiersAndCounts() {
    Summary s = workedExample().summary();
    assertEquals("bt", s.model());
    assertEquals(2, s.version());
    assertEquals(5, s.steps());
    assertEquals(6, s.entities());
    assertEquals(0, s.skipped());
    assertEquals(
        List.of("hot", "warm", "none"), new ArrayList<>(s.tiers().keySet()), "model order, none");
    assertEquals(new Summary.TierCounts(2, 1), s.tiers().get("hot"));
    assertEquals(new Summary.TierCounts(2, 1), s.tiers().get("warm"));
    assertEquals(new Summary.TierCounts(3, 4), s.tiers().get("none"));
  }

  @Test
  void workedExample_outcomeFigures() {
    Summary.OutcomeFigures o = workedExample().summary().outcomes().orElseThrow();
    assertEquals("converted", o.name());
    assertEquals(5, o.entities());
    assertEquals(1, o.prior());
    assertEquals(1, o.unmatched());
    assertEquals(2, o.converted());
    assertEquals(Rate.of(2, 5), o.baseRate().orElseThrow());

    Summary.TierOutcome hot = o.tiers().get("hot");
    assertEquals(1, hot.entities());
    assertEquals(0, hot.converted());
    assertEquals(0.0, hot.lift().orElseThrow().value());
    assertEquals(Rate.of(0, 1).high() / 0.4, hot.lift().orElseThrow().high().getAsDouble(), 1e-12);
    // a's peak is warm: hot came only after its outcome.
    Summary.TierOutcome warm = o.tiers().get("warm");
    assertEquals(1, warm.entities());
    assertEquals(1, warm.converted());
    assertEquals(2.5, warm.lift().orElseThrow().value(), 1e-12);
    assertEquals(Rate.of(1, 1).low() / 0.4, warm.lift().orElseThrow().low().getAsDouble(), 1e-12);
    Summary.TierOutcome none = o.tiers().get("none");
    assertEquals(3, none.entities());
    assertEquals(1, none.converted());
    assertEquals(1.0 / 3 / 0.4, none.lift().orElseThrow().value(), 1e-12);

    // demo fired for b and e; for a only after its outcome, so not counted.
    Summary.RuleOutcome demo = o.rules().get("demo");
    assertEquals(2, demo.fired());
    assertEquals(0, demo.convertedFired());
    assertEquals(Rate.of(0, 2), demo.rateFired().orElseThrow());
    assertEquals(Rate.of(2, 3), demo.rateNotFired().orElseThrow());
    assertEquals(
        new Lift(0, OptionalDouble.empty(), OptionalDouble.empty()), demo.lift().orElseThrow());
    Summary.RuleOutcome invite = o.rules().get("invite");
    assertEquals(1, invite.fired());
    assertEquals(1, invite.convertedFired());
    assertEquals(Rate.of(1, 4), invite.rateNotFired().orElseThrow());
    Lift l = invite.lift().orElseThrow();
    assertEquals(4.0, l.value(), 1e-12);
    // Katz: a = 1 of n1 = 1, c = 1 of n2 = 4.
    double se = Math.sqrt(1.0 / 1 - 1.0 / 1 + 1.0 / 1 - 1.0 / 4);
    assertEquals(Math.exp(Math.log(4) - 1.959963984540054 * se), l.low().getAsDouble(), 1e-9);
    assertEquals(Math.exp(Math.log(4) + 1.959963984540054 * se), l.high().getAsDouble(), 1e-9);
    assertEquals(0.7327, l.low().getAsDouble(), 1e-4);
    assertEquals(21.8385, l.high().getAsDouble(), 1e-4);

    // Highest scores before the outcome: converted a 20, d 0; not converted b 50, e 50, g 0.
    // Pairs: (20,50) 0, (20,50) 0, (20,0) 1, (0,50) 0, (0,50) 0, (0,0) 1/2: 1.5 of 6.
    assertEquals(0.25, o.auc().getAsDouble(), 1e-12);
  }

  @Test
  void workedExample_entities() {
    BacktestResult result = workedExample();
    assertEquals(
        List.of("a", "b", "c", "d", "e", "g"),
        result.entities().stream().map(EntityResult::entity).toList());
    Map<String, Instant> aFirst = new LinkedHashMap<>();
    aFirst.put("hot", at("2026-03-04T00:00:00Z"));
    aFirst.put("warm", at("2026-03-01T00:00:00Z"));
    assertEquals(
        new EntityResult(
            "a",
            at("2026-03-01T00:00:00Z"),
            5,
            aFirst,
            "warm",
            Optional.of(Points.of(20)),
            Optional.of(at("2026-03-03T12:00:00Z")),
            false,
            List.of("invite")),
        entity(result, "a"));
    assertEquals(
        new EntityResult(
            "c",
            at("2026-03-03T00:00:00Z"),
            3,
            Map.of("warm", at("2026-03-03T00:00:00Z")),
            "none",
            Optional.empty(),
            Optional.of(at("2026-03-03T00:00:00Z")),
            true,
            List.of()),
        entity(result, "c"));
    assertFalse(entity(result, "c").converted(), "prior is not converted");
    EntityResult b = entity(result, "b");
    assertEquals(at("2026-03-02T00:00:00Z"), b.entered(), "enters at the first step after");
    assertEquals(4, b.steps());
    EntityResult d = entity(result, "d");
    assertEquals(at("2026-03-01T00:00:00Z"), d.entered(), "traits only: enters at the first step");
    assertEquals(Optional.of(at("2026-03-04T12:00:00Z")), d.outcome(), "the earliest record");
    EntityResult e = entity(result, "e");
    assertEquals("none", e.peakTier(), "excluded: none");
    assertEquals(Map.of(), e.firstInTier());
    assertEquals(Optional.of(Points.of(50)), e.highestScore(), "its score still counts");
    assertEquals(List.of("demo"), e.firedBeforeOutcome());
  }

  @Test
  void workedExample_stepCounts() {
    List<StepCount> steps = workedExample().steps();
    assertEquals(5, steps.size());
    long[][] expected = {{4, 0, 1, 3}, {5, 1, 1, 3}, {6, 1, 2, 3}, {6, 2, 1, 3}, {6, 2, 1, 3}};
    for (int i = 0; i < 5; i++) {
      StepCount s = steps.get(i);
      assertEquals(Timelines.GRID.at(i), s.at());
      assertEquals(expected[i][0], s.entities(), "entities at step " + i);
      assertEquals(
          List.of("hot", "warm", "none"), new ArrayList<>(s.tiers().keySet()), "step " + i);
      assertEquals(expected[i][1], s.tiers().get("hot"), "hot at step " + i);
      assertEquals(expected[i][2], s.tiers().get("warm"), "warm at step " + i);
      assertEquals(expected[i][3], s.tiers().get("none"), "none at step " + i);
    }
  }

  @Test
  void listener_isToldEachStepWithItsCards() {
    List<String> seen = new ArrayList<>();
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(Timelines.GRID)
            .listener(
                (at, cards, done, total) -> {
                  List<String> rows = new ArrayList<>();
                  for (int i = 0; i < cards.size(); i++) {
                    rows.add(cards.entity(i) + "=" + cards.tier(i));
                  }
                  rows.sort(null);
                  seen.add(at + " " + done + "/" + total + " " + rows);
                })
            .build()
            .start();
    Timelines.feed(r);
    r.finish();
    assertEquals(
        List.of(
            "2026-03-01T00:00:00Z 1/5 [a=warm, d=none, e=none, g=none]",
            "2026-03-02T00:00:00Z 2/5 [a=warm, b=hot, d=none, e=none, g=none]",
            "2026-03-03T00:00:00Z 3/5 [a=warm, b=hot, c=warm, d=none, e=none, g=none]",
            "2026-03-04T00:00:00Z 4/5 [a=hot, b=hot, c=warm, d=none, e=none, g=none]",
            "2026-03-05T00:00:00Z 5/5 [a=hot, b=hot, c=warm, d=none, e=none, g=none]"),
        seen);
  }

  @Test
  void windowExpiry_changesTheCardWithoutNewEvents() {
    // An invite on 1 March counts within 7 days up to 7 March, not on 8 March.
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(
                new Schedule.Grid(
                    at("2026-03-07T12:00:00Z"), at("2026-03-08T12:00:00Z"), Duration.ofDays(1)))
            .build()
            .start();
    r.event(event("u", "invite", "2026-03-01T10:00:00Z"));
    BacktestResult result = r.finish();
    assertEquals(1L, result.steps().get(0).tiers().get("warm"));
    assertEquals(1L, result.steps().get(1).tiers().get("none"));
  }

  @Test
  void auc_tiesCountHalf() {
    // Converted: p1 50, p2 0; not converted: n1 20, n2 0.
    // Pairs: (50,20) 1, (50,0) 1, (0,20) 0, (0,0) 1/2: 2.5 of 4 = 0.625.
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(Timelines.GRID)
            .outcomes(
                Outcomes.of(
                    "converted",
                    Map.of("p1", at("2026-03-10T00:00:00Z"), "p2", at("2026-03-10T00:00:00Z"))))
            .build()
            .start();
    r.traits("p2", Map.of());
    r.traits("n2", Map.of());
    r.event(event("p1", "demo", "2026-02-01T00:00:00Z"));
    r.event(event("n1", "invite", "2026-03-01T00:00:00Z"));
    assertEquals(0.625, r.finish().summary().outcomes().orElseThrow().auc().getAsDouble(), 1e-12);
  }

  @Test
  void auc_midRanksOverManyTies() {
    // By hand: positives 3, 3, 1; negatives 3, 1, 1, 0.
    // 3 vs (3,1,1,0) = 0.5+1+1+1 = 3.5, twice = 7; 1 vs (3,1,1,0) = 0+0.5+0.5+1 = 2. 9 of 12.
    List<long[]> scored =
        List.of(
            new long[] {3, 1},
            new long[] {3, 1},
            new long[] {1, 1},
            new long[] {3, 0},
            new long[] {1, 0},
            new long[] {1, 0},
            new long[] {0, 0});
    assertEquals(0.75, Tally.auc(scored).getAsDouble(), 1e-12);
    assertEquals(OptionalDouble.empty(), Tally.auc(List.of(new long[] {1, 1})));
  }

  @Test
  void zeroDenominators_areAbsent() {
    // Both entities convert; demo fires for both: no one left who did not convert, or whom it
    // did not fire for.
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(Timelines.GRID)
            .outcomes(
                Outcomes.of(
                    "converted",
                    Map.of("x", at("2026-03-09T00:00:00Z"), "y", at("2026-03-09T00:00:00Z"))))
            .build()
            .start();
    r.event(event("x", "demo", "2026-02-01T00:00:00Z"));
    r.event(event("y", "demo", "2026-02-01T00:00:00Z"));
    Summary.OutcomeFigures o = r.finish().summary().outcomes().orElseThrow();
    assertEquals(OptionalDouble.empty(), o.auc(), "no entity that did not convert");
    Summary.RuleOutcome demo = o.rules().get("demo");
    assertEquals(Optional.of(Rate.of(2, 2)), demo.rateFired());
    assertEquals(Optional.empty(), demo.rateNotFired());
    assertEquals(Optional.empty(), demo.lift());
    Summary.RuleOutcome invite = o.rules().get("invite");
    assertEquals(Optional.empty(), invite.rateFired());
    assertEquals(Optional.empty(), invite.lift());
    Summary.TierOutcome warm = o.tiers().get("warm");
    assertEquals(0, warm.entities());
    assertEquals(Optional.empty(), warm.rate());
    assertEquals(Optional.empty(), warm.lift());
    assertEquals(Optional.of(Rate.of(2, 2)), o.tiers().get("hot").rate());
  }

  @Test
  void everyEntityPrior_baseRateAbsent() {
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(Timelines.GRID)
            .outcomes(Outcomes.of("converted", Map.of("x", at("2026-02-01T00:00:00Z"))))
            .build()
            .start();
    r.event(event("x", "demo", "2026-01-01T00:00:00Z"));
    Summary.OutcomeFigures o = r.finish().summary().outcomes().orElseThrow();
    assertEquals(0, o.entities());
    assertEquals(1, o.prior());
    assertEquals(Optional.empty(), o.baseRate());
    assertEquals(Optional.empty(), o.tiers().get("none").rate());
    assertEquals(OptionalDouble.empty(), o.auc());
  }

  @Test
  void withoutOutcomes_noOutcomeFigures_peakOverEveryStep() {
    Replay r = Backtest.builder(Timelines.MODEL).schedule(Timelines.GRID).build().start();
    Timelines.feed(r);
    BacktestResult result = r.finish();
    assertEquals(Optional.empty(), result.summary().outcomes());
    assertEquals("hot", entity(result, "a").peakTier());
    assertEquals(Optional.of(Points.of(70)), entity(result, "a").highestScore());
    assertEquals(List.of("demo", "invite"), entity(result, "a").firedBeforeOutcome());
  }

  @Test
  void eventAtOrBeforeAScoredStep_isRefusedNamingBothInstants() {
    Replay r = Backtest.builder(Timelines.MODEL).schedule(Timelines.GRID).build().start();
    r.event(event("a", "invite", "2026-03-02T06:00:00Z"));
    assertEquals(Optional.of(at("2026-03-02T00:00:00Z")), r.lastStep());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> r.event(event("b", "invite", "2026-03-02T00:00:00Z")));
    assertTrue(e.getMessage().contains("2026-03-02T00:00:00Z is at or before"), e.getMessage());
    assertTrue(e.getMessage().contains("time order"), e.getMessage());
    // Between two steps, any order.
    r.event(event("b", "invite", "2026-03-02T23:00:00Z"));
    r.event(event("c", "invite", "2026-03-02T01:00:00Z"));
    assertEquals(3, r.finish().summary().entities());
  }

  @Test
  void eventsAfterTheGridsEnd_areIgnoredAndCounted() {
    Replay r = Backtest.builder(Timelines.MODEL).schedule(Timelines.GRID).build().start();
    r.event(event("a", "demo", "2026-03-01T06:00:00Z"));
    assertFalse(r.event(event("late", "demo", "2026-03-05T00:00:01Z")));
    assertEquals(1, r.ignored());
    BacktestResult result = r.finish();
    assertEquals(1, result.summary().entities());
    assertEquals(5, result.steps().size(), "every step scored before the late event");
  }

  @Test
  void accountModel_unkeyedEvents_areIgnoredAndCounted() {
    Model accounts =
        Model.builder("acct")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("demo", Expr.occurred("demo"), 50, "demo"))
            .build();
    Replay r = Backtest.builder(accounts).schedule(Timelines.GRID).build().start();
    r.userTraits("u2", Map.of("email", Value.str("u2@acme.com")));
    assertTrue(r.event(event("u1", "demo", "2026-03-01T06:00:00Z").withAccount("globex")));
    assertFalse(r.event(event("u3", "demo", "2026-03-01T06:00:00Z")), "no account for u3");
    assertTrue(r.event(event("u2", "demo", "2026-03-01T07:00:00Z")));
    assertEquals(1, r.ignored());
    assertEquals(
        List.of("acme.com", "globex"),
        r.finish().entities().stream().map(EntityResult::entity).toList());
  }

  @Test
  void accountModel_eventsOfAnAccountAlone_countForTheAccount_userModelIgnoresThem() {
    Model accounts =
        Model.builder("acct")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("demo", Expr.occurred("demo"), 50, "demo"))
            .build();
    List<BatchScores> batches = new ArrayList<>();
    Replay r =
        Backtest.builder(accounts)
            .schedule(Timelines.GRID)
            .listener((at, cards, done, total) -> batches.add(cards))
            .build()
            .start();
    assertTrue(r.event(Event.ofAccount("globex", "demo", at("2026-03-01T06:00:00Z"))));
    BacktestResult result = r.finish();
    assertEquals(0, r.ignored());
    assertEquals(List.of("globex"), result.entities().stream().map(EntityResult::entity).toList());
    assertEquals(Points.of(50), batches.get(1).score(0));

    Replay users = Backtest.builder(Timelines.MODEL).schedule(Timelines.GRID).build().start();
    assertFalse(users.event(Event.ofAccount("globex", "demo", at("2026-03-01T06:00:00Z"))));
    assertEquals(1, users.ignored());
    assertEquals(0, users.finish().summary().entities());
  }

  @Test
  void memberModel_eventsOfAnAccountAlone_areTheAccountsOwnNeverAMembers() {
    Model users =
        Model.builder("team")
            .category("c", c -> c.rule("demo", Expr.occurred("demo"), 20, "demo (a member's)"))
            .build();
    Model m =
        Model.builder("acct")
            .memberModel(users)
            .rollup(Rollup.sum())
            .category("c", c -> c.rule("demo", Expr.occurred("demo"), 50, "demo"))
            .build();
    List<BatchScores> batches = new ArrayList<>();
    Replay r =
        Backtest.builder(m)
            .schedule(Timelines.GRID)
            .listener((at, cards, done, total) -> batches.add(cards))
            .build()
            .start();
    r.event(event("m0", "login", "2026-03-01T05:00:00Z").withAccount("acme"));
    assertTrue(r.event(Event.ofAccount("acme", "demo", at("2026-03-01T06:00:00Z"))));
    BacktestResult result = r.finish();
    assertEquals(1, result.summary().entities());
    // The account's demo: +50; m0 did none, so its card is 0 and the rollup 0.
    assertEquals(Points.of(50), batches.get(1).score(0));
    assertEquals(List.of("demo"), batches.get(1).firedRules(0));
  }

  @Test
  void cohort_scoresEachEntityOnceAtItsOwnInstant_skipsThoseWithoutTheEvent() {
    List<String> told = new ArrayList<>();
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(new Schedule.Cohort("signup", Duration.ofDays(2)))
            .outcomes(
                Outcomes.of(
                    "converted",
                    Map.of("x", at("2026-03-10T00:00:00Z"), "z", at("2026-03-03T00:00:00Z"))))
            .listener(
                (at, cards, done, total) ->
                    told.add(
                        at
                            + " "
                            + cards.entity(0)
                            + " "
                            + cards.score(0)
                            + " "
                            + done
                            + "/"
                            + total))
            .build()
            .start();
    r.event(event("x", "signup", "2026-03-01T10:00:00Z"));
    r.event(event("x", "invite", "2026-03-02T10:00:00Z"));
    r.event(event("z", "signup", "2026-03-02T00:00:00Z"));
    r.event(event("x", "signup", "2026-03-02T11:00:00Z")); // not its first: no new instant
    r.event(event("y", "demo", "2026-03-02T12:00:00Z")); // never signs up: skipped
    r.event(event("x", "demo", "2026-03-03T10:00:01Z")); // after x's instant: never counts
    r.traits("w", Map.of()); // traits only: skipped
    BacktestResult result = r.finish();
    assertEquals(List.of("2026-03-03T10:00:00Z x 20 1/-1", "2026-03-04T00:00:00Z z 0 2/-1"), told);
    Summary s = result.summary();
    assertEquals(2, s.steps(), "in a cohort, the entities scored");
    assertEquals(2, s.entities());
    assertEquals(2, s.skipped());
    assertEquals(List.of(), result.steps());
    EntityResult x = entity(result, "x");
    assertEquals(at("2026-03-03T10:00:00Z"), x.entered());
    assertEquals(1, x.steps());
    assertEquals(Map.of("warm", at("2026-03-03T10:00:00Z")), x.firstInTier());
    assertTrue(entity(result, "z").prior(), "outcome before its instant");
    Summary.OutcomeFigures o = s.outcomes().orElseThrow();
    assertEquals(1, o.entities());
    assertEquals(1, o.prior());
  }

  @Test
  void cohort_eventAfterAScoredInstant_isRefused() {
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(new Schedule.Cohort("signup", Duration.ZERO))
            .build()
            .start();
    r.event(event("x", "signup", "2026-03-01T10:00:00Z"));
    r.event(event("x", "demo", "2026-03-01T11:00:00Z"));
    assertThrows(
        IllegalArgumentException.class, () -> r.event(event("y", "demo", "2026-03-01T10:00:00Z")));
    assertEquals(Optional.of(at("2026-03-01T10:00:00Z")), r.lastStep());
  }

  @Test
  void cohort_clockStartedBeforeAnEventAlreadyFed_isRefused() {
    Replay r =
        Backtest.builder(Timelines.MODEL)
            .schedule(new Schedule.Cohort("signup", Duration.ZERO))
            .build()
            .start();
    r.event(event("x", "demo", "2026-03-01T11:00:00Z"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> r.event(event("y", "signup", "2026-03-01T10:00:00Z")));
    assertTrue(e.getMessage().contains("2026-03-01T11:00:00Z"), e.getMessage());
  }

  @Test
  void memberModel_isScoredFromWholeEntities() {
    Model users =
        Model.builder("team")
            .category(
                "c",
                c ->
                    c.rule(
                        "invites",
                        Signal.count("invites", "invite_sent").within(Window.days(7)).ge(3),
                        20,
                        "Invited 3+"))
            .build();
    Model m =
        Model.builder("acct")
            .memberModel(users)
            .rollup(Rollup.sum())
            .trait("icp", TraitType.BOOL)
            .category("fit", c -> c.rule("icp", Expr.trait("icp").eq(true), 15, "ICP"))
            .build();
    List<BatchScores> batches = new ArrayList<>();
    Replay r =
        Backtest.builder(m)
            .schedule(Timelines.GRID)
            .listener((at, cards, done, total) -> batches.add(cards))
            .build()
            .start();
    r.traits("acme", Map.of("icp", Value.bool(true)));
    for (int i = 0; i < 3; i++) {
      r.event(event("m" + i, "invite_sent", "2026-03-02T06:00:00Z").withAccount("acme"));
    }
    r.event(event("m0", "invite_sent", "2026-03-02T07:00:00Z"));
    r.event(event("m0", "invite_sent", "2026-03-02T08:00:00Z"));
    BacktestResult result = r.finish();
    assertEquals(1, result.summary().entities());
    // m0 has 3 invites within 7 days from 3 March: +20 rolled up; icp +15.
    assertEquals(Points.of(15), batches.get(0).score(0));
    assertEquals(Points.of(35), batches.get(2).score(0));
    assertEquals(List.of("icp"), batches.get(0).firedRules(0));
  }

  @Test
  void finish_twice_isRefused() {
    Replay r = Backtest.builder(Timelines.MODEL).schedule(Timelines.GRID).build().start();
    r.finish();
    assertThrows(IllegalStateException.class, r::finish);
    assertThrows(
        IllegalStateException.class, () -> r.event(event("a", "demo", "2026-03-09T00:00:00Z")));
  }

  @Test
  void storeKeepsEntitiesWhoseEventsNoAggregateReads() {
    // "other" is read by no rule: the entity still has a card, as the reference gives it one.
    Replay r = Backtest.builder(Timelines.MODEL).schedule(Timelines.GRID).build().start();
    r.event(event("q", "other", "2026-03-01T06:00:00Z"));
    BacktestResult result = r.finish();
    assertEquals(1, result.summary().entities());
    assertEquals(at("2026-03-02T00:00:00Z"), entity(result, "q").entered());
  }
}
