# An account model that rolls up members: members scored with member_pql and summed (each at least
# 0), account rules on member signals, its own events and traits; in Berlin (DST ends on
# 2026-10-25), a day's resolution. MemberRollupTest swaps the rollup line for the other kinds.
model member_pql version 1
  entity user
  resolution 1d
  timezone "Europe/Berlin"

trait email_domain: string
trait department: string

set freemail = {"gmail.com"}

category usage {
  count(invite_sent) >= 2 within 7d : +20 "Invited 2+ teammates"
  distinct(feature_used.feature) >= 2 within 14d : +15 "Used 2+ features"
  active_days(any) >= 3 within 7d : +10 "Active 3 of the last 7 days"
}
category decay {
  count(login) == 0 within 14d : -10 "No login in 14 days"
}

exclude email_domain in freemail : "personal email domain"

tier hot when score >= 30
tier warm when score >= 15

model team_pqa version 1
  entity account
  members member_pql
  resolution 1d
  timezone "Europe/Berlin"
rollup sum member_floor 0

trait plan: string
trait seats: int

category adoption {
  active_members(any) within 7d >= 3 : +20 "3+ active members"
  new_members(login) within 7d >= 1 : +5 "A new member this week"
  member_values(department, any) within 14d >= 2 : +10 "2+ departments active"
  members_at_tier(warm) >= 2 : +15 "2+ members warm or hot"
  members >= 4 : +5 "4+ members"
}
category usage {
  count(invite_sent) >= 5 within 7d : +10 "The team invites"
  contract_viewed within 30d : +10 "Looked at the contract"
}
category fit {
  plan == "team" : +10 "On the team plan"
  seats >= 10 : +10 "10+ seats"
}

tier hot when score >= 60
tier warm when score >= 30
