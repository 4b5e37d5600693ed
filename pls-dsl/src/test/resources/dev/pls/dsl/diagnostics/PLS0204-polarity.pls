model m
queue inside_sales "Inside sales" sla 24h
disposition meeting_booked positive
disposition bad_fit negativ
