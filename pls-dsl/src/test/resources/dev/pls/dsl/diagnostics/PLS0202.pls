model m
event invite_sent
event page_viewed
category collaboration {
  count(invite_snt) >= 3 within 7d : +20 "Invited 3+ teammates"
}
