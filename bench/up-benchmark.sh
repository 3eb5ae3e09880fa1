# Sourced by bench/run-*.sh: `trantor up` started from a snapshot of the built distribution (so
# rebuilding the tree meanwhile cannot disturb it), on free ports.
#   start_trantor_up LOG_NAME [UP_ARGS...]   sets control, gateway, temporal, kafka (ports), dist, up (pid)
#   run_up_benchmark LOG_NAME MAIN_CLASS SECONDS COMMAND [UP_ARGS...]
# UP_ARGS may contain {dist}, replaced by the snapshot's folder. The class gets
# CONTROL GATEWAY SECONDS bench/RESULTS.md COMMAND and appends its report there.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_trantor_up() {
  local log_name="$1"
  shift 1
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
  local args=() arg
  for arg in "$@"; do args+=("${arg//\{dist\}/$dist}"); done
  local log="$root/bench/$log_name"
  control=$(free_port); temporal=$(free_port); gateway=$(free_port); kafka=$(free_port)
  (cd "$dist" && exec bin/trantor up --control-port "$control" --temporal-port "$temporal" --gateway-port "$gateway" \
    --kafka-port "$kafka" "${args[@]}" > "$log" 2>&1) &
  up=$!
  trap 'kill $up 2>/dev/null; wait $up 2>/dev/null || true; rm -rf "$dist"' EXIT
  for _ in $(seq 1 1800); do
    grep -q "trantor up: ready in" "$log" && return 0
    kill -0 $up 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  echo "trantor up not ready within 180 s; see $log" >&2
  exit 1
}

run_up_benchmark() {
  local log_name="$1" main_class="$2" seconds="$3" command="$4"
  shift 4
  start_trantor_up "$log_name" "$@"
  (cd "$dist" && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
    -cp "bench/target/trantor-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" "$main_class" \
    "127.0.0.1:$control" "127.0.0.1:$gateway" "$seconds" "$root/bench/RESULTS.md" "$command")
}
