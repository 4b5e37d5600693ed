# Every aggregate reads a window, so each user's state keeps only the events within 14 local days
# of the next step (Lord Howe: a 30-minute DST shift on 2026-10-04).
model windowed_pql version 2
  entity user
  resolution 1d
  timezone "Australia/Lord_Howe"

trait employees: int

signal invites = count(invite_sent)
signal active_days = active_days(any)
signal pricing_views = count(page_viewed where path == "/pricing")

category usage {
  invites >= 2 within 7d : +20 "Invited 2+ teammates"
  active_days >= 3 within 14d : +15 "Active 3 of the last 14 days"
  pricing_views >= 1 within 1d : +10 "Viewed pricing today"
}
category fit {
  employees >= 50 : +10 "50+ employees"
}

tier hot when score >= 40
tier warm when score >= 20
