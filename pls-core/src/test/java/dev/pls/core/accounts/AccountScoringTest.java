package dev.pls.core.accounts;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Account models scored by hand: the seed's PQA table (seed 002, section 3) over a rolled-up team.
 *
 * <p>The team of {@link #acme}: eleven members m01..m11 as of Friday 2026-11-20 12:00 UTC.
 *
 * <ul>
 *   <li>each logs in at T-1d; m01..m05 also send 3 invites (T-1d, T-2d, T-3d): member score 20;
 *   <li>m08..m10 also logged in at T-20d (so they are not new this week); m09 and m10 at T-10d too
 *       (active in week 1);
 *   <li>m01..m06 are in "eng", m07..m11 in "marketing"; m01 is the CEO;
 *   <li>m11 is internal: the member model excludes it, so it counts nowhere in the account, not
 *       even its 3 invites.
 * </ul>
 *
 * So 10 included members, all active in the last 30 days, 2 departments, 7 new this week, 2 active
 * in week 1; member scores 20 x 5 + 0 x 5: the sum rollup is 100.
 */
class AccountScoringTest {

  static Stream<Function<Model, Scorer>> scorers() {
    return Stream.of(Scorer::reference, Scorer::fast);
  }

  static final Signal INVITES = Signal.count("invites", "invite_sent");

  static Model userModel() {
    return Model.builder("team_pql")
        .trait("department", TraitType.STRING)
        .trait("title", TraitType.STRING)
        .trait("internal", TraitType.BOOL)
        .category(
            "collaboration",
            c -> c.rule("invites", INVITES.within(Window.days(7)).ge(3), 20, "Invited 3+"))
        .exclude(Expr.trait("internal").eq(true), "internal user")
        .tier("hot", Expr.score().ge(30))
        .tier("warm", Expr.score().ge(10))
        .build();
  }

  static final Expr ACTIVE_30D = MemberAggregate.active(EventFilter.any()).within(Window.days(30));
  static final Expr DEPARTMENTS =
      MemberAggregate.distinctAmongActive("department", EventFilter.any()).within(Window.days(30));

  /** The seed's PQA table, with "users" read as members active in the last 30 days. */
  static Model accountModel(Rollup rollup) {
    return Model.builder("team_pqa")
        .memberModel(userModel())
        .rollup(rollup)
        .trait("employees", TraitType.INT)
        .trait("icp", TraitType.BOOL)
        .category(
            "adoption",
            c ->
                c.rule("five_active", ACTIVE_30D.ge(5), 30, "5+ active users")
                    .rule("two_departments", DEPARTMENTS.ge(2), 20, "2+ departments active"))
        .category(
            "fit",
            c ->
                c.rule("enterprise_size", Expr.trait("employees").ge(500), 20, "500+ employees")
                    .rule("icp", Expr.trait("icp").eq(true), 15, "Matches ICP"))
        .tier(
            "tier1_enterprise",
            Expr.all(
                ACTIVE_30D.ge(10),
                DEPARTMENTS.ge(2),
                Expr.trait("icp").eq(true),
                Expr.score().gt(150)))
        .tier("tier2_mid_market", ACTIVE_30D.between(5, 10).and(Expr.score().between(80, 150)))
        .tier("tier3_smb", ACTIVE_30D.between(2, 5).and(Expr.score().between(40, 80)))
        .tier("tier4_individual", ACTIVE_30D.eq(1))
        .build();
  }

  static Instant daysAgo(int days) {
    return AS_OF.minus(Duration.ofDays(days));
  }

  static Entity member(int i, boolean withAccountId) {
    String id = String.format(java.util.Locale.ROOT, "m%02d", i);
    List<Event> events = new ArrayList<>();
    Function<Event, Event> inAccount = e -> withAccountId ? e.withAccount("acme") : e;
    events.add(inAccount.apply(Event.of(id, "login", daysAgo(1))));
    if (i <= 5 || i == 11) {
      for (int d = 1; d <= 3; d++) {
        events.add(inAccount.apply(Event.of(id, "invite_sent", daysAgo(d))));
      }
    }
    if (i >= 8 && i <= 10) {
      events.add(Event.of(id, "login", daysAgo(20)));
    }
    if (i == 9 || i == 10) {
      events.add(Event.of(id, "login", daysAgo(10)));
    }
    Entity.Builder b = Entity.builder(id).trait("department", i <= 6 ? "eng" : "marketing");
    if (i == 1) {
      b.trait("title", "CEO");
    }
    if (i == 11) {
      b.trait("internal", true);
    }
    return b.events(events).build();
  }

  static Entity acme(boolean icp) {
    Entity.Builder b = Entity.builder("acme").trait("employees", 900).trait("icp", icp);
    // Members in reverse order: cards list them by id whatever the input order.
    for (int i = 11; i >= 1; i--) {
      b.member(member(i, i % 2 == 0));
    }
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void theSeedsTierOneAccount(Function<Model, Scorer> scorer) {
    ScoreCard card = scorer.apply(accountModel(Rollup.sum())).score(acme(true), AS_OF);
    // 100 rollup + 30 five active + 20 two departments + 20 size + 15 icp
    assertEquals(Points.of(185), card.score());
    assertEquals("tier1_enterprise", card.tier());
    assertEquals(
        List.of("members", "five_active", "two_departments", "enterprise_size", "icp"),
        card.contributions().stream().map(c -> c.ruleId()).toList());
    assertEquals("Sum of member scores", card.contributions().get(0).label());
    assertEquals(
        List.of(new SignalValue("members", Optional.empty(), Optional.of(Value.num(10)))),
        card.contributions().get(0).values());
    assertEquals("members", card.categories().get(0).name());
    assertEquals(Points.of(100), card.categories().get(0).total());
    assertEquals(11, card.members().size());
    assertEquals("m01", card.members().get(0).entity());
    assertEquals(Points.of(20), card.member("m01").orElseThrow().score());
    assertEquals("warm", card.member("m01").orElseThrow().tier());
    assertTrue(card.member("m11").orElseThrow().isExcluded());
    assertEquals(
        new SignalValue("active_members(any)", Optional.of(Window.days(30)), Optional.of(num(10))),
        card.contribution("five_active").orElseThrow().values().get(0));
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void withoutAnIcpMatchTheAccountFallsInTheTablesGap(Function<Model, Scorer> scorer) {
    ScoreCard card = scorer.apply(accountModel(Rollup.sum())).score(acme(false), AS_OF);
    // 170 is above tier 2's 80-150, and tier 1 needs the ICP match: the seed's table has no tier.
    assertEquals(Points.of(170), card.score());
    assertEquals("none", card.tier());
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void rollupKindsAndTheMemberCap(Function<Model, Scorer> scorer) {
    assertEquals(Points.of(20), rollup(scorer, Rollup.max()));
    assertEquals(Points.of(10), rollup(scorer, Rollup.average()));
    assertEquals(Points.of(60), rollup(scorer, Rollup.top(3)));
    assertEquals(Points.of(100), rollup(scorer, Rollup.top(50)));
    ScoreCard capped =
        scorer.apply(accountModel(Rollup.sum().memberCap(15))).score(acme(true), AS_OF);
    var c = capped.contributions().get(0);
    assertEquals("Sum of member scores (each at most 15)", c.label());
    assertEquals(Points.of(100), c.points());
    assertEquals(Points.of(75), c.applied());
    assertTrue(capped.categories().get(0).limited());
    assertEquals(Points.of(160), capped.score());
    assertEquals("tier1_enterprise", capped.tier());
  }

  private static Points rollup(Function<Model, Scorer> scorer, Rollup rollup) {
    return scorer.apply(accountModel(rollup)).score(acme(true), AS_OF).categories().get(0).total();
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void averageRoundsToTheHundredthHalfToEven(Function<Model, Scorer> scorer) {
    // Three members scoring 20, 0, 0: 6.666... rounds to 6.67. Members m01 (20), m06, m07 (0).
    Entity team =
        Entity.builder("acme")
            .member(member(1, false))
            .member(member(6, false))
            .member(member(7, false))
            .build();
    ScoreCard card = scorer.apply(accountModel(Rollup.average())).score(team, AS_OF);
    assertEquals(Points.parse("6.67"), card.categories().get(0).total());
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void memberSignals(Function<Model, Scorer> scorer) {
    Model model = accountModel(Rollup.sum());
    List<Expr> values =
        List.of(
            MemberAggregate.count().allTime(),
            MemberAggregate.where(Expr.trait("title").in("CEO", "CTO")).allTime(),
            MemberAggregate.active(EventFilter.any()).within(Window.days(7)),
            MemberAggregate.active(EventFilter.of("invite_sent")).allTime(),
            MemberAggregate.newMembers(EventFilter.any()).within(Window.days(7)),
            MemberAggregate.atTier("warm").allTime(),
            MemberAggregate.atTier("hot").allTime(),
            MemberAggregate.distinct("department").allTime(),
            MemberAggregate.distinctAmongActive("department", EventFilter.of("invite_sent"))
                .within(Window.days(7)),
            MemberAggregate.activeGrowth(EventFilter.any()).allTime(),
            MemberAggregate.activeGrowth(EventFilter.of("invite_sent")).allTime(),
            Signal.inline(Aggregate.count("invite_sent")).within(Window.days(7)));
    List<Optional<Value>> expected =
        List.of(
            Optional.of(num(10)),
            Optional.of(num(1)),
            Optional.of(num(10)),
            Optional.of(num(5)),
            Optional.of(num(7)),
            Optional.of(num(5)),
            Optional.of(num(0)),
            Optional.of(num(2)),
            Optional.of(num(1)),
            Optional.of(num(400)), // (10 - 2) * 100 / 2
            Optional.empty(), // nobody invited in week 1
            Optional.of(num(15))); // m11's 3 invites do not count
    for (int i = 0; i < values.size(); i++) {
      Model probe = probe(model, values.get(i));
      ScoreCard card = scorer.apply(probe).score(acme(true), AS_OF);
      assertEquals(expected.get(i), card.contributions().get(1).values().get(0).value(), "" + i);
    }
  }

  /** The model with one more rule that always fires and shows {@code value}. */
  private static Model probe(Model model, Expr value) {
    Model.Builder b =
        Model.builder("probe").memberModel(model.memberModel().orElseThrow()).rollup(Rollup.sum());
    model.traits().forEach(b::trait);
    b.category("probe", c -> c.rule("probe", value.isMissing().or(value.isPresent()), 0, "probe"));
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void anAccountWithoutMembersHasNoRollupContribution(Function<Model, Scorer> scorer) {
    ScoreCard card =
        scorer.apply(accountModel(Rollup.sum())).score(Entity.builder("solo").build(), AS_OF);
    assertEquals(Points.ZERO, card.score());
    assertTrue(card.contributions().isEmpty());
    assertEquals("members", card.categories().get(0).name());
    assertEquals("none", card.tier());
  }

  @ParameterizedTest
  @MethodSource("scorers")
  void membersAreChecked(Function<Model, Scorer> scorer) {
    Scorer s = scorer.apply(accountModel(Rollup.sum()));
    Entity elsewhere =
        Entity.builder("acme")
            .member(
                Entity.builder("u1")
                    .event(Event.of("u1", "login", daysAgo(1)).withAccount("globex"))
                    .build())
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.score(elsewhere, AS_OF));
    assertEquals(
        "entity.members[0].events[0]: belongs to account 'globex', not to 'acme'", e.getMessage());
    Entity wrongType =
        Entity.builder("acme").member(Entity.builder("u1").trait("department", 3).build()).build();
    e = assertThrows(IllegalArgumentException.class, () -> s.score(wrongType, AS_OF));
    assertEquals(
        "entity.members[0].traits['department']: must be string, was number 3", e.getMessage());
    Scorer users = scorer.apply(userModel());
    Entity team = acme(true);
    e = assertThrows(IllegalArgumentException.class, () -> users.score(team, AS_OF));
    assertTrue(e.getMessage().startsWith("entity.members: model 'team_pql' does not roll up"));
  }

  @Test
  void modelBuildErrors() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Model.builder("x")
                    .category("c", c -> c.rule("r", ACTIVE_30D.ge(1), 1, "r"))
                    .build());
    assertTrue(e.getMessage().contains("only an account model that rolls up"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Model.builder("x")
                    .memberModel(userModel())
                    .category(
                        "c",
                        c ->
                            c.rule(
                                "r",
                                MemberAggregate.newMembers(EventFilter.any()).allTime().ge(1),
                                1,
                                "r"))
                    .build());
    assertTrue(e.getMessage().contains("needs a window"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Model.builder("x")
                    .memberModel(userModel())
                    .category(
                        "c",
                        c -> c.rule("r", MemberAggregate.atTier("cold").allTime().ge(1), 1, "r"))
                    .build());
    assertTrue(e.getMessage().contains("has no tier 'cold'"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Model.builder("x")
                    .memberModel(userModel())
                    .category("members", c -> c.rule("r", Expr.trait("t").isMissing(), 1, "r"))
                    .build());
    assertTrue(e.getMessage().contains("the rollup's category"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Model.builder("x").memberModel(accountModel(Rollup.sum())));
    assertFalse(userModel().memberModel().isPresent());
  }

  private static Value num(long n) {
    return Value.num(n);
  }
}
