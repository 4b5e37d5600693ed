model crm_headers version 1
  entity user
trait minutes = "Total Time Spent on Website": int
trait source = "Lead Source": string
trait city: string
category fit {
  minutes >= 30 : +15 "Spent half an hour on the site" [engaged]
  source == "Reference" : +20 "Came by reference" [reference]
  city is present : +5 "Gave a city" [city]
}
tier hot when score >= 20
