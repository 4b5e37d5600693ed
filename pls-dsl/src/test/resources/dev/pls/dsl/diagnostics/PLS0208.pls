model m
trait employees: int
tier hot when score >= 50
queue named_ae "Named AE" sla 4h
segment enterprise when employees >= 500
route hott in enterprise to named_ae level high
