model m
category collaboration {
  count(invite_sent) >= 1 within 7d : +20 "Invited a teammate"
}
test "one invite" {
  as_of 2026-11-20T12:00:00Z
  user u1 { }
  events u1 { invites_sent at -1d }
  expect u1 score 0
}
