model escapes version 1
  entity user

# Characters that JSON writers escape in different ways.
trait größe: int
event invite

category team {
  ab > 1 : +5 "backspace"
  ab > 1 : +5 "form feed"
  ab > 1 : +5 "vertical tab"
  ab > 1 : +5 "unit separator"
  ab > 1 : +5 "delete"
  a b > 1 : +5 "line separator"
  größe > "\\" : +5 "backslash"
}
