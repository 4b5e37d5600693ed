model m
signal invites = count(invite_sent)
category collaboration {
  invites >= 1 within 7d : +10 "Invited a teammate" [invites]
  invites >= 3 within 7d : +20 "Invited 3+ teammates" [invites]
}
