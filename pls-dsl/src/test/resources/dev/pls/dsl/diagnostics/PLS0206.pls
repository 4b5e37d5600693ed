model team_pql
  entity user
tier hot when score >= 40

model team_pqa
  entity account
  members team_qpl
