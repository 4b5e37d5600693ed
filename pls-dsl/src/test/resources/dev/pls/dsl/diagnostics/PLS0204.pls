model m
trait employees: integer
