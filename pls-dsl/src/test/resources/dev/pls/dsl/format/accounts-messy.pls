# Users, then the accounts that roll them up.
model team_pql version 1 entity user
trait department:string
trait title : string
category usage { count(invite_sent)>=3 within 7d:+20 "Invited 3+" share"inviting your team" [invites_3] }
tier warm when score>=20
model team_pqa version 1 entity account members team_pql   # the PQA
trait employees:int trait is_customer:bool
rollup   top 3  member_floor   0   member_cap 50 as team
signal active_users=active_members( any )
category adoption{
  active_users>=5 within 30d:+30"5+ active" [active_5]
  members( where title in{"CEO","CTO"} )>=1 : +15 "Executive" share  "an executive on the team"
  member_values(department,any)within 30d>=2:+20
  new_members(any) within 7d>=5 and members_at_tier(warm)>=2 : +10 "Growing"
}
tier big when(active_users>=5 within 30d)and score>100
queue named_ae"Named AE"sla 4h capacity 10
queue nurture "Nurture" sla 3d
segment smb when employees<50 segment enterprise when employees>=500
route big in enterprise,smb to named_ae level high route big to nurture
trigger sso "Asked about SSO" high when enterprise_feature_requested within 1d to named_ae
hold big while score>=80
suppress when is_customer:"existing customer"
holdout 12.5% salt "q4"   # lift
cooldown 7d
context users=active_users within 7d
template exec "Hi, with {active_5} ..."
test "members" { as_of 2026-11-20T12:00:00Z
  account acme {employees:900}   user u1{title:"CTO"} user u2{ }
  members acme{u1,u2,}
  events u1{invite_sent at -1d;invite_sent at -2d;invite_sent at -3d}
  expect acme segment enterprise expect acme not trigger sso expect acme   not suppressed
  expect u1 score 20
}
