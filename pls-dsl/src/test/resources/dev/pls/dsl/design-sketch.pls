model b2b_trial_pql version 3
  entity user
  resolution 1d
  timezone "UTC"

trait employees: int
trait industry: string
trait email_domain: string

set freemail = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com"}
set target_industries = {"software", "fintech", "healthcare"}

signal invites       = count(invite_sent)
signal premium_used  = distinct(feature_used.feature where tier == "premium")
signal features_used = distinct(feature_used.feature)
signal pricing_views = count(page_viewed where path == "/pricing")
signal active_days   = active_days(any)

category feature_usage cap 50 {
  premium_used >= 1 within 30d        : +10 "Used a premium feature"
  premium_used >= 3 within 30d        : +15 "Used 3+ premium features"
  usage_limit_hit within 30d          : +20 "Hit a usage limit"
  features_used >= 5 within 14d       : +10 "Broad feature use"
}
category collaboration {
  invites between 1 and 2 within 7d   : +10 "Invited 1-2 teammates"
  invites between 3 and 5 within 7d   : +20 "Invited 3-5 teammates"
  invites >= 6 within 7d              : +30 "Invited 6+ teammates"
}
category velocity {
  active_days >= 5 within 7d          : +15 "Active 5 of the last 7 days"
  minutes_between(signed_up, activated) < 60 : +10 "Activated within an hour"
  growth_weeks(any) >= 3              : +15 "Usage up 3 weeks running"
}
category intent {
  pricing_views >= 3 within 30d       : +20 "Viewed pricing 3+ times"
  enterprise_feature_requested within 30d : +30 "Asked about SSO/SCIM/audit logs"
}
category fit {
  employees between 50 and 500        : +10
  employees > 500                     : +20
  industry in target_industries       : +10
}
category negative {
  days_since(any) >= 7                : -20 "Inactive for 7+ days"
  trend(any, 4w) < 0                  : -15 "Usage declining"
}

exclude email_domain in freemail      : "personal email domain"
exclude count(any) within 1d > 5000   : "automated traffic"

tier hot      when score >= 80
tier warm     when score >= 50
tier emerging when score >= 30

test "three invites in a week" {
  as_of 2026-11-20T12:00:00Z
  user u1 { employees: 200, industry: "software", email_domain: "acme.io" }
  events u1 { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d }
  expect u1 score 40          # +20 invites, +10 size, +10 industry
  expect u1 fired "Invited 3-5 teammates"
  expect u1 tier emerging
}
