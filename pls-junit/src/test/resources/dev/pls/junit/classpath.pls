model classpath
signal logins = count(login)

category usage {
  logins >= 1 within 7d : +5 "Logged in"
}

test "classpath logs in" {
  as_of 2026-11-20T12:00:00Z
  user u1 { }
  events u1 { login at -1h }
  expect u1 score 5
}
