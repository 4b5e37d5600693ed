trait employees: int
category fit {
  employees > 500 : +20
}
