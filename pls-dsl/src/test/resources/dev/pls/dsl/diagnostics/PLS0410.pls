model m
trait employees: int
signal seats = count(seat_added)
category fit {
  employees >= 100 : +40 "Mid-size"
}
category engagement {
  seats >= 3 within 30d : +60 "Three seats in a month"
}
grid fe rows fit {A >= 40, B} columns engagement {1 >= 60, 2}
tier hot when score >= 50
queue named_ae "Named AE" sla 4h
route hot cell a1 to named_ae
