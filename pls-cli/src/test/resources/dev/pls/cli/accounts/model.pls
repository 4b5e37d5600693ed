# A small account model with a hand-off, for the CLI's account tests (AccountCommandsTest).
model team_pql version 1
  entity user
trait email_domain: string
trait department: string
set freemail = {"gmail.com"}
signal invites = count(invite_sent)
category collaboration {
  invites >= 2 within 7d : +20 "Invited 2+ teammates" share "bringing your team in" [invites_2]
}
exclude email_domain in freemail : "personal email domain"
tier hot when score >= 20

model team_pqa version 1
  members team_pql
trait employees: int
category adoption {
  active_members(any) >= 2 within 7d : +30 "2+ active users" [active_2]
}
tier expanding when score >= 50
tier team when score >= 30

queue ae "Named AE" sla 4h capacity 1
queue nurture "Nurture" sla 72h
segment enterprise when employees >= 500
route expanding in enterprise to ae
route expanding to nurture
route team to nurture level low
trigger contact "Chose Contact Sales" high when contact_sales_clicked within 1d to ae
context active_users = active_members(any) within 7d
