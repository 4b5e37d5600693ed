# Seed 004, Example 1: "a B2B analytics tool with a 14-day trial. We get lots of signups but low
# trial-to-paid. We have usage events and can map users to companies via email domain."
# The host maps each user to a company by email domain and supplies the company's traits
# (employees) and how many users share the domain (domain_users). Personal email domains never
# reach sales.
model b2b_analytics_trial_pql version 1
  entity user
  resolution 1d
  timezone "UTC"

trait employees: int
trait role: string
trait email_domain: string
trait domain_users: int

set freemail = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me"}

# The product's tracking plan: every event the model reads is declared, so a typo in an event
# name is an error. The invite event's name is not an identifier, so it gets an alias.
event trial_started
event data_source_connected
event dashboard_created
event dashboard_shared
event query_run
event page_viewed
event invite = "Invite Sent"

signal dashboards = count(dashboard_created)
signal queries = count(query_run)
signal invites = count(invite)
signal pricing_views = count(page_viewed where path == "/pricing")
signal active_days = active_days(any)

# Activation: the trial's aha moments. Capped so activation alone cannot make a lead sales-ready.
category activation cap 25 {
  data_source_connected within 14d : +15 "Connected a data source" [connected_source]
  dashboards >= 3 within 14d : +15 "Built 3+ dashboards" [dashboards_3]
  queries >= 50 within 7d : +10 "Ran 50+ queries this week" [queries_50]
}

category team {
  invites >= 2 within 14d : +20 "Invited 2+ teammates" [invites_2]
  domain_users >= 3 : +15 "3+ colleagues from the same company" [domain_users_3]
  dashboard_shared within 14d : +10 "Shared a dashboard" [dashboard_shared]
}

category intent {
  pricing_views >= 2 within 7d : +20 "Viewed pricing twice this week" [pricing_2]
  # The window in parentheses reaches active_days only: days_since counts from the trial start.
  days_since(trial_started) between 10 and 14 and (active_days >= 3 within 7d) : +15 "Active as the trial ends" [active_trial_end]
}

category fit {
  employees between 50 and 1000 : +10 "Mid-market company" [mid_market]
  lower(role) in {"data analyst", "head of data", "cto"} : +10 "Data buyer persona" [data_persona]
}

category negative floor -20 {
  days_since(any) >= 4 : -15 "Quiet for 4+ days of a 14-day trial" [quiet_4d]
  active_days <= 1 within 14d : -10 "Used the product on one day only" [single_day]
}

exclude email_domain in freemail : "personal email domain"
exclude count(any) within 1d > 5000 : "automated traffic"

tier sales_ready when score >= 60
tier nurture when score >= 30

# What activation is, for the readiness gate (pls readiness): connecting a data source.
activation connected_source

# Hand-computed: activation 15 + 15 capped at 25 (the dashboards rule keeps 10); team: invites
# +20, domain users +15; intent: pricing +20, active as the trial ends +15; fit: +10 +10.
# 25 + 35 + 35 + 20 = 115 -> sales_ready.
test "an analyst at a mid-size company at the end of the trial" {
  as_of 2026-11-20T12:00:00Z
  user a1 { employees: 300, role: "Data Analyst", email_domain: "acme.io", domain_users: 4 }
  events a1 {
    trial_started at -11d
    data_source_connected at -10d
    dashboard_created at -3d
    dashboard_created at -2d
    dashboard_created at -1d
    invite at -5d
    "Invite Sent" at -4d
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2h { path: "/pricing" }
  }
  expect a1 score 115
  expect a1 tier sales_ready
  expect a1 fired connected_source
  expect a1 fired "Built 3+ dashboards"
  expect a1 fired active_trial_end
  expect a1 not fired dashboard_shared
  expect a1 not excluded
  expect a1 value invites within 14d == 2
  expect a1 value active_days within 7d == 6
}

# Hand-computed: invites +20, pricing +20, mid-market +10 = 50, but a gmail address is
# excluded: tier none.
test "a personal email address never reaches sales" {
  as_of 2026-11-20T12:00:00Z
  user b1 { email_domain: "gmail.com", employees: 300 }
  events b1 {
    invite at -1d
    invite at -2d
    page_viewed at -1d { path: "/pricing" }
    page_viewed at -2d { path: "/pricing" }
  }
  expect b1 score 50
  expect b1 excluded "personal email domain"
  expect b1 tier none
}

# Hand-computed: quiet for 6 days -15 and active on one day -10 = -25, floored at -20.
test "a user who signed up and left" {
  as_of 2026-11-20T12:00:00Z
  user c1 { email_domain: "corp.example", employees: 20 }
  events c1 {
    trial_started at -6d
  }
  expect c1 score -20
  expect c1 tier none
  expect c1 not excluded
  expect c1 fired quiet_4d
  expect c1 fired single_day
  expect c1 value days_since(any) == 6
  expect c1 value employees == 20
}
