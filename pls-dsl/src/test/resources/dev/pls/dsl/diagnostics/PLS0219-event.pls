model trial
category activation {
  count(dashboard_created) >= 3 : +15 "Built 3+ dashboards" [dashboards_3]
}
activation dashboard_creatd
