model m
trait plan: string
signal plan = count(plan_changed)
