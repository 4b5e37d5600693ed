model m
signal invites = count(invite_sent)
category collaboration {
  invites >= 3 within 7d : +20 "Invited 3+ teammates" share "inviting your team" [invites_3]
}
template invited "Hi! I saw you have been {invite_3}; can I help?"
