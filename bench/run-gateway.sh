#!/usr/bin/env bash
# Gateway benchmark: `trantor up` (built-in runtimes), loads `simple`, and compares direct vs through-the-gateway calls.
# Appends to bench/RESULTS.md. Not part of bin/test-all.
#   bench/run-gateway.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
source bench/up-benchmark.sh
run_up_benchmark gateway-up.log io.trantor.bench.GatewayBenchmark "$seconds" "bench/run-gateway.sh $seconds" --mlserver=off
