model team_pql
trait title: string
category intent {
  enterprise_feature_requested within 30d : +30 "Asked about SSO" [sso_setup]
}
tier warm when score >= 30

model team_pqa
  members team_pql
trait employees: int
category adoption {
  active_members(any) >= 2 within 30d : +20 "2+ active users" [active_2]
}
tier team when active_members(any) >= 2 within 30d
segment smb when employees < 50
segment enterprise when employees >= 500
queue named_ae "Named AE" sla 4h
trigger sso "Asked about SSO/SAML" high when enterprise_feature_requested within 1d to named_ae
suppress when employees >= 500 : "enterprise account"

test "expectations on an account and its members" {
  as_of 2026-11-20T12:00:00Z
  account acme { employees: 900 }
  user u1 { title: "CTO" }
  user u2 { }
  members acme { u1, u2 }
  events u1 { enterprise_feature_requested at -3d }
  events u2 { login at -1d }
  expect acme score 60
  expect acme segment smb
  expect acme trigger sso
  expect acme not suppressed
  expect u1 tier none
  expect u2 score 0
}
