# A trial model for the identity tests (IdentityCommandsTest): a person's anonymous pricing views
# and invites count with those made after signing in.
model trial version 1
  entity user
  resolution 1d
  timezone "UTC"
trait plan: string
signal invites = count(invite_sent)
signal pricing = count(page_viewed where name == "Pricing")
category engagement {
  invites >= 2 within 7d : +20 "Invited 2+ teammates" [invites_2]
  pricing >= 3 within 14d : +10 "Viewed pricing 3+ times" [pricing_3]
}
tier hot when score >= 30
queue sales "Sales" sla 4h
route hot to sales
