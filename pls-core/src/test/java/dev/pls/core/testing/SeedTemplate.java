package dev.pls.core.testing;

import static dev.pls.core.model.Expr.trait;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;

/*
 * The "PQL SCORING MODEL" template of shared/seeds/002_*.txt, every line and the four
 * thresholds, built with the Java API. Other modules' tests (the language's twin of this model,
 * the fast evaluator's differential tests) use it through pls-core's test jar.
 *
 * How the seed's lines become conditions:
 *
 * - Windows: invites "within first week" -> 7d (as in DESIGN.md's sketch); feature breadth "in
 *   first 14 days" -> 14d; other usage and intent signals -> 30d; DAU/MAU over 30d.
 * - Where the seed gives a ladder of one signal, the rungs are exclusive bands, as its own
 *   invite ladder (1-2, 3-5, 6+) is: same-domain users 3-9 / 10+, DAU/MAU (0.3, 0.5] / > 0.5,
 *   pricing views 1-2 / 3+. The exception is premium use, where DESIGN.md's normative sketch has
 *   "any" and "3+" both fire (a user with 3 premium features gets +25).
 * - Company size: 50-500 and > 500, as in DESIGN.md's sketch (500 itself is mid-size).
 * - What one user's events cannot tell is a trait the host supplies: users from the same
 *   email domain (domain_users), ICP match (icp).
 * - "Single-user account, no invites after 30 days": signed up 30+ days ago, never invited, at
 *   most one user from the domain. "Using only free features after 30 days": signed up 30+ days
 *   ago and never used a premium feature.
 *
 * The seed gives no caps, floors or exclusions, so the template has none.
 */
/** The seed document's PQL scoring template as a {@link Model}. */
public final class SeedTemplate {
  private SeedTemplate() {}

  public static final Signal INVITES = Signal.count("invites", "invite_sent");
  public static final Signal PREMIUM_USED =
      new Signal(
          "premium_used",
          Aggregate.distinct(
              EventFilter.of("feature_used").where(Expr.prop("tier").eq("premium")), "feature"));
  public static final Signal FEATURES_USED =
      new Signal("features_used", Aggregate.distinct(EventFilter.of("feature_used"), "feature"));
  public static final Signal PRICING_VIEWS =
      new Signal(
          "pricing_views",
          Aggregate.count(EventFilter.of("page_viewed").where(Expr.prop("path").eq("/pricing"))));
  public static final Signal ACTIVE_DAYS =
      new Signal("active_days", Aggregate.activeDays(EventFilter.any()));

  private static final Window D7 = Window.days(7);
  private static final Window D14 = Window.days(14);
  private static final Window D30 = Window.days(30);

  /** The template. */
  public static Model model() {
    Expr dauMau = ACTIVE_DAYS.within(D30).div(30);
    Expr signedUp30DaysAgo = Expr.agg(Aggregate.daysSince(EventFilter.of("signed_up"))).ge(30);
    return Model.builder("seed_pql_template")
        .version(1)
        .trait("employees", TraitType.INT)
        .trait("industry", TraitType.STRING)
        .trait("icp", TraitType.BOOL)
        .trait("domain_users", TraitType.INT)
        .signal(INVITES)
        .signal(PREMIUM_USED)
        .signal(FEATURES_USED)
        .signal(PRICING_VIEWS)
        .signal(ACTIVE_DAYS)
        .category(
            "feature_usage",
            c ->
                c.rule(
                        "premium_any",
                        PREMIUM_USED.within(D30).ge(1),
                        10,
                        "Used premium feature (any)")
                    .rule(
                        "premium_3", PREMIUM_USED.within(D30).ge(3), 15, "Used 3+ premium features")
                    .rule(
                        "usage_limit",
                        Expr.occurred("usage_limit_hit", D30),
                        20,
                        "Hit usage/storage limit")
                    .rule(
                        "api_integrations",
                        Expr.any(
                            Expr.occurred("api_called", D30),
                            Expr.occurred("integration_enabled", D30)),
                        15,
                        "Used API/integrations")
                    .rule(
                        "feature_breadth",
                        FEATURES_USED.within(D14).ge(5),
                        10,
                        "High feature breadth (5+ features)"))
        .category(
            "collaboration",
            c ->
                c.rule(
                        "invites_1_2",
                        INVITES.within(D7).between(1, 2),
                        10,
                        "Invited 1-2 team members")
                    .rule(
                        "invites_3_5",
                        INVITES.within(D7).between(3, 5),
                        20,
                        "Invited 3-5 team members")
                    .rule("invites_6", INVITES.within(D7).ge(6), 30, "Invited 6+ team members")
                    .rule(
                        "domain_users_3",
                        trait("domain_users").between(3, 9),
                        15,
                        "Multiple users from same domain (3+)")
                    .rule(
                        "domain_users_10",
                        trait("domain_users").ge(10),
                        25,
                        "Multiple users from same domain (10+)")
                    .rule(
                        "shared_externally",
                        Expr.agg(
                                Aggregate.count(
                                    EventFilter.of("content_shared")
                                        .where(Expr.prop("external").eq(true))),
                                D30)
                            .ge(1),
                        10,
                        "Shared content externally"))
        .category(
            "velocity",
            c ->
                c.rule(
                        "activated_fast",
                        Expr.agg(
                                Aggregate.minutesBetween(
                                    EventFilter.of("signed_up"), EventFilter.of("activated")))
                            .lt(60),
                        10,
                        "Activated in < 1 hour")
                    .rule("dau_mau_03", dauMau.gt(0.3).and(dauMau.le(0.5)), 10, "DAU/MAU > 0.3")
                    .rule("dau_mau_05", dauMau.gt(0.5), 20, "DAU/MAU > 0.5")
                    .rule(
                        "usage_increasing",
                        Expr.agg(Aggregate.growthWeeks(EventFilter.any())).ge(3),
                        15,
                        "Usage increasing 3+ consecutive weeks")
                    .rule(
                        "active_5_of_7",
                        ACTIVE_DAYS.within(D7).ge(5),
                        15,
                        "Used product 5+ of last 7 days"))
        .category(
            "intent",
            c ->
                c.rule(
                        "pricing_viewed",
                        PRICING_VIEWS.within(D30).between(1, 2),
                        10,
                        "Viewed pricing page")
                    .rule(
                        "pricing_3",
                        PRICING_VIEWS.within(D30).ge(3),
                        20,
                        "Viewed pricing page 3+ times")
                    .rule(
                        "upgrade_abandoned",
                        Expr.occurred("upgrade_started", D30)
                            .and(Expr.agg(Aggregate.count("upgrade_completed"), D30).eq(0)),
                        25,
                        "Started upgrade flow, abandoned")
                    .rule(
                        "enterprise_features",
                        Expr.occurred("enterprise_feature_requested", D30),
                        30,
                        "Requested enterprise features (SSO, etc.)")
                    .rule(
                        "billing_contact",
                        Expr.agg(
                                Aggregate.count(
                                    EventFilter.of("support_contacted")
                                        .where(Expr.prop("topic").in("billing", "plans"))),
                                D30)
                            .ge(1),
                        20,
                        "Contacted support about billing/plans"))
        .category(
            "firmographic",
            c ->
                c.rule(
                        "size_50_500",
                        trait("employees").between(50, 500),
                        10,
                        "Company size 50-500 employees")
                    .rule("size_500", trait("employees").gt(500), 20, "Company size 500+ employees")
                    .rule(
                        "target_industry",
                        trait("industry").in("software", "fintech", "healthcare"),
                        10,
                        "Company in target industry")
                    .rule("icp", trait("icp").eq(true), 15, "Company matches ICP"))
        .category(
            "negative",
            c ->
                c.rule(
                        "inactive_7d",
                        Expr.agg(Aggregate.daysSince(EventFilter.any())).ge(7),
                        -20,
                        "Inactive for 7+ days")
                    .rule(
                        "declining_usage",
                        Expr.agg(Aggregate.trend(EventFilter.any(), 4)).lt(0),
                        -15,
                        "Declining usage trend")
                    .rule(
                        "single_user_no_invites",
                        Expr.all(
                            signedUp30DaysAgo,
                            INVITES.allTime().eq(0),
                            trait("domain_users").le(1)),
                        -10,
                        "Single-user account, no invites after 30 days")
                    .rule(
                        "free_only",
                        signedUp30DaysAgo.and(PREMIUM_USED.allTime().eq(0)),
                        -10,
                        "Using only free features after 30 days"))
        .tier("hot", Expr.score().ge(80))
        .tier("warm", Expr.score().ge(50))
        .tier("emerging", Expr.score().ge(30))
        .build();
  }
}
