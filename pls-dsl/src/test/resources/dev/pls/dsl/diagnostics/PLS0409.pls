model m
trait employees: int
category fit cap 40 {
  employees >= 100 : +30 "Mid-size"
  employees >= 500 : +20 "Large"
}
grid g rows fit {A >= 20, B >= 30, C} columns fit {1 >= 40, 2}
