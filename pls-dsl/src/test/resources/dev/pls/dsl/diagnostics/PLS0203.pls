model m
category collaboration {
  cuont(invite_sent) >= 3 within 7d : +20 "Invited 3+ teammates"
}
