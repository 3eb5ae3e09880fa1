#!/usr/bin/env bash
# Benchmark of the control plane (`trantor up`): start to ready and RSS, apply → ModelAvailable,
# 1,000 models on 4 replicas, and the reload latency of evicted models under overcommit. Starts
# `bin/trantor up` twice on free ports and appends its sections to bench/RESULTS.md. Not part of
# bin/test-all. Takes about 3-8 minutes.
#   bench/run-control.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" # storage URIs like samples/models/iris are relative to the repository root
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -f cli/target/trantor-cli.jar ]]; then
  echo "bin/trantor is not built; see README.md" >&2
  exit 1
fi
if [[ ! -f bench/target/trantor-bench-0.1.0-SNAPSHOT.jar || ! -d bench/target/lib ]]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -q -o -pl bench install -DskipTests
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

up_pid=""
data_dir=""
stop_up() { # SIGTERM, then wait for it to exit (SIGKILL after 60 s)
  [[ -n "$up_pid" ]] || return 0
  kill -TERM "$up_pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$up_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$up_pid" 2>/dev/null || true
  wait "$up_pid" 2>/dev/null || true
  up_pid=""
  [[ -n "$data_dir" ]] && rm -rf "$data_dir"
  data_dir=""
}
trap stop_up EXIT

# run MODE LOG UP_ARGS...: starts `trantor up UP_ARGS` on free ports, waits for "ready in", runs the
# driver in MODE against it, stops it.
run() {
  local mode="$1" log="$2"
  shift 2
  local control_port temporal_port
  control_port=$(free_port)
  temporal_port=$(free_port)
  data_dir=$(mktemp -d)
  local args=(up "$@" --control-port "$control_port" --temporal-port "$temporal_port" --data-dir "$data_dir")
  bin/trantor "${args[@]}" > "$log" 2>&1 &
  up_pid=$!
  for _ in $(seq 1 1200); do # 120 s deadline
    grep -q "trantor up: ready in" "$log" && break
    kill -0 "$up_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  grep -q "trantor up: ready in" "$log" || { echo "trantor up not ready after 120 s; see $log" >&2; exit 1; }
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "bench/target/trantor-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.trantor.bench.ControlPlaneBenchmark \
    "$mode" "127.0.0.1:$control_port" "$up_pid" "$log" bench/RESULTS.md "bench/run-control.sh" \
    "bin/trantor ${args[*]/$data_dir/<tmp>}"
  stop_up
}

run up bench/control-up.log --replicas 2
run overcommit bench/control-overcommit.log --replicas 1 --server-memory 4Mi --overcommit 900
