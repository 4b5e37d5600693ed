model team_pql
  entity user
category adoption {
  active_members(any) >= 10 within 30d : +40 "10+ active users"
}
