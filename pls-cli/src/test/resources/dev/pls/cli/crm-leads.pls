model crm_leads version 1
  entity user
trait do_not_call: bool
trait occupation: string
trait city: string
category fit {
  occupation == "Working Professional" : +20 "Working professional" [professional]
  city is present : +5 "Gave a city" [city]
}
category consent {
  do_not_call : -10 "Asked not to be called" [do_not_call]
}
tier hot when score >= 20
