package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Decay;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Trait;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each construct of the language compiles to what the Java builder makes. */
class CompilerTest {
  private static final String HEADER =
      "model m\ntrait employees: int\ntrait industry: string\ntrait plan: string\n"
          + "signal invites = count(invite_sent)\n";

  private static Model compile(String text) {
    Compilation c = RulesLanguage.compile("t.pls", text);
    assertEquals("", c.render());
    return c.model().orElseThrow();
  }

  /** The condition of the only rule of {@code category c { <rule> }}. */
  private static Expr condition(String rule) {
    Model m = compile(HEADER + "category c {\n  " + rule + " : +1 [r]\n}\n");
    return m.rule("r").orElseThrow().condition();
  }

  private static final Signal INVITES = Signal.count("invites", "invite_sent");

  @Test
  void decay_afterThePoints_compilesToTheRulesDecay() {
    Compilation c =
        RulesLanguage.compile(
            "d.pls",
            "model m\nsignal invites = count(invite_sent)\ncategory c {\n"
                + "  invites >= 2 within 14d : +20 decay linear 60d \"Invited 2+\" [invites_2]\n"
                + "  invites >= 1 within 7d : -5 decay half_life 2w \"Invited\"\n"
                + "  invites >= 9 : +1 \"Nine\" [decay]\n}\n");
    assertTrue(c.succeeded(), c.render());
    Model m = c.model().orElseThrow();
    assertEquals(
        Optional.of(Decay.linear(60, Window.Unit.DAYS)), m.rule("invites_2").get().decay());
    assertEquals(
        Optional.of(Decay.halfLife(2, Window.Unit.WEEKS)), m.rule("invited").get().decay());
    // decay stays usable as a name
    assertEquals(Optional.empty(), m.rule("decay").get().decay());
  }

  @Test
  void decay_misspeltShape_isPls0408WithDidYouMean() {
    Compilation c =
        RulesLanguage.compile(
            "d.pls",
            "model m\ncategory c {\n  count(a) >= 1 within 7d : +2 decay halflife 14d \"A\"\n}\n");
    assertFalse(c.succeeded());
    assertTrue(
        c.render()
            .contains(
                "error PLS0408: unknown decay 'halflife'; use linear or half_life;"
                    + " did you mean 'half_life'?"),
        c.render());
  }

  @Test
  void within_afterCondition_appliesToEveryAggregateWithoutAWindow() {
    assertEquals(
        INVITES
            .within(Window.days(7))
            .gt(1)
            .and(Expr.agg(Aggregate.count("page_viewed"), Window.days(7)).lt(5)),
        condition("invites > 1 and count(page_viewed) < 5 within 7d"));
  }

  @Test
  void within_onAnAggregateCall_bindsToThatCallOnly() {
    assertEquals(
        Expr.agg(Aggregate.count(EventFilter.any()), Window.days(1))
            .gt(5)
            .and(INVITES.within(Window.days(30)).ge(1)),
        condition("count(any) within 1d > 5 and invites >= 1 within 30d"));
  }

  @Test
  void within_insideParentheses_staysInside() {
    assertEquals(
        Expr.agg(Aggregate.daysSince(EventFilter.of("signed_up")))
            .ge(30)
            .and(INVITES.within(Window.days(7)).eq(0)),
        condition("days_since(signed_up) >= 30 and (invites == 0 within 7d)"));
  }

  @Test
  void eventName_asCondition_isOccurredAtLeastOnce() {
    assertEquals(
        Expr.occurred("usage_limit_hit", Window.days(30)), condition("usage_limit_hit within 30d"));
    assertEquals(Expr.occurred("usage_limit_hit"), condition("usage_limit_hit"));
  }

  @Test
  void quotedEventNamesAndAliases_nameTheSameEvent() {
    Model m =
        compile(
            "model m\nevent invite = \"Invite Sent\"\ncategory c {\n"
                + "  count(\"Invite Sent\") >= 1 : +1 [a]\n  invite within 7d : +1 [b]\n}\n");
    assertEquals(
        Expr.agg(Aggregate.count("Invite Sent")).ge(1), m.rule("a").orElseThrow().condition());
    assertEquals(
        Expr.occurred("Invite Sent", Window.days(7)), m.rule("b").orElseThrow().condition());
  }

  @Test
  void traitWithASourceName_compilesToATraitReadFromThatName() {
    Model m =
        compile(
            "model m\ntrait minutes = \"Total Time Spent on Website\": int\ntrait city: string\n"
                + "category c {\n  minutes >= 30 : +1 [r]\n}\n");
    assertEquals(
        List.of(
            new Trait("minutes", TraitType.INT, "Total Time Spent on Website"),
            new Trait("city", TraitType.STRING)),
        m.traits());
    assertEquals(Expr.trait("minutes").ge(30), m.rule("r").orElseThrow().condition());
  }

  @Test
  void twoTraitsReadFromOneSourceName_isPls0205NamingTheFirst() {
    Compilation c =
        RulesLanguage.compile(
            "t.pls",
            "model m\ntrait minutes = \"Time\": int\ntrait time_on_site = \"Time\": int\n"
                + "trait Time: int\ncategory c {\n  minutes >= 30 : +1 [r]\n}\n");
    assertEquals(
        "t.pls:3:22: error PLS0205: trait 'time_on_site' reads \"Time\", which trait 'minutes' on"
            + " line 2 already reads\n",
        c.render().lines().limit(1).map(l -> l + "\n").findFirst().orElseThrow());
    assertTrue(
        c.render().contains("error PLS0205: trait 'Time' reads \"Time\", which trait 'minutes'"),
        c.render());
  }

  @Test
  void misspeltTraitWithASourceName_suggestsTheModelsName() {
    Compilation c =
        RulesLanguage.compile(
            "t.pls",
            "model m\ntrait minutes = \"Total Time Spent on Website\": int\n"
                + "category c {\n  minute >= 30 : +1 [r]\n}\n");
    assertTrue(c.render().contains("did you mean 'minutes'?"), c.render());
  }

  @Test
  void everyAggregateKind_compilesToItsCoreAggregate() {
    EventFilter fu = EventFilter.of("feature_used");
    assertEquals(
        Expr.agg(Aggregate.sum(fu.where(Expr.prop("n").gt(0)), "n")).ge(1),
        condition("sum(feature_used.n where n > 0) >= 1"));
    assertEquals(Expr.agg(Aggregate.min(fu, "n")).ge(1), condition("min(feature_used.n) >= 1"));
    assertEquals(Expr.agg(Aggregate.max(fu, "n")).ge(1), condition("max(feature_used.n) >= 1"));
    assertEquals(
        Expr.agg(Aggregate.activeDays(fu)).ge(1), condition("active_days(feature_used) >= 1"));
    assertEquals(
        Expr.agg(Aggregate.firstSeen(fu)).lt(Expr.agg(Aggregate.lastSeen(fu))),
        condition("first_seen(feature_used) < last_seen(feature_used)"));
    assertEquals(
        Expr.agg(Aggregate.trend(EventFilter.any(), 4)).lt(-0.5),
        condition("trend(any, 4w) < -0.5"));
    assertEquals(
        Expr.agg(Aggregate.growthWeeks(EventFilter.any())).ge(3),
        condition("growth_weeks(any) >= 3"));
  }

  @Test
  void operators_compileToTheirCoreExpressions() {
    Expr employees = Expr.trait("employees");
    Expr industry = Expr.trait("industry");
    assertEquals(
        employees.times(2).plus(1).div(3).minus(4).ge(5),
        condition("(employees * 2 + 1) / 3 - 4 >= 5"));
    assertEquals(employees.between(50, 500), condition("employees between 50 and 500"));
    assertEquals(new Expr.Not(industry.in("a", "b")), condition("industry not in {\"a\", \"b\"}"));
    assertEquals(employees.isMissing(), condition("employees is missing"));
    assertEquals(employees.isPresent(), condition("employees is present"));
    assertEquals(
        new Expr.Lower(industry).eq("saas").or(employees.gt(1).not()),
        condition("lower(industry) == \"saas\" or not employees > 1"));
    assertEquals(
        Expr.all(employees.gt(1), employees.gt(2), employees.gt(3)),
        condition("employees > 1 and employees > 2 and employees > 3"));
  }

  @Test
  void headerCategoriesExclusionsAndTiers_compileToTheModel() {
    Model m =
        compile(
            "model acct version 2\n  entity account\n  resolution 1h\n  timezone"
                + " \"Europe/Paris\"\n"
                + "trait plan: string\nset paid = {\"pro\", \"team\"}\n"
                + "category c cap 30 floor -10.5 {\n"
                + "  plan in paid : +20.25 \"Paid plan\"\n"
                + "  count(any) >= 1 within 12h : +15\n"
                + "  plan == \"free\" : -20 \"Free plan\"\n}\n"
                + "exclude plan == \"internal\" : \"internal account\"\n"
                + "tier hot when score >= 30 and plan in paid\n");
    assertEquals(2, m.version());
    assertEquals(EntityKind.ACCOUNT, m.entity());
    assertEquals(Resolution.HOUR, m.resolution());
    assertEquals(ZoneId.of("Europe/Paris"), m.zone());
    var c = m.categories().get(0);
    assertEquals(Optional.of(Points.parse("30")), c.cap());
    assertEquals(Optional.of(Points.parse("-10.5")), c.floor());
    assertEquals(
        new Rule(
            "paid_plan", "Paid plan", Expr.trait("plan").in("pro", "team"), Points.parse("20.25")),
        c.rules().get(0));
    Rule unlabelled = c.rules().get(1);
    assertEquals("c_2", unlabelled.id());
    assertEquals("count(any) >= 1 within 12h", unlabelled.label());
    assertEquals(
        Expr.agg(Aggregate.count(EventFilter.any()), Window.hours(12)).ge(1),
        unlabelled.condition());
    assertEquals("internal account", m.exclusions().get(0).reason());
    assertEquals(
        Expr.score().ge(30).and(Expr.trait("plan").in("pro", "team")),
        m.tiers().get(0).condition());
  }

  @Test
  void timezoneUtc_isTheBuildersDefaultZone() {
    Model m = compile("model m\n  timezone \"UTC\"\n");
    assertEquals(Model.builder("m").build(), m);
  }

  @Test
  void softKeywords_canBeUsedAsNames() {
    Model m =
        compile(
            "model model\ntrait tier: string\nsignal score_events = count(event where tier =="
                + " \"x\")\n"
                + "category category {\n  tier == \"gold\" : +1 [test]\n}\n");
    assertTrue(m.rule("test").isPresent());
  }
}
