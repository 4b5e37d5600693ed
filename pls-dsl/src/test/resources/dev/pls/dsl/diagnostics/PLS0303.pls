model m
  resolution 1d
signal invites = count(invite_sent)
category collaboration {
  invites >= 3 within 36h : +20 "Invited 3+ teammates"
}
