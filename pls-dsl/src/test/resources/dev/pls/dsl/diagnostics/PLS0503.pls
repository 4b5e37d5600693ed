model m
signal invites = count(invite_sent)
category collaboration {
  invites >= 3 within 7d : +20 "Invited 3+ teammates"
}
category intent {
  invites >= 3 within 7d : +5 "Invites show intent"
}
