model m
queue inside_sales "Inside sales" sla 24h
disposition not_now
disposition bad_fit negative
disposition not_now neutral
