model m
signal invites = count(invite_sent)
category collaboration {
  invites > 10 and invites < 5 within 7d : +10 "Invited a few"
  invites between 5 and 3 within 7d : +10 "Invited some"
}
