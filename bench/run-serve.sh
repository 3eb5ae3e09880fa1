#!/usr/bin/env bash
# Benchmark of `trantor serve` (issue: foundation). Builds, starts the server on the sample models,
# runs the closed-loop load generator, and writes bench/RESULTS.md. Not part of bin/test-all.
#   bench/run-serve.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -f cli/target/trantor-cli.jar || ! -d bench/target/lib ]]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q install -DskipTests
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bin/trantor serve --model-repository samples/models --host 127.0.0.1 --port "$port" > bench/serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/v2/health/ready" >/dev/null && break
  kill -0 $server 2>/dev/null || { cat bench/serve.log; exit 1; }
  sleep 0.1
done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -cp "bench/target/trantor-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.trantor.bench.ServeBenchmark \
  "127.0.0.1:$port" "$server" samples/models "$seconds" bench/RESULTS.md "bench/run-serve.sh $seconds"
