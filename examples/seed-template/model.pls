# The "PQL SCORING MODEL" template of the seed document (shared/seeds/002), every line and the
# four thresholds. It is the twin of pls-core's SeedTemplate (built in Java): the examples
# module checks that both compile to the same model and score identical cards.
# Windows: invites "within first week" 7d, feature breadth "in first 14 days" 14d, other usage
# and intent signals 30d. Ladders of one signal are exclusive bands, except premium use where
# "any" and "3+" both fire. domain_users and icp are traits the host supplies.
model seed_pql_template version 1

trait employees: int
trait industry: string
trait icp: bool
trait domain_users: int

signal invites = count(invite_sent)
signal premium_used = distinct(feature_used.feature where tier == "premium")
signal features_used = distinct(feature_used.feature)
signal pricing_views = count(page_viewed where path == "/pricing")
signal active_days = active_days(any)

category feature_usage {
  premium_used >= 1 within 30d : +10 "Used premium feature (any)" [premium_any]
  premium_used >= 3 within 30d : +15 "Used 3+ premium features" [premium_3]
  usage_limit_hit within 30d : +20 "Hit usage/storage limit" [usage_limit]
  api_called or integration_enabled within 30d : +15 "Used API/integrations" [api_integrations]
  features_used >= 5 within 14d : +10 "High feature breadth (5+ features)" [feature_breadth]
}

category collaboration {
  invites between 1 and 2 within 7d : +10 "Invited 1-2 team members" [invites_1_2]
  invites between 3 and 5 within 7d : +20 "Invited 3-5 team members" [invites_3_5]
  invites >= 6 within 7d : +30 "Invited 6+ team members" [invites_6]
  domain_users between 3 and 9 : +15 "Multiple users from same domain (3+)" [domain_users_3]
  domain_users >= 10 : +25 "Multiple users from same domain (10+)" [domain_users_10]
  count(content_shared where external == true) >= 1 within 30d : +10 "Shared content externally" [shared_externally]
}

category velocity {
  minutes_between(signed_up, activated) < 60 : +10 "Activated in < 1 hour" [activated_fast]
  active_days / 30 > 0.3 and active_days / 30 <= 0.5 within 30d : +10 "DAU/MAU > 0.3" [dau_mau_03]
  active_days / 30 > 0.5 within 30d : +20 "DAU/MAU > 0.5" [dau_mau_05]
  growth_weeks(any) >= 3 : +15 "Usage increasing 3+ consecutive weeks" [usage_increasing]
  active_days >= 5 within 7d : +15 "Used product 5+ of last 7 days" [active_5_of_7]
}

category intent {
  pricing_views between 1 and 2 within 30d : +10 "Viewed pricing page" [pricing_viewed]
  pricing_views >= 3 within 30d : +20 "Viewed pricing page 3+ times" [pricing_3]
  upgrade_started and count(upgrade_completed) == 0 within 30d : +25 "Started upgrade flow, abandoned" [upgrade_abandoned]
  enterprise_feature_requested within 30d : +30 "Requested enterprise features (SSO, etc.)" [enterprise_features]
  count(support_contacted where topic in {"billing", "plans"}) >= 1 within 30d : +20 "Contacted support about billing/plans" [billing_contact]
}

category firmographic {
  employees between 50 and 500 : +10 "Company size 50-500 employees" [size_50_500]
  employees > 500 : +20 "Company size 500+ employees" [size_500]
  industry in {"software", "fintech", "healthcare"} : +10 "Company in target industry" [target_industry]
  icp == true : +15 "Company matches ICP" [icp]
}

category negative {
  days_since(any) >= 7 : -20 "Inactive for 7+ days" [inactive_7d]
  trend(any, 4w) < 0 : -15 "Declining usage trend" [declining_usage]
  days_since(signed_up) >= 30 and invites == 0 and domain_users <= 1 : -10 "Single-user account, no invites after 30 days" [single_user_no_invites]
  days_since(signed_up) >= 30 and premium_used == 0 : -10 "Using only free features after 30 days" [free_only]
}

tier hot when score >= 80
tier warm when score >= 50
tier emerging when score >= 30

# Hand-computed: +10 premium (1 premium feature), +20 invites (3 in 7 days), +10 size,
# +10 industry, +15 icp = 65 -> warm.
test "an engaged trial user from a mid-size software company" {
  as_of 2026-11-20T12:00:00Z
  user u1 { employees: 200, industry: "software", icp: true, domain_users: 2 }
  events u1 {
    signed_up at -10d
    feature_used at -2d { feature: "sso", tier: "premium" }
    invite_sent at -1d
    invite_sent at -2d
    invite_sent at -3d
  }
  expect u1 score 65
  expect u1 tier warm
  expect u1 fired premium_any
  expect u1 not fired premium_3
  expect u1 fired "Invited 3-5 team members"
  expect u1 value invites within 7d == 3
  expect u1 value premium_used within 30d == 1
}

# Hand-computed: signed up 40 days ago and silent since: inactive -20, single user with no
# invites -10, only free features -10 = -40; days_since(any) is 40.
test "a dormant single user" {
  as_of 2026-11-20T12:00:00Z
  user u2 { domain_users: 1 }
  events u2 {
    signed_up at -40d
  }
  expect u2 score -40
  expect u2 tier none
  expect u2 fired inactive_7d
  expect u2 fired single_user_no_invites
  expect u2 fired free_only
  expect u2 value days_since(any) == 40
  expect u2 value minutes_between(signed_up, activated) is missing
}

# Hand-computed: usage limit +20, activated 30 minutes after sign-up +10, active on 6 of the
# last 7 days +15, pricing viewed 3 times +20, enterprise request +30, size 500+ +20 = 115 -> hot.
# The upgrade was completed, so the abandoned-upgrade rule does not fire.
test "a hot lead from a large company" {
  as_of 2026-11-20T12:00:00Z
  user u3 { employees: 1200, industry: "retail", domain_users: 2 }
  events u3 {
    signed_up at -5d
    activated at 2026-11-15T12:30:00Z
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
    page_viewed at -3d { path: "/pricing" }
    page_viewed at -3d { path: "/docs" }
    enterprise_feature_requested at -1h
    usage_limit_hit at -4d
    upgrade_started at -1d
    upgrade_completed at -1d
  }
  expect u3 score 115
  expect u3 fired active_5_of_7
  expect u3 tier hot
  expect u3 fired activated_fast
  expect u3 fired pricing_3
  expect u3 not fired pricing_viewed
  expect u3 not fired upgrade_abandoned
  expect u3 value pricing_views within 30d == 3
}
