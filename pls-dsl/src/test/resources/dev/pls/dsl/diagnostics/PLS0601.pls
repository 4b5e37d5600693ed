model m
tier hot when score >= 80
test "a hot lead" {
  as_of 2026-11-20T12:00:00Z
  user u1 { }
  expect u1 tier hott
}
