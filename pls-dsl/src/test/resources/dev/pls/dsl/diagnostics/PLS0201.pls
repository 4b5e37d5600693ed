model m
signal invites = count(invite_sent)
category collaboration {
  invitse >= 3 within 7d : +20 "Invited 3+ teammates"
}
