model m
trait plan: string
signal invites = count(invite_sent)
category collaboration cap 25 {
  invites >= 1 within 7d : +10 "Invited a teammate" [invited]
  invites >= 3 within 7d : +20 "Invited 3+ teammates" [invited_3]
  plan == "enterprise" : +5 "Enterprise plan" [enterprise]
}
exclude plan == "internal" : "internal user"
tier hot when score >= 25

test "three invites" {
  as_of 2026-11-20T12:00:00Z
  user u1 { plan: "team" }
  events u1 { invite_sent at -1d; invite_sent at -2d; invite_sent at -3d; invite_sent at +1h }
  expect u1 score 30
  expect u1 tier hot
  expect u1 not fired invited_3
  expect u1 value invites within 7d == 4
  expect u1 excluded
}

test "an internal user" {
  as_of 2026-11-20T12:00:00Z
  user u2 { plan: "internal" }
  expect u2 excluded "internal user"
  expect u2 tier none
  expect u2 score 0
}
