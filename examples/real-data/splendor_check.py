"""Independent computation of pls backtest figures for the Splendor trial data.

Written from docs/evaluation.md's definitions only, for the model in splendor.pls: all-history
milestone rules, so a rule has fired at step T once its first event is at or before T.
"""
import csv, json, math, sys
from datetime import datetime, timedelta, timezone

DATA = sys.argv[1]
FROM = datetime(2024, 1, 1, tzinfo=timezone.utc)
TO = datetime(2024, 5, 31, tzinfo=timezone.utc)
STEP = timedelta(days=1)
RULES = [("shift_created", "Scheduling.Shift.Created", 20), ("mobile", "Mobile.Schedule.Loaded", 20),
         ("approved", "Scheduling.Shift.Approved", 25), ("assignment", "Scheduling.Shift.AssignmentChanged", 15)]
TIERS = [("activated", 55), ("engaged", 20)]

def parse(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)

first = {}      # org -> first event of any kind
milestone = {}  # (org, activity) -> first time
for r in csv.DictReader(open(f"{DATA}/trial_goals_mart.csv")):
    t = parse(r["timestamp"]); o = r["organization_id"]
    first[o] = min(first.get(o, t), t)
    k = (o, r["activity_name"])
    milestone[k] = min(milestone.get(k, t), t)
outcome = {}
for r in csv.DictReader(open(f"{DATA}/df_organization_act_count.csv")):
    if r["CONVERTED_AT"]:
        outcome[r["ORGANIZATION_ID"]] = parse(r["CONVERTED_AT"])

steps = []
t = FROM
while t <= TO:
    steps.append(t); t += STEP

def tier_of(score):
    for name, cut in TIERS:
        if score >= cut:
            return name
    return "none"

order = [n for n, _ in TIERS] + ["none"]
ents = {}
for o, f in first.items():
    my = [s for s in steps if s >= f]
    if not my:
        continue
    out = outcome.get(o)
    prior = out is not None and out <= my[0]
    ever = set(); peak = None; hi = None; fired = set()
    for s in my:
        fr = [rid for rid, act, pts in RULES if (o, act) in milestone and milestone[(o, act)] <= s]
        score = sum(pts for rid, act, pts in RULES if rid in fr)
        tr = tier_of(score)
        ever.add(tr)
        if out is None or s < out:
            peak = tr if peak is None or order.index(tr) < order.index(peak) else peak
            hi = score if hi is None else max(hi, score)
            fired |= set(fr)
    ents[o] = dict(ever=ever, peak=peak or "none", hi=hi, fired=fired, out=out, prior=prior)

def wilson(k, n, z=1.959963984540054):
    p = k / n
    c = (p + z*z/(2*n)) / (1 + z*z/n)
    h = z * math.sqrt(p*(1-p)/n + z*z/(4*n*n)) / (1 + z*z/n)
    return [max(0, c-h), min(1, c+h)]

summary = {"steps": len(steps), "entities": len(ents),
           "tiers": {t: {"ever": sum(t in e["ever"] for e in ents.values()),
                         "peak": sum(e["peak"] == t for e in ents.values())} for t in order}}
live = {o: e for o, e in ents.items() if not e["prior"]}
conv = {o for o, e in live.items() if e["out"] is not None}
n = len(live); c = len(conv); base = c / n
tiers = {}
for t in order:
    m = [o for o, e in live.items() if e["peak"] == t]
    k = sum(o in conv for o in m)
    tiers[t] = {"entities": len(m), "converted": k, "rate": k/len(m) if m else None,
                "lift": (k/len(m))/base if m and base else None}
rules = {}
for rid, _, _ in RULES:
    f = [o for o, e in live.items() if rid in e["fired"]]
    cf = sum(o in conv for o in f)
    rf = cf/len(f) if f else None
    rn = (c-cf)/(n-len(f)) if n-len(f) else None
    rules[rid] = {"fired": len(f), "converted_fired": cf, "rate_fired": rf, "rate_not_fired": rn,
                  "lift": rf/rn if rf is not None and rn else None}
pos = [e["hi"] for o, e in live.items() if o in conv]
neg = [e["hi"] for o, e in live.items() if o not in conv]
auc = sum((p > q) + 0.5*(p == q) for p in pos for q in neg) / (len(pos)*len(neg))
summary["outcomes"] = {"entities": n, "prior": len(ents)-n,
                       "unmatched": len(set(outcome) - set(ents)), "converted": c,
                       "base_rate": base, "base_rate_ci": wilson(c, n), "tiers": tiers, "rules": rules, "auc": auc}
print(json.dumps(summary, indent=1))
