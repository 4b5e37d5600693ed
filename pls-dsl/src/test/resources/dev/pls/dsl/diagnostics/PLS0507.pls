model team_pql
  entity user
category activity {
  count(login) == 0 within 14d : -30 "No login in 14 days" [dormant]
}

model team_pqa
  members team_pql
rollup sum
