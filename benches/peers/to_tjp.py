#!/usr/bin/env python3
"""Write a vcio plan (JSON export, caps removed) as a TaskJuggler project that schedules the
same way `vcio roadmap schedule` does without caps.

  to_tjp.py PLAN.json AS_OF > plan.tjp

Time scale: one fiscal quarter = 91 days (13 weeks), counted from the first day of the
horizon's first quarter (FY2027-Q1 = 2026-07-01). Quarters are whole units in vcio, so this
maps them exactly and keeps tj3's project about as long in calendar time as the real plan
(calendar quarters are 90-92 days; the converters map back by index, never by month).
vcio's rules, as TaskJuggler:
  * an initiative starts at the earliest quarter after all its dependencies end, and never
    before the quarter containing "now"  ->  `depends now_ms, <deps>` where `now_ms` is a
    milestone at the start of the now-quarter; ASAP, duration = 91 d per quarter;
  * an initiative that started before "now" is under way and stays put  ->  fixed `start`,
    no dependencies (vcio does not re-plan it either);
  * dependencies on ids not in the plan are ignored by vcio, so they are dropped here.
A CSV task report `tasks.csv` (id, start, end) is written; tj3's end is exclusive (the start
of the next quarter).
"""
import datetime as dt
import json
import sys

from fiscal import horizon, now_quarter, q_index

DAYS = 91


def main():
    plan = json.load(open(sys.argv[1]))
    as_of = dt.date.fromisoformat(sys.argv[2])
    first_q, _ = horizon(as_of, plan["district"].get("horizon_years", 5))
    now_q = now_quarter(as_of)
    base = dt.date(first_q // 4 - 1, 7, 1)

    def date(q):
        return (base + dt.timedelta(days=DAYS * (q - first_q))).isoformat()

    ids = {ini["id"] for ini in plan["initiatives"]}
    tid = lambda s: "t_" + s.replace("-", "_")
    out = [f'project vcio "vcio peer bench" {base.isoformat()} +14y {{\n'
           '  timezone "UTC"\n  timeformat "%Y-%m-%d"\n'
           f'  now {base.isoformat()}\n}}\n\n',
           f'task now_ms "now" {{ start {date(now_q)} milestone }}\n']
    for ini in plan["initiatives"]:
        start = q_index(ini["start"])
        dur = max(1, ini["duration"]) * DAYS
        if start < now_q:
            timing = f"start {date(start)}"
        else:
            deps = ["now_ms"] + [tid(d) for d in ini.get("depends_on", []) if d in ids]
            timing = "depends " + ", ".join(deps)
        out.append(f'task {tid(ini["id"])} "{ini["id"]}" {{ {timing} duration {dur}d }}\n')
    out.append('\ntaskreport tasks "tasks" {\n  formats csv\n  columns id, start, end\n'
               '  hidetask plan.id = "now_ms"\n}\n')
    sys.stdout.write("".join(out))


main()
