model m
signal invites = count(invite_sent)
category collaboration cap 5 {
  invites >= 3 within 7d : +20 "Invited 3+ teammates"
  invites >= 6 within 7d : +30 "Invited 6+ teammates"
}
