#!/usr/bin/env bash
# MLServer vs built-in runtime: `trantor up --mlserver` loads Seldon's iris (scikit-learn, on MLServer
# from the mirror) and its ONNX conversion (built-in runtime), and measures both through the gateway.
# Needs `mlserver` on PATH (bin/test-all's .venv: PATH=.venv/bin:$PATH). Appends to bench/RESULTS.md.
# Not part of bin/test-all.
#   bench/run-mlserver.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
command -v mlserver >/dev/null || { echo "no mlserver on PATH; run with PATH=$root/.venv/bin:\$PATH" >&2; exit 2; }
source bench/up-benchmark.sh
run_up_benchmark mlserver-up.log io.trantor.bench.MlServerBenchmark "$seconds" "bench/run-mlserver.sh $seconds" \
  --mlserver --storage-rewrite "gs://seldon-models={dist}/samples/seldon-mirror"
