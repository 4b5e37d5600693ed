# An account model without member rollups: an account's events are those its users did there and
# its own; in Berlin (DST ends on 2026-10-25), a day's resolution.
model account_pqa version 1
  entity account
  resolution 1d
  timezone "Europe/Berlin"

trait plan: string
trait seats: int

signal invites = count(invite_sent)
signal features = distinct(feature_used.feature)
signal active_days = active_days(any)

category usage {
  invites >= 3 within 7d : +20 "Invited 3+ teammates"
  features >= 3 within 14d : +15 "Used 3+ features"
  active_days >= 4 within 7d : +15 "Active 4 of the last 7 days"
  contract_viewed within 30d : +10 "Looked at the contract"
}
category fit {
  plan == "team" : +10 "On the team plan"
  seats >= 10 : +10 "10+ seats"
}

tier hot when score >= 50
tier warm when score >= 25
