model teams_failing version 1
  entity user
  resolution 1d
  timezone "UTC"

event invite

signal invites = count(invite)

category team cap 30 {
  invites >= 2 within 14d : +20 "Invited 2+ teammates" [invites_2]
  invites >= 5 within 14d : +15 "Invited 5+ teammates" [invites_5]
}

tier hot when score >= 30

test "two invites are worth 20" {
  as_of 2026-11-20T12:00:00Z
  events u1 {
    invite at -1d
    invite at -2d
  }
  expect u1 score 25
  expect u1 fired invites_2
  expect u1 not fired invites_5
}

test "five invites reach the cap" {
  as_of 2026-11-20T12:00:00Z
  events u2 {
    invite at -1d
    invite at -1d
    invite at -2d
    invite at -3d
    invite at -4d
  }
  expect u2 score 30
  expect u2 tier none
}
