model m
trait employees: int
category fit {
  employees == "large" : +20 "Large company"
}
