model invites version 1
  entity user
  resolution 1d
  timezone "UTC"

event invite_sent

category team {
  count(invite_sent) within 30d >= 3 : +20 "Invited three people this month" [invites_3]
}

tier hot when score >= 20
