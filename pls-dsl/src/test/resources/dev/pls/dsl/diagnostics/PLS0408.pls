model m
trait employees: int
signal invites = count(invite_sent)
category collaboration {
  invites >= 2 within 14d : +20 decay half_lfe 14d "Invited 2+"
  invites >= 1 within 7d : +5 decay linear 36h "Invited"
  employees >= 100 : +10 decay linear 60d "Large"
}
