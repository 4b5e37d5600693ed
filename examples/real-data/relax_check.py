"""Independent count of the Relax challenge's adopted users: 3 distinct login dates within 7 days."""
import csv, sys
from collections import defaultdict
from datetime import date

days = defaultdict(set)
for r in csv.DictReader(open(f"{sys.argv[1]}/takehome_user_engagement.csv")):
    days[r["user_id"]].add(date.fromisoformat(r["time_stamp"][:10]))
adopted = 0
for u, ds in days.items():
    d = sorted(ds)
    if any((d[i + 2] - d[i]).days < 7 for i in range(len(d) - 2)):
        adopted += 1
print(len(days), adopted)
