model m
category collaboration {
  count(invite_sent) >= 3 within 7d : +20 "Invited 3+ teammates"
  invite_snt within 30d : +5 "Invited someone this month"
}
