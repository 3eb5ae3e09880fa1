#!/usr/bin/env bash
# Benchmark (issue #7): per-request cost of a Python-backend add10 (model.py in a worker process)
# against the ONNX add10, both in process. Appends a section to bench/RESULTS.md. Not part of
# bin/test-all. Python: TRANTOR_PYTHON, else .venv/bin/python (bin/test-all creates it with numpy).
#   bench/run-python-backend.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export TRANTOR_PYTHON="${TRANTOR_PYTHON:-$root/.venv/bin/python}"
if [[ ! -f bench/target/trantor-bench-0.1.0-SNAPSHOT.jar || ! -f bench/target/lib/trantor-runtime-python-0.1.0-SNAPSHOT.jar ]]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q install -DskipTests -pl runtime-python,bench -am
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -cp "bench/target/trantor-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.trantor.bench.PythonBackendBenchmark \
  "$root" "$seconds" bench/RESULTS.md "bench/run-python-backend.sh $seconds"
