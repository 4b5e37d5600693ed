# Trial activation milestones of the Splendor workforce-scheduling trials
# (../shared/data/splendor-trial-conversion, trial_goals_mart.csv): each organisation is scored by
# which milestones it has reached, over all history.
model trial_activation version 1
  entity user
  resolution 1d
  timezone "UTC"

event first_action = "First.Action"
event shift_created = "Scheduling.Shift.Created"
event schedule_on_mobile = "Mobile.Schedule.Loaded"
event shift_approved = "Scheduling.Shift.Approved"
event assignment_changed = "Scheduling.Shift.AssignmentChanged"

category activation {
  count(shift_created) >= 1 : +20 "Created a shift" [shift_created]
  count(schedule_on_mobile) >= 1 : +20 "Loaded the schedule on mobile" [mobile]
  count(shift_approved) >= 1 : +25 "Approved a shift" [approved]
  count(assignment_changed) >= 1 : +15 "Changed an assignment" [assignment]
}

tier activated when score >= 55
tier engaged when score >= 20

# Hand-computed: a shift created and approved, 20 + 25 = 45: engaged, not activated.
test "created and approved a shift" {
  as_of 2024-02-01T00:00:00Z
  user o1 {}
  events o1 {
    shift_created at -9d
    "Scheduling.Shift.Approved" at -2d
  }
  expect o1 score 45
  expect o1 tier engaged
}

# Hand-computed: all four milestones, 20 + 20 + 25 + 15 = 80: activated.
test "every milestone" {
  as_of 2024-02-01T00:00:00Z
  user o2 {}
  events o2 {
    shift_created at -9d
    schedule_on_mobile at -8d
    shift_approved at -7d
    assignment_changed at -1h
  }
  expect o2 score 80
  expect o2 tier activated
}
