model m
signal invites = count(invite_sent)
category collaboration {
  invites >= 1 within 7d : +2.505 "Invited a teammate"
}
