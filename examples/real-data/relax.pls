# The Relax Inc. challenge's "adopted user" (../shared/data/relax-user-engagement): a user who
# logged in on 3 separate days within some 7-day period. Backtested daily over the whole login
# log, the tier's "ever" count is the number of adopted users.
model relax_adoption version 1
  entity user
  resolution 1d
  timezone "UTC"

event login

signal login_days = active_days(login)

category engagement {
  login_days >= 1 within 7d : +10 "Logged in this week" [active_week]
}

tier adopted when login_days >= 3 within 7d

# Hand-computed: logins on days -6, -3 and 0 are 3 days within 7 (the as-of day is the 7th).
test "three login days within a week adopt" {
  as_of 2014-01-10T00:00:00Z
  user a {}
  events a {
    login at -6d
    login at -3d
    login at +0d
  }
  expect a tier adopted
  expect a score 10
}

# Hand-computed: days -7, -3 and 0 span 8 days: not adopted as of now.
test "three login days over eight days do not" {
  as_of 2014-01-10T00:00:00Z
  user b {}
  events b {
    login at -7d
    login at -3d
    login at +0d
  }
  expect b tier none
}
