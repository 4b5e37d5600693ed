model m
queue inside_sales "Inside sales" sla 24h capacity 40
queue inside_sales "Inside sales (EMEA)" sla 24h capacity 20
