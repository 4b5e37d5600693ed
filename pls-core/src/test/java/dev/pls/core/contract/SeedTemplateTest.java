package dev.pls.core.contract;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Cards;
import dev.pls.core.testing.SeedTemplate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/*
 * Hand-computed cards for the seed document's PQL template (SeedTemplate), scored by every
 * engine as of T = 2026-11-20T12:00:00Z (a Friday) in UTC.
 *
 * Calendar used by every comment below:
 *   within 7d  = 2026-11-14 .. 2026-11-20 (up to 12:00)
 *   within 14d = 2026-11-07 .. 2026-11-20
 *   within 30d = 2026-10-22 .. 2026-11-20
 *   week 0 = 11-14..11-20, week 1 = 11-07..11-13, week 2 = 10-31..11-06, week 3 = 10-24..10-30
 *
 * Five users between them fire every one of the template's 29 rules and land in every tier:
 * a = hot (260), b = warm (55), c = emerging (40), e = emerging at exactly 30, d = none (-10).
 */
class SeedTemplateTest {
  private static final Model MODEL = SeedTemplate.model();
  private final Scorer scorer;

  SeedTemplateTest(Engine engine) {
    this.scorer = engine.scorer(MODEL);
  }

  /*
   * User a (events in userA() below) signed up two days ago and did nearly everything; all 22 events fall in week 0 on
   * 11-18..11-20, so the velocity rules on daily activity and growth stay quiet.
   *
   * feature_usage: premium features within 30d {sso, audit_log, api_keys} = 3 -> +10 +15;
   *   usage_limit_hit 1 -> +20; api_called 1 (integration_enabled 0) -> +15;
   *   features within 14d {sso, audit_log, api_keys, dashboards, reports} = 5 -> +10;  = 70
   * collaboration: 6 invites within 7d -> +30; domain_users 12 -> +25; external share -> +10;  = 65
   * velocity: signed_up 09:00 -> activated 09:45 = 45 minutes < 60 -> +10;
   *   active days within 30d = 3, 3/30 = 0.1 (no DAU/MAU rule); active days within 7d = 3 (< 5);
   *   weekly counts w0 = 22 > w1 = 0, then 0 > 0 fails: growth 1 (< 3);  = 10
   * intent: 3 pricing views -> +20; enterprise feature -> +30; billing support -> +20;  = 70
   * firmographic: 1200 employees -> +20; software -> +10; icp -> +15;  = 45
   * negative: last event today (days_since 0); trend of [0, 0, 0, 22] is positive; signed up
   *   2 days ago, so neither 30-day rule applies;  = 0
   * score = 70 + 65 + 10 + 70 + 45 + 0 = 260 >= 80 -> hot
   */
  @EveryEngine
  void score_powerUser_isHot() {
    Entity a = userA();

    assertEquals(
        List.of(
            "score 260, tier hot",
            "feature_usage: total 70 (positive 70, negative 0)",
            "collaboration: total 65 (positive 65, negative 0)",
            "velocity: total 10 (positive 10, negative 0)",
            "intent: total 70 (positive 70, negative 0)",
            "firmographic: total 45 (positive 45, negative 0)",
            "negative: total 0 (positive 0, negative 0)",
            "feature_usage/premium_any +10 | premium_used within 30d = 3",
            "feature_usage/premium_3 +15 | premium_used within 30d = 3",
            "feature_usage/usage_limit +20 | count(usage_limit_hit) within 30d = 1",
            "feature_usage/api_integrations +15 | count(api_called) within 30d = 1,"
                + " count(integration_enabled) within 30d = 0",
            "feature_usage/feature_breadth +10 | features_used within 14d = 5",
            "collaboration/invites_6 +30 | invites within 7d = 6",
            "collaboration/domain_users_10 +25 | domain_users = 12",
            "collaboration/shared_externally +10"
                + " | count(content_shared where external == true) within 30d = 1",
            "velocity/activated_fast +10 | minutes_between(signed_up, activated) = 45",
            "intent/pricing_3 +20 | pricing_views within 30d = 3",
            "intent/enterprise_features +30 | count(enterprise_feature_requested) within 30d = 1",
            "intent/billing_contact +20"
                + " | count(support_contacted where topic in {\"billing\", \"plans\"})"
                + " within 30d = 1",
            "firmographic/size_500 +20 | employees = 1200",
            "firmographic/target_industry +10 | industry = \"software\"",
            "firmographic/icp +15 | icp = true"),
        Cards.lines(scorer.score(a, AS_OF)));
  }

  /*
   * User b is a mid-size prospect in a non-target industry.
   *
   * collaboration: invites within 7d = 3 (11-17, 11-18, 11-19; the one on 11-10 is outside the
   *   window) -> +20; domain_users 5 -> +15;  = 35
   * intent: pricing views within 30d = 2 (11-16, 11-19; /docs does not match the filter, 10-15
   *   is outside the window) -> 1-2 band, +10;  = 10
   * firmographic: 200 employees -> 50-500, +10; retail is no target industry; icp false;  = 10
   * velocity: no signed_up event, so minutes_between is missing and "< 60" is false;
   *   active days within 30d {11-10, 11-16, 11-17, 11-18, 11-19} = 5, 5/30 <= 0.3;
   *   active days within 7d = 4 (< 5); weekly counts w0 = 6, w1 = 1, w2 = 0: growth 2 (< 3);  = 0
   * score = 35 + 10 + 10 = 55, in 50..79 -> warm
   */
  @EveryEngine
  void score_midSizeProspect_isWarm() {
    Entity b = userB();

    assertEquals(
        List.of(
            "score 55, tier warm",
            "feature_usage: total 0 (positive 0, negative 0)",
            "collaboration: total 35 (positive 35, negative 0)",
            "velocity: total 0 (positive 0, negative 0)",
            "intent: total 10 (positive 10, negative 0)",
            "firmographic: total 10 (positive 10, negative 0)",
            "negative: total 0 (positive 0, negative 0)",
            "collaboration/invites_3_5 +20 | invites within 7d = 3",
            "collaboration/domain_users_3 +15 | domain_users = 5",
            "intent/pricing_viewed +10 | pricing_views within 30d = 2",
            "firmographic/size_50_500 +10 | employees = 200"),
        Cards.lines(scorer.score(b, AS_OF)));
  }

  /*
   * User c uses the product a little more every week and has no traits at all.
   *
   * One session_started at 10:00 on each of: 11-02, 11-03 (week 2); 11-09, 11-10, 11-11
   * (week 1); 11-16, 11-17, 11-18, 11-19, 11-20 (week 0).
   *
   * velocity: active days within 30d = 10, 10/30 = 0.333... in (0.3, 0.5] -> +10;
   *   weekly counts w0 = 5 > w1 = 3 > w2 = 2 > w3 = 0, then 0 > 0 fails: growth 3 -> +15;
   *   active days within 7d = 5 -> +15;  = 40
   * firmographic: every trait is missing, so every comparison on them is false;  = 0
   * negative: last event today; trend of [0, 2, 3, 5] is positive;  = 0
   * score = 40, in 30..49 -> emerging
   */
  @EveryEngine
  void score_growingUserWithoutTraits_isEmerging() {
    Entity c = userC();

    assertEquals(
        List.of(
            "score 40, tier emerging",
            "feature_usage: total 0 (positive 0, negative 0)",
            "collaboration: total 0 (positive 0, negative 0)",
            "velocity: total 40 (positive 40, negative 0)",
            "intent: total 0 (positive 0, negative 0)",
            "firmographic: total 0 (positive 0, negative 0)",
            "negative: total 0 (positive 0, negative 0)",
            "velocity/dau_mau_03 +10 | active_days within 30d = 10",
            "velocity/usage_increasing +15 | growth_weeks(any) = 3",
            "velocity/active_5_of_7 +15 | active_days within 7d = 5"),
        Cards.lines(scorer.score(c, AS_OF)));
  }

  /*
   * User e is active most days and invited two teammates: exactly on the emerging threshold.
   *
   * One session_started at 10:00 on 11-01..11-06 (week 2: 6), 11-08..11-13 (week 1: 6) and
   * 11-17..11-20 (week 0: 4), two invite_sent on 11-19 (week 0: 6 in all).
   *
   * collaboration: invites within 7d = 2 -> 1-2 band, +10;  = 10
   * velocity: active days within 30d = 6 + 6 + 4 = 16, 16/30 = 0.533... > 0.5 -> +20 (and not
   *   the (0.3, 0.5] band); active days within 7d = 4 (< 5); w0 = 6 > w1 = 6 fails: growth 0;
   *   = 20
   * negative: trend of [0, 6, 6, 6] is positive;  = 0
   * score = 30 >= 30 -> emerging
   */
  @EveryEngine
  void score_dailyUserOnThreshold_isEmerging() {
    Entity e = userE();

    assertEquals(
        List.of(
            "score 30, tier emerging",
            "feature_usage: total 0 (positive 0, negative 0)",
            "collaboration: total 10 (positive 10, negative 0)",
            "velocity: total 20 (positive 20, negative 0)",
            "intent: total 0 (positive 0, negative 0)",
            "firmographic: total 0 (positive 0, negative 0)",
            "negative: total 0 (positive 0, negative 0)",
            "collaboration/invites_1_2 +10 | invites within 7d = 2",
            "velocity/dau_mau_05 +20 | active_days within 30d = 16"),
        Cards.lines(scorer.score(e, AS_OF)));
  }

  /*
   * User d signed up in September, tried to upgrade in October and went quiet.
   *
   * Events: signed_up 09-01 10:00, activated 09-03 10:00 (2880 minutes later);
   * session_started 10-24, upgrade_started 10-26, session_started 10-28 (all week 3: days
   * 27, 25, 23 before T), session_started 11-02 (week 2: 18 days before T).
   *
   * intent: upgrade_started within 30d = 1 and upgrade_completed = 0 -> +25;  = 25
   * firmographic: 80 employees -> +10; fintech -> +10;  = 20
   * negative: days_since(any) = 18 >= 7 -> -20;
   *   trend of weekly counts [w3, w2, w1, w0] = [3, 1, 0, 0]: n = 4, sum x = 6, sum y = 4,
   *   sum xy = 1, sum xx = 14, slope = (4*1 - 6*4) / (4*14 - 6*6) = -20/20 = -1 < 0 -> -15;
   *   days_since(signed_up) = 80 (09-01 -> 11-20) >= 30, no invites ever, domain_users 1 -> -10;
   *   no premium feature ever -> -10;  = -55
   * velocity: 2880 minutes is not < 60; active days within 30d = 4;  = 0
   * score = 25 + 20 - 55 = -10 < 30 -> none
   */
  @EveryEngine
  void score_lapsedTrial_isNoneWithEveryNegativeRule() {
    Entity d = userD();

    assertEquals(
        List.of(
            "score -10, tier none",
            "feature_usage: total 0 (positive 0, negative 0)",
            "collaboration: total 0 (positive 0, negative 0)",
            "velocity: total 0 (positive 0, negative 0)",
            "intent: total 25 (positive 25, negative 0)",
            "firmographic: total 20 (positive 20, negative 0)",
            "negative: total -55 (positive 0, negative -55)",
            "intent/upgrade_abandoned +25 | count(upgrade_started) within 30d = 1,"
                + " count(upgrade_completed) within 30d = 0",
            "firmographic/size_50_500 +10 | employees = 80",
            "firmographic/target_industry +10 | industry = \"fintech\"",
            "negative/inactive_7d -20 | days_since(any) = 18",
            "negative/declining_usage -15 | trend(any, 4w) = -1",
            "negative/single_user_no_invites -10 | days_since(signed_up) = 80, invites = 0,"
                + " domain_users = 1",
            "negative/free_only -10 | days_since(signed_up) = 80, premium_used = 0"),
        Cards.lines(scorer.score(d, AS_OF)));
  }

  @EveryEngine
  void handComputedCards_together_fireEveryRuleOfTheTemplate() {
    // Guards the claim in the class comment: if the template gains a rule, a card must cover it.
    Set<String> fired = new TreeSet<>();
    for (String card : allExpectedContributionLines()) {
      fired.add(card.substring(card.indexOf('/') + 1, card.indexOf(' ')));
    }
    Set<String> all = new TreeSet<>(MODEL.rules().stream().map(Rule::id).toList());
    assertEquals(all, fired);
  }

  private List<String> allExpectedContributionLines() {
    return Stream.of(userA(), userB(), userC(), userD(), userE())
        .map(u -> scorer.score(u, AS_OF))
        .flatMap(c -> Cards.lines(c).stream())
        .filter(l -> l.contains("/"))
        .toList();
  }

  static Entity userA() {
    String u = "a";
    return Entity.builder(u)
        .trait("employees", 1200)
        .trait("industry", "software")
        .trait("icp", true)
        .trait("domain_users", 12)
        .events(
            List.of(
                event(u, "signed_up", "2026-11-18T09:00:00Z"),
                event(u, "activated", "2026-11-18T09:45:00Z"),
                event(
                    u, "feature_used", "2026-11-18T10:00:00Z", "feature", "sso", "tier", "premium"),
                event(
                    u,
                    "feature_used",
                    "2026-11-18T11:00:00Z",
                    "feature",
                    "audit_log",
                    "tier",
                    "premium"),
                event(
                    u,
                    "feature_used",
                    "2026-11-19T10:00:00Z",
                    "feature",
                    "api_keys",
                    "tier",
                    "premium"),
                event(
                    u,
                    "feature_used",
                    "2026-11-19T11:00:00Z",
                    "feature",
                    "dashboards",
                    "tier",
                    "free"),
                // no tier at all: counts for breadth, not for premium use
                event(u, "feature_used", "2026-11-19T12:00:00Z", "feature", "reports"),
                // sso again: distinct counts it once
                event(
                    u, "feature_used", "2026-11-20T09:00:00Z", "feature", "sso", "tier", "premium"),
                event(u, "usage_limit_hit", "2026-11-19T13:00:00Z"),
                event(u, "api_called", "2026-11-20T08:00:00Z"),
                event(u, "invite_sent", "2026-11-18T12:00:00Z"),
                event(u, "invite_sent", "2026-11-18T13:00:00Z"),
                event(u, "invite_sent", "2026-11-18T14:00:00Z"),
                event(u, "invite_sent", "2026-11-18T15:00:00Z"),
                event(u, "invite_sent", "2026-11-18T16:00:00Z"),
                event(u, "invite_sent", "2026-11-18T17:00:00Z"),
                event(u, "content_shared", "2026-11-19T14:00:00Z", "external", true),
                event(u, "page_viewed", "2026-11-18T18:00:00Z", "path", "/pricing"),
                event(u, "page_viewed", "2026-11-19T18:00:00Z", "path", "/pricing"),
                event(u, "page_viewed", "2026-11-20T10:00:00Z", "path", "/pricing"),
                event(u, "enterprise_feature_requested", "2026-11-20T10:30:00Z"),
                event(u, "support_contacted", "2026-11-20T11:00:00Z", "topic", "billing")))
        .build();
  }

  static Entity userB() {
    String u = "b";
    return Entity.builder(u)
        .trait("employees", 200)
        .trait("industry", "retail")
        .trait("icp", false)
        .trait("domain_users", 5)
        .events(
            List.of(
                event(u, "invite_sent", "2026-11-10T10:00:00Z"),
                event(u, "invite_sent", "2026-11-17T10:00:00Z"),
                event(u, "invite_sent", "2026-11-18T10:00:00Z"),
                event(u, "invite_sent", "2026-11-19T10:00:00Z"),
                event(u, "page_viewed", "2026-10-15T10:00:00Z", "path", "/pricing"),
                event(u, "page_viewed", "2026-11-16T10:00:00Z", "path", "/pricing"),
                event(u, "page_viewed", "2026-11-19T11:00:00Z", "path", "/pricing"),
                event(u, "page_viewed", "2026-11-19T12:00:00Z", "path", "/docs")))
        .build();
  }

  static Entity userC() {
    String u = "c";
    List<Event> events =
        Stream.of(
                "11-02", "11-03", "11-09", "11-10", "11-11", "11-16", "11-17", "11-18", "11-19",
                "11-20")
            .map(d -> event(u, "session_started", "2026-" + d + "T10:00:00Z"))
            .toList();
    return Entity.builder(u).events(events).build();
  }

  static Entity userE() {
    String u = "e";
    List<Event> events =
        new java.util.ArrayList<>(
            Stream.of(
                    "11-01", "11-02", "11-03", "11-04", "11-05", "11-06", "11-08", "11-09", "11-10",
                    "11-11", "11-12", "11-13", "11-17", "11-18", "11-19", "11-20")
                .map(d -> event(u, "session_started", "2026-" + d + "T10:00:00Z"))
                .toList());
    events.add(event(u, "invite_sent", "2026-11-19T11:00:00Z"));
    events.add(event(u, "invite_sent", "2026-11-19T11:30:00Z"));
    return Entity.builder(u).events(events).build();
  }

  static Entity userD() {
    String u = "d";
    return Entity.builder(u)
        .trait("employees", 80)
        .trait("industry", "fintech")
        .trait("domain_users", 1)
        .events(
            List.of(
                event(u, "signed_up", "2026-09-01T10:00:00Z"),
                event(u, "activated", "2026-09-03T10:00:00Z"),
                event(u, "session_started", "2026-10-24T10:00:00Z"),
                event(u, "upgrade_started", "2026-10-26T10:00:00Z"),
                event(u, "session_started", "2026-10-28T10:00:00Z"),
                event(u, "session_started", "2026-11-02T10:00:00Z")))
        .build();
  }
}
