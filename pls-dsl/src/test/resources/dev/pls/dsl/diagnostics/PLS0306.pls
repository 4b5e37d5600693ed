model team_pql
  entity user
trait department: string
tier hot when score >= 40

model team_pqa
  entity account
  members team_pql
category adoption {
  members_at_tier(hott) >= 2 : +20 "2+ hot users"
  new_members(any) >= 5 : +20 "5+ new users"
}
