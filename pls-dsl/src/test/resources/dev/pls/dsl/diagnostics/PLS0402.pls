model m
signal invites = count(invite_sent)
category collaboration {
  invites >= 1 within 7d : +10 "Invited teammates"
  invites >= 3 within 7d : +20 "Invited teammates" [invites_3]
}
