model m
tier hot when score >= 80
tier hot when score >= 50
