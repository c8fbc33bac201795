#!/usr/bin/env python3
"""Turn a plan exported by `vcio generate` + `vcio export --format json` into the variant a
peer comparison needs, so vcio and the peer compute the same thing.

  prepare_plan.py budget   IN.json OUT.json
      No E-Rate (E-Rate reimbursement depends on the five-year C2 budget being used up in
      quarter order, which hledger has no notion of); funding spread over three sources
      (general / bond / grant, by initiative number) so the per-source roll-up is exercised;
      the generated overall cap is kept (it becomes hledger's budget goal).
  prepare_plan.py schedule IN.json OUT.json
      No caps at all (overall, per year, per source, awards), so `vcio roadmap schedule` places
      each initiative purely by its dependencies, as tj3 does; E-Rate removed too (it only
      matters for caps).
"""
import json
import sys

mode, src, dst = sys.argv[1:4]
doc = json.load(open(src))
# `vcio export --format json` nests the plan under "plan" beside what is derived from it; a
# bare plan (as `vcio import plan` reads) is accepted too.
plan = doc["plan"] if "plan" in doc and "initiatives" not in doc else doc
b = plan["budget"]
for ini in plan["initiatives"]:
    ini["erate"] = None
if mode == "budget":
    names = {"general": "General Fund", "bond": "Technology Bond", "grant": "State Tech Grant"}
    kinds = {"general": "General", "bond": "Bond", "grant": "Grant"}
    keep = [s for s in b["sources"] if s["id"] == "general"]
    for sid in ("bond", "grant"):
        keep.append({"id": sid, "name": names[sid], "kind": kinds[sid],
                     "annual_cap_cents": None, "award_cents": None, "years": []})
    b["sources"] = keep
    for n, ini in enumerate(plan["initiatives"]):
        ini["funding"] = ("general", "general", "bond", "grant")[n % 4]
elif mode == "schedule":
    b["annual_cap_cents"] = None
    b["caps_by_year"] = {}
    for s in b["sources"]:
        s["annual_cap_cents"] = None
        s["award_cents"] = None
else:
    sys.exit(f"unknown mode {mode!r}")
json.dump(plan, open(dst, "w"))
