# The seed's PQA practice (seed 002, sections 3-5): a user model, the account model that rolls it
# up with the PQA tiers, and the hand-off by segment. Scores are computed by hand in the comments.

model team_pql version 1
  entity user
trait department: string
trait title: string
signal invites = count(invite_sent)
category collaboration {
  invites between 3 and 5 within 7d : +20 "Invited 3-5 teammates" share "inviting your teammates" [invites_3]
}
category intent {
  enterprise_feature_requested within 30d : +30 "Asked about SSO/SCIM/audit logs" share "setting up SSO" [sso_setup]
}
category negative {
  days_since(any) >= 7 : -20 "Inactive for 7+ days"
}
exclude title == "bot" : "automated user"
tier hot when score >= 80
tier warm when score >= 50
tier emerging when score >= 30

model team_pqa version 1
  entity account
  members team_pql
trait employees: int
trait icp: bool
trait is_customer: bool
set executives = {"CEO", "CTO", "VP"}
rollup sum member_floor 0 member_cap 30
signal active_users = active_members(any)
category adoption {
  active_users >= 10 within 30d : +40 "10+ active users"
  member_values(department, any) within 30d >= 2 : +20 "2+ departments active" share "teams across departments" [departments_2]
  new_members(any) within 7d >= 5 : +20 "5+ new users this week"
  active_growth(any) > 20 : +10 "Active users up 20%+ week over week"
  members(where title in executives) >= 1 : +15 "Executive user"
  members_at_tier(warm) >= 2 : +20 "2+ warm users"
}
category fit {
  icp : +20 "Matches the ICP"
  employees >= 500 : +10 "Enterprise size"
}
tier tier1_enterprise when (active_users >= 10 and member_values(department, any) >= 2 within 30d) and icp and score > 150
tier tier2_mid_market when (active_users between 5 and 10 within 30d) and score between 80 and 150
tier tier3_smb when (active_users between 2 and 5 within 30d) and score between 40 and 80
tier tier4_individual when active_users == 1 within 30d

queue nurture "Automated nurture" sla 72h
queue inside_sales "Inside sales" sla 24h capacity 40
queue named_ae "Named AE" sla 4h capacity 10
segment smb when employees < 50
segment mid_market when employees < 500
segment enterprise when employees >= 500
route tier1_enterprise to named_ae level high
route tier2_mid_market in enterprise to named_ae
route tier2_mid_market to inside_sales
route tier3_smb to nurture level low
trigger sso "Asked about SSO/SAML" high when count(enterprise_feature_requested) within 1d >= 1 to named_ae
trigger team_growth "Added 5+ users in a week" medium when new_members(any) within 7d >= 5 to inside_sales
hold tier1_enterprise while score >= 120
suppress when is_customer : "existing customer"
holdout 10% salt "2026-q4"
cooldown 7d
context active_users_7d = active_users within 7d
context departments = member_values(department, any) within 30d
template expansion "Hi! Your team has been {departments_2}: {departments} departments so far. Would a walkthrough help?"

test "a mid-market team grows" {
  as_of 2026-11-20T12:00:00Z
  account acme { employees: 300, icp: false }
  user u1 { department: "engineering", title: "CTO" }
  user u2 { department: "sales" }
  user u3 { }
  user u4 { }
  user u5 { }
  user u6 { }
  members acme { u1, u2, u3, u4, u5, u6 }
  events u1 { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d; enterprise_feature_requested at -2h }
  events u2 { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d; enterprise_feature_requested at -3d }
  events u3 { login at -1d }
  events u4 { login at -2d }
  events u5 { login at -6d }
  events u6 { login at -8d }
  # u1, u2: 20 + 30 = 50 (warm), capped at 30 each; u6: -20 (inactive 8 days), raised to the
  # member floor 0; the rollup is 60.
  # 6 active in 30 days, 2 departments (+20), 5 new this week (+20), a CTO (+15), 2 warm (+20);
  # only u6 was active last week, so active users grew from 1 to 5: +400% (+10). 145 in all.
  expect acme score 145
  expect acme tier tier2_mid_market
  expect acme fired "2+ warm users"
  expect acme not fired "10+ active users"
  expect acme value active_members(any) within 30d == 6
  expect acme value new_members(any) within 7d == 5
  expect acme value active_growth(any) == 400
  expect acme segment mid_market
  expect acme trigger sso
  expect acme trigger team_growth
  expect acme not suppressed
  expect u1 score 50
  expect u1 tier warm
  expect u6 score -20
  expect u6 fired "Inactive for 7+ days"
}

test "an enterprise account" {
  as_of 2026-11-20T12:00:00Z
  account big { employees: 2000, icp: true, is_customer: true }
  user b1 { department: "engineering", title: "VP" }
  user b2 { department: "sales" }
  user b3 { }
  user b4 { }
  user b5 { }
  user b6 { }
  user b7 { }
  user b8 { }
  user b9 { }
  user b10 { }
  members big { b1, b2, b3, b4, b5, b6, b7, b8, b9, b10 }
  events b1 { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d; enterprise_feature_requested at -3h }
  events b2 { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d; enterprise_feature_requested at -2d }
  events b3 { login at -3d }
  events b4 { login at -3d }
  events b5 { login at -3d }
  events b6 { login at -3d }
  events b7 { login at -3d }
  events b8 { login at -3d }
  events b9 { login at -3d }
  events b10 { login at -3d }
  # Rollup 30 + 30; 10 active (+40), 2 departments (+20), 10 new (+20), a VP (+15), 2 warm (+20),
  # ICP (+20), 2000 employees (+10): 205.
  expect big score 205
  expect big tier tier1_enterprise
  expect big segment enterprise
  expect big trigger sso
  expect big value members == 10
  # A customer already: the facts say so, and the router would send no alert.
  expect big suppressed "existing customer"
}

test "a bot is no member" {
  as_of 2026-11-20T12:00:00Z
  account tiny { employees: 10 }
  user t1 { title: "bot" }
  user t2 { }
  members tiny { t1, t2 }
  events t1 { login at -1d; login at -2d; enterprise_feature_requested at -1h }
  events t2 { login at -1d }
  # The bot's events count nowhere: one active user, no SSO request.
  expect tiny score 0
  expect tiny tier tier4_individual
  expect tiny value members == 1
  expect tiny segment smb
  expect tiny not trigger sso
  expect t1 excluded "automated user"
}

test "a user in no account" {
  as_of 2026-11-20T12:00:00Z
  user solo { department: "engineering" }
  events solo { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d }
  expect solo score 20
  expect solo tier none
}
