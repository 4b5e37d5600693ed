# The backtest fixture: a timeline small enough to score by hand (BacktestCommandTest).
model invites_bt version 2
  entity user
  resolution 1d
  timezone "UTC"

event invite
event login

signal invites = count(invite)

category team {
  invites >= 1 within 30d : +10 "Invited a teammate" [invited]
  invites >= 2 within 30d : +15 "Invited 2+ teammates" [invites_2]
}

tier hot when score >= 25
tier warm when score >= 10
