#!/usr/bin/env bash
# Side-by-side benchmarks of vcio against its two closest peers (see
# /work/shared/research/peers.md and DESIGN.md section 5), on the same generated plan:
#   B1  budget roll-up per fiscal year and funding source  vs  hledger bal --budget
#   B4  scheduling of chained initiatives                  vs  tj3 (TaskJuggler)
# Each comparison first checks that both tools computed the same thing (to the cent, or the
# same start/end quarter per initiative) and fails loudly if not; then times both with
# hyperfine (median of N runs, whole process: start-up, load, compute, output).
# Results go to stdout and to benches/peers/results.md.
#
#   bash benches/peers/run.sh                       # full: budget 1k/10k/100k, schedule 1k/5k
#   BUDGET_SIZES="1000" SCHED_SIZES="200" bash benches/peers/run.sh   # quick
# A peer that cannot be installed is skipped with a message (exit 0).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
AS_OF=2026-11-22
SEED=${SEED:-7}
BUDGET_SIZES=${BUDGET_SIZES:-"1000 10000 100000"}
SCHED_SIZES=${SCHED_SIZES:-"1000 5000"}
RUNS=${RUNS:-5}                 # runs per fast command (after 1 warm-up)
SLOW_RUNS=${SLOW_RUNS:-1}       # runs for a peer command expected to take > ~20 s
PEER_TIMEOUT=${PEER_TIMEOUT:-900}
RESULTS="$HERE/results.md"
# vcio's horizon as of $AS_OF is FY2027..FY2031, so hledger's periods are those fiscal years.
FY_PERIOD='every 7/1 from 2026-07-01 to 2031-07-01'

say() { printf '%s\n' "$*" >&2; }

# --- 1. peers -------------------------------------------------------------------------------
APT_UPDATED=0
ensure_pkg() { # ensure_pkg COMMAND PACKAGE -> 0 if COMMAND is available afterwards
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$APT_UPDATED" = 0 ]; then
    timeout 300 apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed"
    APT_UPDATED=1
  fi
  if ! timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/tmp/peers-apt-$2.log 2>&1; then
    say "cannot install $2 (see /tmp/peers-apt-$2.log: $(tail -1 /tmp/peers-apt-$2.log))"
  fi
  command -v "$1" >/dev/null 2>&1
}
HAVE_HLEDGER=1; ensure_pkg hledger hledger || HAVE_HLEDGER=0
HAVE_TJ3=1; ensure_pkg tj3 tj3 || HAVE_TJ3=0          # Debian package "tj3" (TaskJuggler 3.7)
HAVE_HYPERFINE=1; ensure_pkg hyperfine hyperfine || HAVE_HYPERFINE=0
[ "$HAVE_HLEDGER" = 1 ] || say "SKIP budget comparison: hledger is not available"
[ "$HAVE_TJ3" = 1 ] || say "SKIP schedule comparison: tj3 is not available"
if [ "$HAVE_HLEDGER$HAVE_TJ3" = 00 ]; then say "no peer available: nothing to compare"; exit 0; fi

# --- 2. vcio --------------------------------------------------------------------------------
(cd "$ROOT" && cargo build --release --quiet)
VCIO="$ROOT/target/release/vcio"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
WORK="$(mktemp -d /tmp/vcio-peers.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
say "scratch: $WORK"

# median_ms RUNS PREPARE-OR-EMPTY CMD... -> prints "WALL CPU": the median wall time and the mean
# user+system CPU time in ms ("timeout" if the whole measurement exceeds PEER_TIMEOUT; CPU "-"
# without hyperfine). CPU time is reported because shared machines are often loaded, which
# inflates wall time for both tools. The command's output is discarded.
median_ms() {
  local runs=$1 prep=$2; shift 2
  local json="$WORK/hf.json"
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    local args=(-N --style none --warmup "$([ "$runs" -gt 1 ] && echo 1 || echo 0)" --runs "$runs" --export-json "$json")
    [ -n "$prep" ] && args+=(--prepare "$prep")
    if ! timeout "$PEER_TIMEOUT" hyperfine "${args[@]}" -- "$(printf '%q ' "$@")" >/dev/null 2>&1; then
      echo "timeout -"; return 0
    fi
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f" % (r["median"]*1000, (r["user"]+r["system"])*1000))' "$json"
  else
    local t=() i s e
    for ((i = 0; i < runs; i++)); do
      [ -n "$prep" ] && bash -c "$prep"
      s=$(date +%s%N)
      timeout "$PEER_TIMEOUT" "$@" >/dev/null 2>&1 || { echo "timeout -"; return 0; }
      e=$(date +%s%N); t+=($(( (e - s) / 1000 )))
    done
    printf '%s\n' "${t[@]}" | sort -n | python3 -c 'import sys; v=[int(x) for x in sys.stdin]; print("%.1f -" % (v[len(v)//2]/1000))'
  fi
}
ratio() { python3 -c 'import sys; a,b=sys.argv[1:]; print("n/a" if "timeout" in (a,b) or "-" in (a,b) else "%.1fx" % (float(b)/float(a)))' "$1" "$2"; }

ROWS=()
# row NAME SIZE "VCIO_WALL VCIO_CPU" "PEER_WALL PEER_CPU" AGREEMENT
row() {
  local vw vc pw pc; read -r vw vc <<<"$3"; read -r pw pc <<<"$4"
  local r; r="| $1 | $2 | $vw | $pw | $(ratio "$vw" "$pw") | $vc | $pc | $(ratio "$vc" "$pc") | $5 |"
  ROWS+=("$r"); say "$r"
}
FAILED=0

# generate SIZE MODE -> $WORK/MODE-SIZE/{data,plan.json}: vcio's synthetic district with no
# inventory (items carry no recurring cost in generated districts anyway), SIZE initiatives in
# dependency chains of ~10, then prepared for MODE (prepare_plan.py) and imported back.
generate() {
  local n=$1 mode=$2 d="$WORK/$2-$1"
  mkdir -p "$d"
  "$VCIO" --data-dir "$d/data" --as-of $AS_OF generate --items 0 --initiatives "$n" --seed "$SEED" >/dev/null
  "$VCIO" --data-dir "$d/data" --as-of $AS_OF export --format json --out "$d/generated.json" >/dev/null
  python3 "$HERE/prepare_plan.py" "$mode" "$d/generated.json" "$d/plan.json"
  "$VCIO" --data-dir "$d/data" --as-of $AS_OF import plan "$d/plan.json" >/dev/null
}

# --- 3. budget roll-up vs hledger -----------------------------------------------------------
if [ "$HAVE_HLEDGER" = 1 ]; then
  say "== budget roll-up vs $(hledger --version | head -1)"
  for n in $BUDGET_SIZES; do
    d="$WORK/budget-$n"; generate "$n" budget
    lines=$(python3 "$HERE/to_journal.py" "$d/plan.json" $AS_OF 2>&1 >"$d/plan.journal")
    "$VCIO" --data-dir "$d/data" --as-of $AS_OF budget --format json >"$d/vcio.json"
    if ! timeout "$PEER_TIMEOUT" hledger -f "$d/plan.journal" bal --budget -p "$FY_PERIOD" expenses -O csv >"$d/hledger.csv"; then
      say "   $n initiatives: hledger failed or timed out after ${PEER_TIMEOUT}s"; FAILED=1; continue
    fi
    if check=$(python3 "$HERE/check_budget.py" "$d/plan.json" "$d/vcio.json" "$d/hledger.csv"); then ok=OK; else ok=FAIL; FAILED=1; fi
    say "   $n initiatives, $lines cost lines: $check"
    runs=$RUNS; [ "$n" -ge 100000 ] && runs=$SLOW_RUNS
    v=$(median_ms "$RUNS" "" "$VCIO" --data-dir "$d/data" --as-of $AS_OF budget --format json)
    p=$(median_ms "$runs" "" hledger -f "$d/plan.journal" bal --budget -p "$FY_PERIOD" expenses -O csv)
    row "budget roll-up vs hledger" "$n initiatives, $lines cost lines" "$v" "$p" "$ok"
  done
fi

# --- 4. scheduling vs tj3 -------------------------------------------------------------------
if [ "$HAVE_TJ3" = 1 ]; then
  say "== scheduling vs tj3 $(tj3 --version 2>/dev/null | head -1)"
  for n in $SCHED_SIZES; do
    d="$WORK/schedule-$n"; generate "$n" schedule
    python3 "$HERE/to_tjp.py" "$d/plan.json" $AS_OF >"$d/plan.tjp"
    cp -a "$d/data" "$d/pristine"
    # vcio: level the imported plan (no caps: dependencies only), then read start/end back.
    "$VCIO" --data-dir "$d/data" --as-of $AS_OF roadmap schedule >/dev/null 2>"$d/vcio.err" || true
    "$VCIO" --data-dir "$d/data" --as-of $AS_OF roadmap --format json >"$d/roadmap.json"
    mkdir -p "$d/tj"
    runs=$RUNS; [ "$n" -ge 2000 ] && runs=$SLOW_RUNS
    # tj3 is timed on the same run that produces the CSV the check reads (it is slow).
    p=$(median_ms "$runs" "" tj3 --silent "$d/plan.tjp" -o "$d/tj")
    if [ "${p%% *}" = timeout ] || [ ! -s "$d/tj/tasks.csv" ]; then
      ok=FAIL; FAILED=1; check="tj3 timed out or wrote no tasks.csv"
    elif check=$(python3 "$HERE/check_schedule.py" "$d/plan.json" $AS_OF "$d/roadmap.json" "$d/vcio.err" "$d/tj/tasks.csv"); then ok=OK; else ok=FAIL; FAILED=1; fi
    say "   $n initiatives: $check"
    v=$(median_ms "$RUNS" "bash -c 'rm -rf $d/data && cp -a $d/pristine $d/data'" \
        "$VCIO" --data-dir "$d/data" --as-of $AS_OF roadmap schedule)
    row "schedule vs tj3" "$n initiatives in chains of ~10" "$v" "$p" "$ok"
  done
fi

# --- 5. results -----------------------------------------------------------------------------
{
  echo "# vcio vs peers: measured results"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), vcio $(git -C "$ROOT" rev-parse --short HEAD); load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Command: \`BUDGET_SIZES=\"$BUDGET_SIZES\" SCHED_SIZES=\"$SCHED_SIZES\" RUNS=$RUNS SLOW_RUNS=$SLOW_RUNS bash benches/peers/run.sh\`"
  echo "Peers: $( [ "$HAVE_HLEDGER" = 1 ] && hledger --version | head -1 ), $( [ "$HAVE_TJ3" = 1 ] && tj3 --version 2>/dev/null | head -1)."
  echo "Medians of wall time per whole process (hyperfine -N; $RUNS runs after 1 warm-up, $SLOW_RUNS run(s) for 100k-initiative hledger and >=2k-task tj3). Ratio = peer / vcio. CPU = mean user+system time."
  echo
  echo "| comparison | size | vcio wall ms (median) | peer wall ms (median) | wall ratio | vcio CPU ms | peer CPU ms | CPU ratio | agreement |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "vcio commands: \`vcio --data-dir D --as-of $AS_OF budget --format json\`, \`vcio ... roadmap schedule\` (data dir restored before each run)."
  echo "Peer commands: \`hledger -f plan.journal bal --budget -p '$FY_PERIOD' expenses -O csv\`, \`tj3 --silent plan.tjp -o OUT\`."
  cat <<'NOTES'

How the data is made the same for both tools (details in each helper's header):
- `vcio generate --items 0 --initiatives N --seed 7` (no inventory: generated items carry no
  recurring cost anyway; initiatives in dependency chains of ~10), `vcio export --format json`,
  `prepare_plan.py`, `vcio import plan`: the peer input is converted from that same JSON.
- Budget: E-Rate removed (vcio's C2 reimbursement depends on a five-year budget used up in
  quarter order, which hledger cannot express) and funding spread over three sources.
  `to_journal.py` writes one hledger transaction per initiative-quarter amount with vcio's
  exact even splits; the check compares every fiscal year's total and each source, to the cent.
- Budget timing is the whole `vcio budget` process: open the sled session, load the plan, build
  the derive engine (assessment and budget), print JSON. The roll-up alone is a small part.
- Schedule: all caps removed, so `vcio roadmap schedule` places by dependencies only, as tj3
  does. One quarter = 91 days in the tj3 project; ASAP with finish-to-start `depends`, never
  before the now-quarter (a milestone), initiatives already under way keep their start.
  vcio refuses to place work ending after its 5-year horizon ("cannot be placed", with all
  dependents); tj3 has no horizon, so the check derives vcio's expected outcome from tj3's dates.
- tj3's time includes writing tasks.csv (the report the check reads) and about 0.4 s of Ruby
  start-up; vcio's includes persisting the batch of moves as one fsynced, undoable edit.
NOTES
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
say "wrote $RESULTS"
if [ "$FAILED" = 1 ]; then say "AGREEMENT FAILED: see the lines above"; exit 1; fi
