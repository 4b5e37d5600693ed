model m
tier emerging when score >= 30
tier hot when score >= 80
