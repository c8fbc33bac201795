#!/usr/bin/env python3
"""Check that vcio and hledger rolled up the same cost lines to the same money.

  check_budget.py PLAN.json VCIO_BUDGET.json HLEDGER.csv

Compares, per fiscal year, the total and each funding source, to the cent: vcio's
`budget --format json` (years[].total_cents, by_source keyed by source name) against
`hledger bal --budget -p 'every 7/1 ...' expenses -O csv` (actual columns; the "budget"
columns are the goals). Prints one line; exits 1 on any difference.
"""
import csv
import json
import sys


def cents(cell):
    cell = cell.strip().replace(",", "")
    if cell in ("", "0"):
        return 0
    neg = cell.startswith("-")
    cell = cell.lstrip("-").lstrip("$")
    whole, _, frac = cell.partition(".")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


def main():
    plan = json.load(open(sys.argv[1]))
    vb = json.load(open(sys.argv[2]))
    rows = list(csv.reader(open(sys.argv[3])))
    header = rows[0]
    actual_cols = [i for i, h in enumerate(header) if i > 0 and h != "budget"]
    hl = {r[0]: [cents(r[i]) for i in actual_cols] for r in rows[1:]}
    names = {s["id"]: s["name"] for s in plan["budget"]["sources"]}
    years = vb["years"]
    if len(years) != len(actual_cols):
        sys.exit(f"FAIL: vcio has {len(years)} years, hledger {len(actual_cols)} periods")
    bad = []
    for y, yb in enumerate(years):
        fy = yb["fiscal_year"]
        if yb["total_cents"] != hl["Total:"][y]:
            bad.append(f"FY{fy} total vcio {yb['total_cents']} hledger {hl['Total:'][y]}")
        for sid, name in names.items():
            v = yb["by_source"].get(name, 0)
            h = hl.get(f"expenses:{sid}", [0] * len(years))[y]
            if v != h:
                bad.append(f"FY{fy} {sid} vcio {v} hledger {h}")
    if bad:
        print("FAIL: " + "; ".join(bad[:10]))
        sys.exit(1)
    print(f"OK: {len(years)} fiscal years x {len(names)} sources + totals equal to the cent "
          f"(horizon total {sum(y['total_cents'] for y in years)} cents)")


main()
