# A model written in a hurry.
model   messy   version 2 entity user
   resolution 1d timezone "UTC"
trait employees:int
trait industry :  string   # from the CRM
trait   minutes="Total Time Spent on Website"  :int
set targets={"software","fintech",}
signal invites=count( invite_sent )
signal premium = distinct(feature_used.feature where tier=="premium"and n>1)
category   fit cap 30{
  employees>500:20 "Large"
  # mid-size companies
  employees between 50 and 500 : +10
  (employees*2+1)/3-4>=5 and not(industry in targets or industry is missing) : +1.5 "Formula" [formula]
}
category velocity floor -10 { invites>=1 and ((count(any) within 1d > 5)) within 7d:+5 "x" }
category   fresh { invites>=2 within 14d:+20   decay    half_life   14d "Invited 2+" [invites_2]
  invites >= 5 within 90d : -3 decay linear 8w }
exclude industry=="internal":"internal"
tier hot when score>=30
tier warm when score >= 10 # lukewarm
tier   fitted when fit>=20 and(velocity >=0)
grid   fit_eng rows fit{A>=20,B} columns velocity { 1 >= 5 , 2>=-3,3 }
test "t" { as_of 2026-11-20T12:00:00Z
  user u1 {employees:600,industry:"software"}
  events u1 { invite_sent at -1d ; feature_used at -2h {feature:"sso",tier:"premium", n: 2} }
  expect u1 score 20 expect u1 tier warm
  expect u1 not fired formula
  expect u1 value invites   within 7d==1
}
# trailing comment
