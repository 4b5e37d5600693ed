model broken version 1
  entity user
  resolution 1d
  timezone "UTC"

trait employees: int

event invite

category team {
  invites >= 2 within 14d : +20 "Invited 2+ teammates" [invites_2]
  employees > "many" : +10 "Big company" [big]
}

category fit {
  employes between 50 and 1000 : +10 "Mid-market company" [mid_market]
  count(invite) within 14d > 0 : +5 "Any invite"
}
