package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Events of an account alone (Event.ofAccount: a contract signed, a seat bought, no user), scored
 * by hand as of AS_OF (2026-11-20T12:00Z). An account model counts them next to the events its
 * users did in it; a member model and the member aggregates never see them.
 */
class AccountEventsTest {
  private static Instant daysAgo(int days) {
    return AS_OF.minus(Duration.ofDays(days));
  }

  /** An account model reading its events: contracts, seats bought, any event this week. */
  private static Model accountModel() {
    return Model.builder("acct")
        .entity(EntityKind.ACCOUNT)
        .category(
            "buying",
            c ->
                c.rule(
                        "contract",
                        Expr.agg(Aggregate.count("contract_signed")).ge(1),
                        50,
                        "Signed a contract")
                    .rule(
                        "seats",
                        Expr.agg(Aggregate.sum(EventFilter.of("seats_bought"), "seats")).ge(10),
                        20,
                        "10+ seats bought")
                    .rule(
                        "busy",
                        Expr.agg(Aggregate.count(EventFilter.any()), Window.days(7)).ge(4),
                        10,
                        "4+ events this week"))
        .tier("hot", Expr.score().ge(70))
        .build();
  }

  /**
   * acme: u1 logged in at T-1d and T-2d in acme; the account itself signed a contract at T-3d and
   * bought 4 and 8 seats at T-10d and T-1d; one contract after T does not count yet.
   */
  private static Entity acme() {
    return Entity.builder("acme")
        .event(Event.of("u1", "login", daysAgo(1)).withAccount("acme"))
        .event(Event.of("u1", "login", daysAgo(2)).withAccount("acme"))
        .event(Event.ofAccount("acme", "contract_signed", daysAgo(3)))
        .event(Event.ofAccount("acme", "seats_bought", daysAgo(10), Map.of("seats", Value.num(4))))
        .event(Event.ofAccount("acme", "seats_bought", daysAgo(1), Map.of("seats", Value.num(8))))
        .event(Event.ofAccount("acme", "contract_signed", AS_OF.plusSeconds(1)))
        .build();
  }

  @EveryEngine
  void accountModel_countsItsOwnEventsNextToItsUsersEvents(Engine engine) {
    ScoreCard card = engine.scorer(accountModel()).score(acme(), AS_OF);
    // contract 50 (1 signed); seats 4 + 8 = 12 >= 10: 20; this week: 2 logins, 1 contract, 1
    // seats_bought = 4: 10. 80, hot.
    assertEquals(Points.of(80), card.score());
    assertEquals("hot", card.tier());
    assertEquals(
        List.of("contract", "seats", "busy"),
        card.contributions().stream().map(c -> c.ruleId()).toList());
    assertEquals(
        Optional.of(Value.num(4)), card.contribution("busy").orElseThrow().values().get(0).value());
  }

  @EveryEngine
  void accountModel_withOnlyItsOwnEvents_isScoredOnThem(Engine engine) {
    Entity onlyOwn =
        Entity.builder("globex")
            .event(Event.ofAccount("globex", "contract_signed", daysAgo(40)))
            .build();
    ScoreCard card = engine.scorer(accountModel()).score(onlyOwn, AS_OF);
    assertEquals(Points.of(50), card.score());
    assertEquals(List.of("contract"), card.contributions().stream().map(c -> c.ruleId()).toList());
  }

  /** A member model counting logins and contracts, rolled up by sum. */
  private static Model rollupModel() {
    Model members =
        Model.builder("member")
            .category(
                "use",
                c ->
                    c.rule("logins", Expr.agg(Aggregate.count("login")).ge(1), 5, "Logged in")
                        .rule(
                            "contract",
                            Expr.agg(Aggregate.count("contract_signed")).ge(1),
                            100,
                            "Signed (never, for a member)"))
            .build();
    Expr activeMembers = MemberAggregate.active(EventFilter.any()).within(Window.days(30));
    return Model.builder("team")
        .memberModel(members)
        .rollup(Rollup.sum())
        .category(
            "buying",
            c ->
                c.rule(
                        "contract",
                        Expr.agg(Aggregate.count("contract_signed")).ge(1),
                        50,
                        "Signed a contract")
                    .rule(
                        "busy",
                        Expr.agg(Aggregate.count(EventFilter.any()), Window.days(7)).ge(4),
                        10,
                        "4+ events this week")
                    .rule("two_active", activeMembers.ge(2), 7, "2+ active members"))
        .build();
  }

  /**
   * acme with two members: m1 logged in at T-1d, m2 at T-2d; the account's own contract at T-3d and
   * another event of the account at T-4d.
   */
  private static Entity team() {
    return Entity.builder("acme")
        .event(Event.ofAccount("acme", "contract_signed", daysAgo(3)))
        .event(Event.ofAccount("acme", "renewal_opened", daysAgo(4)))
        .member(Entity.builder("m1").event(Event.of("m1", "login", daysAgo(1))).build())
        .member(Entity.builder("m2").event(Event.of("m2", "login", daysAgo(2))).build())
        .build();
  }

  @EveryEngine
  void rollup_accountSignalsCountOwnAndMembersEvents_memberCardsNeverSeeTheAccountsOwn(
      Engine engine) {
    ScoreCard card = engine.scorer(rollupModel()).score(team(), AS_OF);
    // Members: 5 each (logins; no member has a contract): rollup 10. Account: contract 50; this
    // week 2 logins + 2 own = 4: 10; two active members (the account's own events make none): 7.
    assertEquals(Points.of(77), card.score());
    assertEquals(Points.of(5), card.member("m1").orElseThrow().score());
    assertFalse(card.member("m1").orElseThrow().fired("contract"));
    assertEquals(2, card.members().size());
    assertTrue(card.fired("contract"));
    assertEquals(
        new SignalValue("active_members(any)", Optional.of(Window.days(30)), Optional.of(num(2))),
        card.contribution("two_active").orElseThrow().values().get(0));
  }

  @EveryEngine
  void rollup_anAccountWithOnlyItsOwnEventsAndNoMembers_hasAnEmptyRollup(Engine engine) {
    Entity alone =
        Entity.builder("acme")
            .event(Event.ofAccount("acme", "contract_signed", daysAgo(3)))
            .build();
    ScoreCard card = engine.scorer(rollupModel()).score(alone, AS_OF);
    assertEquals(Points.of(50), card.score());
    assertTrue(card.members().isEmpty());
  }

  private static Value num(int n) {
    return Value.num(n);
  }
}
