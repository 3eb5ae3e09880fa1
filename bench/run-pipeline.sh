#!/usr/bin/env bash
# Pipeline benchmark: `trantor up` with its embedded Kafka loads three copies of `simple` and 1-step and 3-step pipelines, and compares model calls with pipeline calls.
# Appends to bench/RESULTS.md. Not part of bin/test-all.
#   bench/run-pipeline.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
source bench/up-benchmark.sh
run_up_benchmark pipeline-up.log io.trantor.bench.PipelineBenchmark "$seconds" "bench/run-pipeline.sh $seconds" --mlserver=off
