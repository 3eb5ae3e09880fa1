#!/usr/bin/env bash
# The chaos suite of issue 12 in its long mode: e2e/test_chaos.py with 20 trials per target (control plane,
# agent, gateway of a split deployment; `trantor up --data-dir` as a whole), every trial run even after one
# fails, one JSON line per trial in bench/out/chaos-trials.jsonl, then the report table (markdown) on stdout
# and in bench/out/chaos-report.md for bench/RESULTS.md. Not part of bin/test-all. Takes about 20-40 minutes.
#   bench/run-chaos.sh [TRIALS] [extra pytest args, e.g. -k control_plane]
#   CHAOS_SEED=N bench/run-chaos.sh      (seeds N, N+1, ...; otherwise a random base seed, printed per trial)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
trials="${1:-20}"
shift || true
python="${CHAOS_PYTHON:-$root/.venv/bin/python}"
if [[ ! -f cli/target/trantor-cli.jar || ! -x "$python" ]]; then
  echo "build bin/trantor and create .venv first (see README.md and bin/test-all)" >&2
  exit 1
fi
mkdir -p bench/out
report=bench/out/chaos-trials.jsonl
rm -f "$report"
started=$(date +%s)
CHAOS_STRICT=1 CHAOS_UP_RESTORE_LIMIT_S="${CHAOS_UP_RESTORE_LIMIT_S:-10}" CHAOS_TRIALS="$trials" CHAOS_KEEP_GOING=1 CHAOS_REPORT="$report" \
  "$python" -m pytest e2e/test_chaos.py -q -s -p no:cacheprovider "$@" | tee bench/out/chaos.log
status=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - started ))
"$python" - "$report" "$trials" "$elapsed" "$status" <<'PY' | tee bench/out/chaos-report.md
import json, os, statistics, sys
from collections import Counter
path, trials, elapsed, status = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = [json.loads(line) for line in open(path)] if os.path.exists(path) else []
print(f"Command: `bench/run-chaos.sh {trials}` (CHAOS_TRIALS={trials}, CHAOS_KEEP_GOING=1); "
      f"{elapsed // 60} min {elapsed % 60} s; pytest exit {status}.\n")
print("| target | trials | kills | trials with violations | invariants violated (trials) | recovered | recovery p50 | recovery max | non-200 / requests |")
print("|---|---|---|---|---|---|---|---|---|")
for target in ("control", "agent", "gateway", "up"):
    rs = [r for r in rows if r["target"] == target]
    if not rs:
        continue
    rec = sorted(r["recovery_s"] for r in rs if r["recovery_s"] is not None)
    inv = Counter(v for r in rs for v in r["violations"])
    print(f"| {target} | {len(rs)} | {sum(r['kills'] for r in rs)} | {sum(1 for r in rs if r['violations'])} | "
          + (", ".join(f"{k} ({n})" for k, n in sorted(inv.items())) or "none") + " | "
          f"{len(rec)} of {len(rs)} | " + (f"{statistics.median(rec):.1f} s | {max(rec):.1f} s" if rec else "– | –")
          + f" | {sum(r['non_200'] for r in rs)} / {sum(r['requests'] for r in rs)} |")
up = [r for r in rows if r["target"] == "up" and r.get("restore_s") is not None]
if up:
    print(f"\n`trantor up` restarts: untouched models Available and routable {min(r['restore_s'] for r in up):.1f}–"
          f"{max(r['restore_s'] for r in up):.1f} s after the new process started (limit 10 s); its own 'ready in' "
          + ", ".join(f"{r['restart_s']} s" for r in up) + ".")
PY
exit "$status"
