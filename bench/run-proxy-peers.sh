#!/usr/bin/env bash
# Proxy peers side by side (issue 16): the `simple` model on one `trantor up` replica, called
#   direct (the replica's own OIP port, as simple_1), through nginx (proxy_pass with upstream keep-alive;
#   grpc_pass), through haproxy (http, h2) and through Trantor's gateway (as simple, routed),
# REST with wrk (JSON, HTTP/1.1 keep-alive) and gRPC with ghz (raw_input_contents), at c=1 and c=16.
# Prints a table with the direct baseline of the same run and appends it to bench/RESULTS.md.
# Installs what it needs: nginx-light, haproxy, wrk (apt), ghz (go install, cached under ~/.cache/trantor).
#   bench/run-proxy-peers.sh [SECONDS_PER_RUN]        (default 10; warm-up 3 s before each run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
command="bench/run-proxy-peers.sh $seconds"
tools="${XDG_CACHE_HOME:-$HOME/.cache}/trantor"

need_apt=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need_apt+=(nginx-light)
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || need_apt+=(haproxy)
command -v wrk >/dev/null || need_apt+=(wrk)
if ((${#need_apt[@]})); then
  echo "== installing with apt: ${need_apt[*]}"
  sudo_=""; [[ $(id -u) -eq 0 ]] || sudo_=sudo
  $sudo_ apt-get install -y -q "${need_apt[@]}" >/dev/null
fi
ghz="$tools/go/bin/ghz"
if [[ ! -x "$ghz" ]]; then
  echo "== installing ghz v0.120.0 with go install into $tools/go/bin"
  GOPATH="$tools/go" GOFLAGS=-mod=mod GOCACHE="$tools/go-build" go install github.com/bojand/ghz/cmd/ghz@v0.120.0
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
haproxy_bin=$(command -v haproxy || echo /usr/sbin/haproxy)

source bench/up-benchmark.sh
start_trantor_up proxy-peers-up.log --mlserver=off
work="$dist/peers"
mkdir -p "$work"/{body,proxy,fastcgi,uwsgi,scgi}
(cd "$dist" && TRANTOR_CONTROL="127.0.0.1:$control" bin/trantor model load -f samples/manifests/simple.yaml --wait >/dev/null)
replica=$(curl -sf "http://127.0.0.1:$control/v1/models/simple" | python3 -c '
import json, sys
status = json.load(sys.stdin)
def endpoints(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "endpoint" and isinstance(value, str) and value:
                yield value
            else:
                yield from endpoints(value)
    elif isinstance(node, list):
        for value in node:
            yield from endpoints(value)
print(next(endpoints(status)))')
replica_port=${replica##*:}
echo "== replica of simple at $replica; gateway at 127.0.0.1:$gateway"

nginx_rest=$(free_port); nginx_grpc=$(free_port); haproxy_rest=$(free_port); haproxy_grpc=$(free_port)
fill() { sed -e "s|@DIR@|$work|g" -e "s|@REPLICA@|$replica_port|g" -e "s|@REST@|$2|g" -e "s|@GRPC@|$3|g" "$1"; }
fill bench/proxy-peers/nginx.conf.template "$nginx_rest" "$nginx_grpc" > "$work/nginx.conf"
fill bench/proxy-peers/haproxy.cfg.template "$haproxy_rest" "$haproxy_grpc" > "$work/haproxy.cfg"
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' 2>"$work/nginx.out" &
nginx_pid=$!
"$haproxy_bin" -db -f "$work/haproxy.cfg" >"$work/haproxy.out" 2>&1 &
haproxy_pid=$!
trap 'kill $nginx_pid $haproxy_pid $up 2>/dev/null; wait $up 2>/dev/null || true; rm -rf "$dist"' EXIT

# gRPC request: the two INT32[1,16] inputs as raw little-endian bytes.
raw=$(python3 -c 'import base64, struct; print(base64.b64encode(struct.pack("<16i", *range(1, 17))).decode())')
grpc_request() {
  printf '{"model_name":"%s","inputs":[{"name":"INPUT0","datatype":"INT32","shape":[1,16]},{"name":"INPUT1","datatype":"INT32","shape":[1,16]}],"raw_input_contents":["%s","%s"]}' "$1" "$raw" "$raw"
}
proto_dir="$root/protocol/src/main/proto"

await_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not open" >&2; exit 1; }
for p in "$nginx_rest" "$nginx_grpc" "$haproxy_rest" "$haproxy_grpc"; do await_port "$p"; done

# One REST run: prints "rps p50_us p99_us errors".
rest_run() { # host:port model concurrency seconds
  local threads=$(( $3 > 1 ? 2 : 1 ))
  wrk -t"$threads" -c"$3" -d"$4s" -s bench/proxy-peers/post.lua "http://$1/v2/models/$2/infer" | awk '/^RESULT/ {print $2, $3, $4, $5}'
}
grpc_run() { # host:port model concurrency seconds
  grpc_request "$2" > "$work/request-$2.json"
  "$ghz" --insecure --import-paths "$proto_dir" --proto "$proto_dir/grpc_inference_service.proto" \
    --call inference.GRPCInferenceService.ModelInfer -D "$work/request-$2.json" -c "$3" -z "$4s" -O json "$1" 2>/dev/null \
    | python3 -c '
import json, sys
r = json.load(sys.stdin)
p = {d["percentage"]: d["latency"] / 1000 for d in r.get("latencyDistribution") or []}
# Calls still in flight when the run ends fail as ghz closes its connection ("use of closed network
# connection", at most c of them): not errors of the peer.
codes = r.get("statusCodeDistribution", {})
errors = sum(n for message, n in (r.get("errorDistribution") or {}).items()
             if "use of closed network connection" not in message)
if errors:
    print("ghz status codes: %s; errors: %s" % (codes, r.get("errorDistribution")), file=sys.stderr)
print("%.1f %.1f %.1f %d" % (r["rps"], p.get(50, 0), p.get(99, 0), errors))'
}

declare -A target=(
  [direct]="127.0.0.1:$replica_port simple_1 127.0.0.1:$replica_port simple_1"
  [nginx]="127.0.0.1:$nginx_rest simple_1 127.0.0.1:$nginx_grpc simple_1"
  [haproxy]="127.0.0.1:$haproxy_rest simple_1 127.0.0.1:$haproxy_grpc simple_1"
  [gateway]="127.0.0.1:$gateway simple 127.0.0.1:$gateway simple"
)
order=(direct nginx haproxy gateway)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result
for protocol in REST gRPC; do
  for c in 1 16; do
    for peer in "${order[@]}"; do
      read -r rest_addr rest_model grpc_addr grpc_model <<<"${target[$peer]}"
      if [[ $protocol == REST ]]; then
        rest_run "$rest_addr" "$rest_model" "$c" 3 >/dev/null
        result[$protocol,$c,$peer]=$(rest_run "$rest_addr" "$rest_model" "$c" "$seconds")
      else
        grpc_run "$grpc_addr" "$grpc_model" "$c" 3 >/dev/null
        result[$protocol,$c,$peer]=$(grpc_run "$grpc_addr" "$grpc_model" "$c" "$seconds")
      fi
      echo "  $protocol c=$c $peer: ${result[$protocol,$c,$peer]}  (req/s p50µs p99µs errors)"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

report=$(mktemp)
{
  echo
  echo "## Proxy peers: direct vs nginx vs haproxy vs gateway ($(date -u +%Y-%m-%d))"
  echo
  echo "Command: \`$command\`. Machine: $(nproc) cores; load average before $load_before, after $load_after."
  echo "The \`simple\` model (ONNX) on one \`trantor up\` replica; load generators and proxies share the cores with it."
  echo "REST: wrk (JSON over HTTP/1.1 keep-alive; 1 thread at c=1, 2 at c=16). gRPC: ghz $("$ghz" --version 2>&1 | head -1) (raw_input_contents, one HTTP/2 connection)."
  echo "nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||'), haproxy $("$haproxy_bin" -v | head -1 | awk '{print $3}'). Each run ${seconds} s after a 3 s warm-up. \"added\" = p50/p99 minus direct's in the same run; ratio = req/s ÷ direct's."
  echo
  echo "| protocol | c | peer | req/s | ratio | p50 µs | p99 µs | added p50 µs | added p99 µs | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for protocol in REST gRPC; do
    for c in 1 16; do
      read -r d_rps d_p50 d_p99 _ <<<"${result[$protocol,$c,direct]}"
      for peer in "${order[@]}"; do
        read -r rps p50 p99 errors <<<"${result[$protocol,$c,$peer]}"
        python3 -c "
import sys
rps, p50, p99, d_rps, d_p50, d_p99 = map(float, sys.argv[5:11])
print('| %s | %s | %s | %.0f | %.2f | %.0f | %.0f | %s | %s | %s |' % (sys.argv[1], sys.argv[2], sys.argv[3], rps, rps / d_rps, p50, p99,
      '-' if sys.argv[3] == 'direct' else '%.0f' % (p50 - d_p50), '-' if sys.argv[3] == 'direct' else '%.0f' % (p99 - d_p99), sys.argv[4]))
" "$protocol" "$c" "$peer" "$errors" "$rps" "$p50" "$p99" "$d_rps" "$d_p50" "$d_p99"
      done
    done
  done
} > "$report"
cat "$report"
cat "$report" >> bench/RESULTS.md
