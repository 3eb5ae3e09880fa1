#!/usr/bin/env bash
# Per-request cost of the built-in backends (TensorFlow GraphDef vs ONNX for `simple`, ONNX vs
# TorchScript for the MNIST stand-in), in one JVM; appends a section to bench/RESULTS.md.
# Not part of bin/test-all.
#   bench/run-triton-backends.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-5}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -d bench/target/lib ]]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q install -DskipTests
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -cp "bench/target/trantor-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.trantor.bench.TritonBackendsBenchmark \
  "$root" "$seconds" bench/RESULTS.md "bench/run-triton-backends.sh $seconds"
