# Seed 004, Example 2: "We're seat-based SaaS. Teams start self-serve at $20/seat but we want to
# land-and-expand into 100+ seat contracts. We can detect invites, admin setup, and integration
# activation." Expansion is an account's doing, so the qualified unit is the account (a PQA), as
# seed 002 section 3 puts it: "PQA Score = Sum of all PQL scores within the account + Account-level
# signals + Firmographic fit score".
#
# The product, Crewdesk, is a team workspace; each company's workspace is an account, keyed by its
# e-mail domain. Points, thresholds, PQA tiers, segments and hand-off triggers are seed 002's
# (sections 2-5) wherever it gives a number. For the account-level signals it gives only a weight,
# "High" or "Medium"; here they are worth 5 to 20 points, small next to the members' scores, so
# that an account scores about 15 points per engaged user, the scale the seed's PQA table implies
# (Tier 2: 5-10 users and 80-150 points).
#
# Members are scored with the seed's PQL template where it applies to a team workspace. Firmographic
# fit is the account's (below), so that it counts once per company, not once per member. A rule
# with `share` says what a seller may mention ("helpful, not creepy", seed 004), and an account's
# alerts carry its members' phrases too; the rest is internal.
model seat_pql version 1
  entity user
  resolution 1d
  timezone "UTC"

trait email_domain: string
trait department: string
trait title: string

set freemail = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me"}
set billing_topics = {"billing", "volume_pricing", "custom_plan"}

# The tracking plan: every event either model reads.
event signed_up
event task_updated
event invite_sent
event integration_activated
event admin_setup
event page_viewed
event enterprise_feature_requested
event upgrade_option_selected
event support_ticket
event seat_limit_warning

signal invites = count(invite_sent)
signal pricing_views = count(page_viewed where path == "/pricing")
signal active_days = active_days(any)

category collaboration {
  invites between 1 and 2 within 7d : +10 "Invited 1-2 team members" share "bringing your team in" [invites_1_2]
  invites between 3 and 5 within 7d : +20 "Invited 3-5 team members" share "bringing your team in" [invites_3_5]
  invites >= 6 within 7d : +30 "Invited 6+ team members" share "bringing your team in" [invites_6]
}

category feature_usage {
  integration_activated within 30d : +15 "Used API/integrations" share "connecting your tools" [integrations]
}

category velocity {
  active_days >= 5 within 7d : +15 "Used product 5+ of last 7 days" [active_5_of_7]
}

category intent {
  pricing_views >= 3 within 30d : +20 "Viewed pricing page 3+ times" [pricing_3]
  enterprise_feature_requested within 30d : +30 "Requested enterprise features (SSO, etc.)" share "setting up SSO" [enterprise_features]
  count(support_ticket where topic in billing_topics) >= 1 within 30d : +20 "Contacted support about billing/plans" [billing_support]
}

category negative {
  days_since(any) >= 7 : -20 "Inactive for 7+ days" [inactive_7d]
}

exclude email_domain in freemail : "personal email domain"
exclude email_domain == "crewdesk.io" : "internal user"

tier hot when score >= 80
tier warm when score >= 50
tier emerging when score >= 30

# Hand-computed: 4 invites this week +20, an integration +15, active 5 of the last 7 days +15,
# 3 pricing views +20: 70, warm.
test "a champion brings the team in" {
  as_of 2026-11-20T12:00:00Z
  user ana { email_domain: "acme.io", department: "engineering", title: "Engineering Manager" }
  events ana {
    signed_up at -20d
    invite_sent at -1d
    invite_sent at -2d
    invite_sent at -3d
    invite_sent at -4d
    integration_activated at -5d { app: "github" }
    task_updated at -6d
    page_viewed at -3d { path: "/pricing" }
    page_viewed at -8d { path: "/pricing" }
    page_viewed at -25d { path: "/pricing" }
  }
  user eve { email_domain: "acme.io" }
  events eve {
    invite_sent at -1d
    invite_sent at -1d
    invite_sent at -1d
    invite_sent at -1d
    invite_sent at -1d
    invite_sent at -1d
  }
  expect ana score 70
  expect ana tier warm
  expect ana fired invites_3_5
  expect ana fired active_5_of_7
  expect ana value active_days within 7d == 6
  # Six invites in a day: +30, the top band only.
  expect eve score 30
  expect eve fired invites_6
  expect eve not fired invites_3_5
}

# Hand-computed: SSO +30, a question about volume pricing +20, quiet for 9 days -20: 30.
# The same events from a gmail address, or from Crewdesk's own staff, never reach sales.
test "exclusions: personal e-mail and internal users" {
  as_of 2026-11-20T12:00:00Z
  user bo { email_domain: "bigco.com" }
  user cy { email_domain: "gmail.com" }
  user dee { email_domain: "crewdesk.io" }
  events bo {
    enterprise_feature_requested at -9d { feature: "sso" }
    support_ticket at -10d { topic: "volume_pricing" }
  }
  events cy {
    enterprise_feature_requested at -9d { feature: "sso" }
    support_ticket at -10d { topic: "volume_pricing" }
  }
  events dee {
    enterprise_feature_requested at -9d { feature: "sso" }
    support_ticket at -10d { topic: "volume_pricing" }
  }
  expect bo score 30
  expect bo tier emerging
  expect bo fired inactive_7d
  expect cy score 30
  expect cy excluded "personal email domain"
  expect cy tier none
  expect dee excluded "internal user"
  expect dee tier none
}

# The account: members' PQL scores summed, each capped at 30 (two engaged users' worth) so that
# one power user cannot make an account, plus account-level signals and fit. "Users" in the seed's
# PQA table are members active in the last 30 days; "departments" are their distinct departments.
model seat_pqa version 1
  entity account
  members seat_pql
  resolution 1d
  timezone "UTC"

trait employees: int
trait icp: bool
trait plan: string
trait seats: int
trait seat_limit: int
trait enterprise_contract: bool
trait open_opportunity: bool
trait competitor: bool

set executives = {"CEO", "CTO", "CFO", "COO", "VP Engineering", "VP Product", "VP Marketing", "VP Sales"}

event signed_up
event task_updated
event invite_sent
event integration_activated
event admin_setup
event page_viewed
event enterprise_feature_requested
event upgrade_option_selected
event support_ticket
event seat_limit_warning

# An idle seat lowers the account (each by at most its -20), as seat expansion should read it.
rollup sum member_floor -20 member_cap 30

signal active_users = active_members(any)
signal departments = member_values(department, any)

# Seed 002's account-level signals: active users, departments and user growth (high), an
# executive user (medium).
category adoption {
  active_users >= 10 within 30d : +20 "10+ active users" share "rolling it out to more people" [active_10]
  active_users between 5 and 9 within 30d : +10 "5-9 active users" share "rolling it out to more people" [active_5]
  departments >= 2 within 30d : +10 "2+ departments active" share "using it across departments" [departments_2]
  members(where title in executives) >= 1 : +5 "Executive user" [executive]
}

category growth {
  new_members(signed_up) within 7d >= 5 : +10 "5+ new users this week" share "bringing more people in" [new_users_5]
  active_growth(any) >= 20 : +5 "Active users up 20%+ on last week" [active_growth_20]
}

# Example 2's own signals at the workspace: admin setup, integrations, seats against the plan.
category workspace {
  admin_setup within 30d : +10 "Set up workspace admin" share "setting up your workspace" [admin_setup]
  distinct(integration_activated.app) >= 3 within 30d : +5 "3+ tools connected" share "connecting your tools" [tools_3]
  seats / seat_limit >= 0.9 : +10 "Seats at 90%+ of the plan's limit" share "running out of seats" [seats_near_limit]
}

category fit {
  employees between 50 and 500 : +10 "Company size 50-500 employees" [size_50_500]
  employees > 500 : +20 "Company size 500+ employees" [size_500]
  icp : +15 "Company matches ICP" [icp]
}

# Seed 002's PQA tiering table, exactly; the first tier that holds wins, so an account of 10
# users with 2 departments, ICP and 151 points is Tier 1, and its gaps (3 users and 100 points)
# are no tier.
tier tier1_enterprise when (active_users >= 10 and departments >= 2 within 30d) and icp and score > 150
tier tier2_mid_market when (active_users between 5 and 10 within 30d) and score between 80 and 150
tier tier3_smb when (active_users between 2 and 5 within 30d) and score between 40 and 80
tier tier4_individual when active_users == 1 within 30d

# Seed 002 section 4: SMB 1-50, Mid-Market 50-500, Enterprise 500+ employees, tried in order
# (50 and 500 are mid-market, as the fit rules count them).
segment enterprise when employees > 500
segment mid_market when employees between 50 and 500
segment smb when employees between 1 and 50

# Seed 002 section 5, step 3: SMB -> automated email sequence, Mid-Market -> inside sales rep,
# Enterprise -> named AE; high signals at once, medium within 24-48 hours. Inside sales and the
# AEs take a few alerts a day; the rest go to triage.
queue nurture "Automated email sequence" sla 24h
queue inside_sales "Inside sales rep" sla 48h capacity 6
queue named_ae "Named AE" sla 4h capacity 3

# Tier x segment. Tier 1's sales action is a dedicated AE whatever the segment; Tier 3 is
# automated nurture; Tier 4 is pure self-serve (no route).
route tier1_enterprise to named_ae level high
route tier2_mid_market in enterprise to named_ae
route tier2_mid_market in mid_market to inside_sales
route tier2_mid_market to nurture level low
route tier3_smb to nurture level low

# The seed's four high signals and its medium "5+ users in a single week". Rescoring daily,
# "within 2d" sees everything since the previous pass: yesterday after the pass, and today.
trigger enterprise_features "Requested SSO, SAML or audit logs" high when enterprise_feature_requested within 2d to named_ae
trigger contact_sales "Chose Enterprise or Contact Sales in the upgrade flow" high when count(upgrade_option_selected where option in {"enterprise", "contact_sales"}) >= 1 within 2d to named_ae
trigger seat_limit "10+ users approaching the plan's seat limit" high when (active_users >= 10 within 30d) and seat_limit_warning within 2d to named_ae
trigger volume_pricing "Asked support about volume pricing or custom plans" high when count(support_ticket where topic in {"volume_pricing", "custom_plan"}) >= 1 within 2d to inside_sales
trigger users_5_week "Added 5+ users in a week" medium when new_members(signed_up) within 7d >= 5 to inside_sales

# Hysteresis: enter a tier at its bounds, leave it only well below them.
hold tier1_enterprise while (active_users >= 8 within 30d) and score > 120
hold tier2_mid_market while (active_users >= 4 within 30d) and score >= 70
hold tier3_smb while score >= 30

suppress when enterprise_contract : "existing enterprise contract"
suppress when open_opportunity : "open opportunity"
suppress when competitor : "competitor domain"

holdout 10% salt "seat-expansion-2026-q4"

cooldown 7d

# Seed 004's "routing + SLA + disposition taxonomy": what a seller records against an alert, and
# what it says of the signals that made it (pls route --dispositions, pls backtest's report).
disposition meeting_booked positive
disposition expansion_opened positive
disposition not_now
disposition no_response
disposition bad_fit negative

context active_users = active_users within 30d
context departments = departments within 30d
context plan = plan
context seats = seats
context seat_limit = seat_limit

# Seed 002 section 5, step 5, with shareable signals only.
template expansion "Hi, I noticed your team has been {departments_2} and {tools_3}. Teams at this stage often benefit from central admin, SSO and volume pricing. Would it be helpful to discuss how similar teams have grown past {seats} seats?"

# Tier 1 at its score bound. alpha's members: a1 connected Slack (+15) and asked for SSO five days
# ago (+30): 45, counted as 30; a2 and a3 connected GitHub and Jira (+15 each); a4 viewed pricing 3
# times (+20); the rest only worked (0). Rollup 30 + 15 + 15 + 20 = 80. Account: 10 active users
# +20, engineering and sales +10, a CTO +5, three tools +5, 1200 employees +20, ICP +15: 75.
# 80 + 75 = 155 > 150: Tier 1. beta is the same team without the CTO: 150, not over 150, so the
# first tier that holds is Tier 2 (10 users, 80-150).
test "Tier 1 takes more than 150 points; 150 is Tier 2" {
  as_of 2026-11-20T12:00:00Z
  account alpha { employees: 1200, icp: true, seats: 10, seat_limit: 12 }
  user a1 { department: "engineering", title: "CTO" }
  user a2 { department: "engineering" }
  user a3 { department: "engineering" }
  user a4 { department: "engineering" }
  user a5 { department: "engineering" }
  user a6 { department: "engineering" }
  user a7 { department: "sales" }
  user a8 { department: "sales" }
  user a9 { department: "sales" }
  user a10 { department: "sales" }
  members alpha { a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 }
  events a1 {
    task_updated at -1d
    integration_activated at -3d { app: "slack" }
    enterprise_feature_requested at -5d { feature: "sso" }
    seat_limit_warning at -2h
  }
  events a2 {
    integration_activated at -2d { app: "github" }
  }
  events a3 {
    integration_activated at -2d { app: "jira" }
  }
  events a4 {
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
    page_viewed at -3d { path: "/pricing" }
  }
  events a5 {
    task_updated at -1d
  }
  events a6 {
    task_updated at -1d
  }
  events a7 {
    task_updated at -1d
  }
  events a8 {
    task_updated at -1d
  }
  events a9 {
    task_updated at -1d
  }
  events a10 {
    task_updated at -1d
  }
  account beta { employees: 1200, icp: true, seats: 10, seat_limit: 12 }
  user b1 { department: "engineering", title: "Engineering Manager" }
  user b2 { department: "engineering" }
  user b3 { department: "engineering" }
  user b4 { department: "engineering" }
  user b5 { department: "engineering" }
  user b6 { department: "engineering" }
  user b7 { department: "sales" }
  user b8 { department: "sales" }
  user b9 { department: "sales" }
  user b10 { department: "sales" }
  members beta { b1, b2, b3, b4, b5, b6, b7, b8, b9, b10 }
  events b1 {
    task_updated at -1d
    integration_activated at -3d { app: "slack" }
    enterprise_feature_requested at -5d { feature: "sso" }
  }
  events b2 {
    integration_activated at -2d { app: "github" }
  }
  events b3 {
    integration_activated at -2d { app: "jira" }
  }
  events b4 {
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
    page_viewed at -3d { path: "/pricing" }
  }
  events b5 {
    task_updated at -1d
  }
  events b6 {
    task_updated at -1d
  }
  events b7 {
    task_updated at -1d
  }
  events b8 {
    task_updated at -1d
  }
  events b9 {
    task_updated at -1d
  }
  events b10 {
    task_updated at -1d
  }
  expect alpha score 155
  expect alpha tier tier1_enterprise
  expect alpha fired executive
  expect alpha fired tools_3
  expect alpha not fired seats_near_limit
  expect alpha value active_members(any) within 30d == 10
  expect alpha value member_values(department, any) within 30d == 2
  expect alpha segment enterprise
  # Ten active users and a seat-limit warning two hours ago; the SSO request is five days old.
  expect alpha trigger seat_limit
  expect alpha not trigger enterprise_features
  expect a1 score 45
  expect a1 tier emerging
  expect beta score 150
  expect beta tier tier2_mid_market
  expect beta not trigger seat_limit
}

# Tier 1 at its user bound: gamma is alpha's team with one member (g10) last seen 40 days ago.
# g10 is still a member but not active, and scores -20 (inactive 7+ days): rollup 80 - 20 = 60.
# 9 active users: "5-9 active users" +10 instead of +20; sales is still active through g7-g9.
# 60 + 10 + 10 + 5 + 5 + 20 + 15 = 125: Tier 2.
test "Tier 1 takes 10 active users; 9 is Tier 2" {
  as_of 2026-11-20T12:00:00Z
  account gamma { employees: 1200, icp: true }
  user g1 { department: "engineering", title: "CTO" }
  user g2 { department: "engineering" }
  user g3 { department: "engineering" }
  user g4 { department: "engineering" }
  user g5 { department: "engineering" }
  user g6 { department: "engineering" }
  user g7 { department: "sales" }
  user g8 { department: "sales" }
  user g9 { department: "sales" }
  user g10 { department: "sales" }
  members gamma { g1, g2, g3, g4, g5, g6, g7, g8, g9, g10 }
  events g1 {
    task_updated at -1d
    integration_activated at -3d { app: "slack" }
    enterprise_feature_requested at -5d { feature: "sso" }
  }
  events g2 {
    integration_activated at -2d { app: "github" }
  }
  events g3 {
    integration_activated at -2d { app: "jira" }
  }
  events g4 {
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
    page_viewed at -3d { path: "/pricing" }
  }
  events g5 {
    task_updated at -1d
  }
  events g6 {
    task_updated at -1d
  }
  events g7 {
    task_updated at -1d
  }
  events g8 {
    task_updated at -1d
  }
  events g9 {
    task_updated at -1d
  }
  events g10 {
    task_updated at -40d
  }
  expect gamma score 125
  expect gamma tier tier2_mid_market
  expect gamma value members == 10
  expect gamma value active_members(any) within 30d == 9
  expect gamma fired active_5
  expect gamma not fired active_10
  expect g10 score -20
}

# Tier 2 and Tier 3 at their bounds, and Tier 4.
# mid5: 5 active users in one department (+10), pricing 3 times +20, two integrations +15 each,
# 200 employees +10, 5 of 5 seats taken +10: 80 with 5 users, Tier 2's lowest.
# mid4: 4 users, so no "5-9 active users"; pricing +20, integrations +15 +15, an invite +10,
# 200 employees +10, 5 of 5 seats +10: 80 with 4 users, Tier 3's highest.
# small2: two users, an integration and an invite +25, another integration +15: 40, Tier 3's
# lowest; small1: the same without the invite, 30: no tier (Tier 4 is one user).
# solo: one active user asking about SAML (+30), 800 employees +20, ICP +15: 65; a second member
# signed up with a gmail address, so counts nowhere: Tier 4, whatever the score.
test "Tier 2, Tier 3 and Tier 4 at their bounds" {
  as_of 2026-11-20T12:00:00Z
  account mid5 { employees: 200, seats: 5, seat_limit: 5 }
  user m1 { department: "product" }
  user m2 { department: "product" }
  user m3 { department: "product" }
  user m4 { department: "product" }
  user m5 { department: "product" }
  members mid5 { m1, m2, m3, m4, m5 }
  events m1 {
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
    page_viewed at -3d { path: "/pricing" }
  }
  events m2 {
    integration_activated at -1d { app: "slack" }
  }
  events m3 {
    integration_activated at -1d { app: "figma" }
  }
  events m4 {
    task_updated at -1d
  }
  events m5 {
    task_updated at -1d
  }
  account mid4 { employees: 200, seats: 5, seat_limit: 5 }
  user n1 { department: "product" }
  user n2 { department: "product" }
  user n3 { department: "product" }
  user n4 { department: "product" }
  members mid4 { n1, n2, n3, n4 }
  events n1 {
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
    page_viewed at -3d { path: "/pricing" }
  }
  events n2 {
    integration_activated at -1d { app: "slack" }
  }
  events n3 {
    integration_activated at -1d { app: "figma" }
  }
  events n4 {
    invite_sent at -1d
  }
  account small2 { employees: 12 }
  user s1 {}
  user s2 {}
  members small2 { s1, s2 }
  events s1 {
    integration_activated at -1d { app: "slack" }
    invite_sent at -1d
  }
  events s2 {
    integration_activated at -2d { app: "github" }
  }
  account small1 { employees: 12 }
  user t1 {}
  user t2 {}
  members small1 { t1, t2 }
  events t1 {
    integration_activated at -1d { app: "slack" }
  }
  events t2 {
    integration_activated at -2d { app: "github" }
  }
  account solo { employees: 800, icp: true }
  user o1 { email_domain: "solo.io" }
  user o2 { email_domain: "gmail.com" }
  members solo { o1, o2 }
  events o1 {
    enterprise_feature_requested at -1d { feature: "saml" }
  }
  events o2 {
    task_updated at -1d
    invite_sent at -1d
  }
  expect mid5 score 80
  expect mid5 tier tier2_mid_market
  expect mid5 fired seats_near_limit
  expect mid5 segment mid_market
  expect mid4 score 80
  expect mid4 tier tier3_smb
  expect small2 score 40
  expect small2 tier tier3_smb
  expect small2 segment smb
  expect small1 score 30
  expect small1 tier none
  expect solo score 65
  expect solo tier tier4_individual
  expect solo value members == 1
  expect solo trigger enterprise_features
  expect o2 excluded "personal email domain"
}

# Segments by head count, tried in order: 49 is SMB, 50 and 500 mid-market, 501 enterprise.
test "segments" {
  as_of 2026-11-20T12:00:00Z
  account e49 { employees: 49 }
  account e50 { employees: 50 }
  account e500 { employees: 500 }
  account e501 { employees: 501 }
  account unknown {}
  expect e49 segment smb
  expect e50 segment mid_market
  expect e500 segment mid_market
  expect e501 segment enterprise
  expect unknown segment none
}

# The high signals hold for two days after the event; suppressions are tried in order.
# ask: asked for SSO two hours ago and chose Contact Sales yesterday; the question about volume
# pricing was three days ago, so that trigger no longer holds. q1 scores 30 + 20 = 50, counted as
# 30; the account adds the admin setup +10 and 300 employees +10: 50 (one user: Tier 4).
# plans: asked about a custom plan yesterday, but has an open opportunity: suppressed.
# grow: five sign-ups this week (+10, and the medium trigger); w6 was active last week too, so
# active users went from 1 to 6, +500% (+5); six active users +10; 300 employees +10: 35. An
# existing enterprise contract comes first of its two suppressions.
test "triggers and suppressions" {
  as_of 2026-11-20T12:00:00Z
  account ask { employees: 300 }
  user q1 {}
  members ask { q1 }
  events q1 {
    enterprise_feature_requested at -2h { feature: "sso" }
    upgrade_option_selected at -1d { option: "contact_sales" }
    support_ticket at -3d { topic: "volume_pricing" }
    admin_setup at -4d { step: "billing" }
  }
  account plans { employees: 80, open_opportunity: true }
  user p1 {}
  members plans { p1 }
  events p1 {
    support_ticket at -1d { topic: "custom_plan" }
  }
  account grow { employees: 300, enterprise_contract: true, open_opportunity: true }
  user w1 {}
  user w2 {}
  user w3 {}
  user w4 {}
  user w5 {}
  user w6 {}
  members grow { w1, w2, w3, w4, w5, w6 }
  events w1 {
    signed_up at -1d
  }
  events w2 {
    signed_up at -2d
  }
  events w3 {
    signed_up at -3d
  }
  events w4 {
    signed_up at -4d
  }
  events w5 {
    signed_up at -6d
  }
  events w6 {
    task_updated at -10d
    task_updated at -1d
  }
  account rival { employees: 40, competitor: true }
  expect ask trigger enterprise_features
  expect ask trigger contact_sales
  expect ask not trigger volume_pricing
  expect ask not suppressed
  expect ask score 50
  expect ask tier tier4_individual
  expect ask fired admin_setup
  # SSO +30 and a question about pricing +20 this month.
  expect q1 score 50
  expect q1 tier warm
  expect plans trigger volume_pricing
  expect plans suppressed "open opportunity"
  expect grow score 35
  expect grow fired new_users_5
  expect grow value active_growth(any) == 500
  expect grow trigger users_5_week
  expect grow suppressed "existing enterprise contract"
  expect rival suppressed "competitor domain"
}
