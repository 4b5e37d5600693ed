model m
signal pricing_views = count(page_viewed where path == "/pricing")
category intent {
  pricing_views >= 3 within 30d : +20 "Viewed pricing 3+ times" [pricing_3]
}
template pricing "Hi! I noticed you {pricing_3}; want a walkthrough?"
