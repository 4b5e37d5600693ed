model team_pqa
  entity account
  members team_pql

model team_pql
  entity user
tier hot when score >= 40
