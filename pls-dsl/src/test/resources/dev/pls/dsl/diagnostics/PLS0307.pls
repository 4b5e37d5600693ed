model m
trait employees: int
category fit cap 40 {
  employees >= 100 : +30 "Mid-size"
}
category bonus {
  fit >= 40 : +5 "Good fit"
}
