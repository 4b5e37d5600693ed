model m
trait employees: int
category fit {
  employees > 500 within 30d : +20 "Large company"
}
