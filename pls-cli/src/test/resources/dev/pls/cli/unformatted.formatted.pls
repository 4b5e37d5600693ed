model tidy version 1
  entity user

# How teams grow.
event invite

signal invites = count(invite)

category team cap 30 {
  invites >= 2 within 14d : +20 "Invited 2+ teammates" [invites_2]
  invites >= 5 within 14d : +15 "Invited 5+" [invites_5]
}

tier hot when score >= 30
