model syntax version 1
  entity user

category team {
  count(invite) within 14d > : +5 "Any invite"
}
