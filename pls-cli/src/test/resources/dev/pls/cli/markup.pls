model markup version 1
  entity user
  resolution 1d
  timezone "UTC"

event invite

signal invites = count(invite)

category team {
  invites >= 2 within 14d : +20 "Invited <2+> & \"more\"" [invites_2]
}

test "a & b < c > d \"quoted\" 'single' é ✓" {
  as_of 2026-11-20T12:00:00Z
  events u1 {
    invite at -1d
    invite at -2d
  }
  expect u1 score 25
}
