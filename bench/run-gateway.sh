#!/usr/bin/env bash
# Gateway benchmark: starts `trantor up` from a snapshot of the built distribution (so rebuilding the
# tree meanwhile cannot disturb it), loads `simple`, and compares direct vs through-the-gateway calls.
# Appends to bench/RESULTS.md. Not part of bin/test-all.
#   bench/run-gateway.sh [SECONDS_PER_RUN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -f cli/target/trantor-cli.jar || ! -d bench/target/lib ]]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q install -DskipTests
fi
dist="$(mktemp -d)"
trap 'rm -rf "$dist"' EXIT
mkdir -p "$dist/cli/target" "$dist/bench/target"
cp -r bin samples "$dist/"
cp -r cli/target/trantor-cli.jar cli/target/lib "$dist/cli/target/"
cp -r bench/target/trantor-bench-0.1.0-SNAPSHOT.jar bench/target/lib "$dist/bench/target/"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
control=$(free_port); temporal=$(free_port); gateway=$(free_port)
(cd "$dist" && exec bin/trantor up --control-port "$control" --temporal-port "$temporal" --gateway-port "$gateway" \
  > "$root/bench/gateway-up.log" 2>&1) &
up=$!
trap 'kill $up 2>/dev/null; wait $up 2>/dev/null || true; rm -rf "$dist"' EXIT
for _ in $(seq 1 900); do
  grep -q "trantor up: ready in" bench/gateway-up.log && break
  kill -0 $up 2>/dev/null || { cat bench/gateway-up.log; exit 1; }
  sleep 0.1
done
(cd "$dist" && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -cp "bench/target/trantor-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.trantor.bench.GatewayBenchmark \
  "127.0.0.1:$control" "127.0.0.1:$gateway" "$seconds" "$root/bench/RESULTS.md" "bench/run-gateway.sh $seconds")
