# The readiness fixture (ReadinessCommandTest, docs/cli.md): logins, and exports in two formats.
model ready_check version 1
  entity user
  resolution 1d
  timezone "UTC"

event login
event export

signal formats = distinct(export.format)

category usage {
  login within 30d : +10 "Logged in" [logged_in]
  formats >= 2 within 30d : +20 "Exported in two formats" [two_formats]
}

tier hot when score >= 10
