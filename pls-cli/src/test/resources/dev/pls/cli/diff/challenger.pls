# The challenger of the backtest fixture (DiffCommandTest, docs/cli.md): the second invite's rule
# is dropped and a login earns 10 points.
model invites_bt version 3
  entity user
  resolution 1d
  timezone "UTC"

event invite
event login

signal invites = count(invite)
signal logins = count(login)

category team {
  invites >= 1 within 30d : +10 "Invited a teammate" [invited]
  logins >= 1 within 30d : +10 "Logged in" [logged_in]
}

tier hot when score >= 25
tier warm when score >= 10
