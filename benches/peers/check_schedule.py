#!/usr/bin/env python3
"""Check that `vcio roadmap schedule` (no caps) and tj3 placed every initiative alike.

  check_schedule.py PLAN.json AS_OF VCIO_ROADMAP.json VCIO_STDERR.txt TJ3_TASKS.csv

tj3 dates are mapped back to quarters (91 days per quarter from the horizon start, see
to_tjp.py). Where the semantics differ, the comparable thing is compared:
  * vcio only places work that ends inside its 5-year horizon; the rest is reported as
    "cannot be placed" (and so is everything that depends on it) and keeps its old start.
    tj3 has no horizon and schedules it later. So the expected vcio outcome is derived from
    tj3's: placed iff every dependency is placed and (it is under way, or tj3's end quarter
    <= the horizon's last quarter). Placed ones must have the same start and end quarters;
    unplaced ones must be in vcio's warnings.
Prints one line; exits 1 on any difference.
"""
import csv
import datetime as dt
import json
import re
import sys

from fiscal import horizon, now_quarter, q_index, q_label

DAYS = 91


def main():
    plan = json.load(open(sys.argv[1]))
    as_of = dt.date.fromisoformat(sys.argv[2])
    road = json.load(open(sys.argv[3]))
    warn = open(sys.argv[4]).read()
    first_q, last_q = horizon(as_of, plan["district"].get("horizon_years", 5))
    now_q = now_quarter(as_of)
    base = dt.date(first_q // 4 - 1, 7, 1)

    def quarter(s, exclusive_end=False):
        days = (dt.date.fromisoformat(s) - base).days
        if days % DAYS:
            sys.exit(f"FAIL: tj3 date {s} is not on a quarter boundary")
        return first_q + days // DAYS - (1 if exclusive_end else 0)

    tj = {}
    for row in csv.DictReader(open(sys.argv[5]), delimiter=";"):
        tj[row["Id"].removeprefix("t_").replace("_", "-")] = (
            quarter(row["Start"]), quarter(row["End"], True))
    unplaced = set(re.findall(r"warning: (\S+) cannot be placed", warn))
    vcio = {i["id"]: (q_index(i["start"]), q_index(i["end"])) for i in road["initiatives"]}
    ids = {i["id"] for i in plan["initiatives"]}
    placed = {}
    bad = []
    n_placed = n_unplaced = 0
    for ini in plan["initiatives"]:  # dependencies come first in generated plans
        iid = ini["id"]
        if iid not in tj:
            bad.append(f"{iid} missing from tj3"); continue
        deps_ok = all(placed.get(d, False) for d in ini.get("depends_on", []) if d in ids)
        under_way = q_index(ini["start"]) < now_q
        placed[iid] = deps_ok and (under_way or tj[iid][1] <= last_q)
        if placed[iid]:
            n_placed += 1
            if iid in unplaced:
                bad.append(f"{iid}: tj3 {q_label(tj[iid][0])}..{q_label(tj[iid][1])}, vcio unplaced")
            elif vcio[iid] != tj[iid]:
                bad.append(f"{iid}: tj3 {q_label(tj[iid][0])}..{q_label(tj[iid][1])}, "
                           f"vcio {q_label(vcio[iid][0])}..{q_label(vcio[iid][1])}")
        else:
            n_unplaced += 1
            if iid not in unplaced:
                bad.append(f"{iid}: beyond the horizon in tj3 ({q_label(tj[iid][1])}), "
                           f"vcio placed it {q_label(vcio[iid][0])}")
    if bad:
        print(f"FAIL ({len(bad)}): " + "; ".join(bad[:8]))
        sys.exit(1)
    print(f"OK: {n_placed} initiatives same start/end quarter; {n_unplaced} end after the "
          f"horizon in tj3 and are 'cannot be placed' in vcio")


main()
