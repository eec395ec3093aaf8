#!/usr/bin/env bash
# End-to-end proof on a real server: builds Examples/HummingbirdServer in release, starts it on a
# free 127.0.0.1 port, sends exactly REQUESTS requests to each route with h2load (nghttp2-client,
# a fixed-count HTTP/1.1 load generator; -c 16), stops it
# with SIGTERM and checks its logs with `perflog analyze --format json` and `perflog trace`:
# per-route perf events equal the requests sent, 5xx and 404 counts equal what h2load saw, no
# malformed line, the query's e-mail literal in no byte of any file, every line written inside a
# request carries its trace id; Hummingbird's counters, written by the metrics backend when the
# server stops, count every request and the same 5xx; the resource sampler's records are there and
# `perflog analyze` summarises them as process.* gauges; `perflog check` with the built-in rules
# fires nothing (2% of chat messages fail: 0.4% of all requests, under the platform-wide 5%) and
# with Examples/HummingbirdServer/alerts.yml fires exactly its two chat rules (over 1% on the route),
# its resource rules evaluated and not fired. Ends with exactly one line:
#   e2e: requests N, logged N, 5xx A/A, 404 B/B, malformed 0, leaks 0, untraced 0, check fired F/F, resources R
# (logged / seen by the load generator; rules fired / expected to fire; resource records) and exits
# 1 when a pair differs or any expectation above fails. (ab, from apache2-utils,
# speaks HTTP/1.0 and waits for the server to close each connection, which Hummingbird does not.)
# Then measures the
# server's requests per second on its cheapest route with perflog wired and with perflog's
# backends replaced by no-ops (BENCHMARKS.md, goal: a ratio of at least 0.9).
#
# Usage: scripts/e2e-server.sh [REQUESTS]   (default 1000; scripts/ci-short/ runs it with 50)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
requests=${1:-1000}
throughput_requests=${E2E_THROUGHPUT_REQUESTS:-$((requests * 30))}
case "$requests" in '' | *[!0-9]*) echo "e2e: REQUESTS must be a positive number (got $requests)" >&2; exit 1 ;; esac
[ "$requests" -ge 1 ] || { echo "e2e: REQUESTS must be at least 1" >&2; exit 1; }

need=()
command -v h2load >/dev/null || need+=(nghttp2-client)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
    echo "e2e: installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "e2e: building perflog and the example server (release)"
swift build -c release -j "${E2E_JOBS:-1}" --product perflog >/dev/null
perflog="$(swift build -c release --show-bin-path)/perflog"
swift build -c release -j "${E2E_JOBS:-1}" --package-path Examples/HummingbirdServer >/dev/null
server="$(swift build -c release --package-path Examples/HummingbirdServer --show-bin-path)/HummingbirdServer"

work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server DIR [ARGS…]: starts the server on a free port, sets $pid and $port, waits until it answers.
start_server() {
    local dir=$1
    shift
    port=$(free_port)
    "$server" --port "$port" --dir "$dir" "$@" >"$work/server.out" 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do
        if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/api/v1/health', timeout=1)" 2>/dev/null; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { echo "e2e: the server exited at start:" >&2; cat "$work/server.out" >&2; exit 1; }
        sleep 0.1
    done
    echo "e2e: the server did not answer on 127.0.0.1:$port" >&2
    exit 1
}

# stop_server: SIGTERM, then waits for a clean exit (status 0) for at most 30 s.
stop_server() {
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then echo "e2e: the server did not stop within 30 s of SIGTERM" >&2; exit 1; fi
    local status=0
    wait "$pid" || status=$?
    pid=
    [ "$status" -eq 0 ] || { echo "e2e: the server exited with status $status after SIGTERM:" >&2; cat "$work/server.out" >&2; exit 1; }
}

# load NAME N METHOD PATH: h2load --h1 -n N -c 16; prints "done 4xx 5xx" and keeps the output.
load() {
    local name=$1 n=$2 method=$3 path=$4 out
    local args=(--h1 -n "$n" -c 16 -T 30)
    if [ "$method" = POST ]; then
        printf '{"message":"I am feeling anxious today","session_id":"s-1"}' >"$work/body.json"
        args+=(-d "$work/body.json" -H 'content-type: application/json')
    fi
    out=$(h2load "${args[@]}" "http://127.0.0.1:$port$path" 2>&1) || { echo "e2e: h2load failed on $path:" >&2; echo "$out" >&2; exit 1; }
    echo "$out" >"$work/load-$name.txt"
    local done c4 c5
    done=$(sed -n 's/^requests: .* \([0-9]*\) done,.*/\1/p' <<<"$out")
    c4=$(sed -n 's/^status codes: .* \([0-9]*\) 4xx, .*/\1/p' <<<"$out")
    c5=$(sed -n 's/^status codes: .* \([0-9]*\) 5xx.*/\1/p' <<<"$out")
    echo "${done:-0} ${c4:-0} ${c5:-0}"
}

logs="$work/logs"
start_server "$logs" --resource-interval 1
declare -A route_op=(
    [health]="api.GET /api/v1/health"
    [profile]="api.GET /api/v1/user/profile/{id}"
    [chat]="api.POST /api/v1/chat/message"
    [lookup]="api.GET /api/v1/user/lookup"
    [missing]="api.GET (no route)"
)
declare -A route_path=(
    [health]="GET /api/v1/health"
    [profile]="GET /api/v1/user/profile/42"
    [chat]="POST /api/v1/chat/message"
    [lookup]="GET /api/v1/user/lookup"
    [missing]="GET /api/v1/no/such/page"
)
routes=(health profile chat lookup missing)
sent=0
declare -A seen4xx seen5xx
# The start-up probe is one more health request.
for r in "${routes[@]}"; do
    read -r method path <<<"${route_path[$r]}"
    read -r complete c4 c5 < <(load "$r" "$requests" "$method" "$path")
    [ "$complete" -eq "$requests" ] || { echo "e2e: h2load completed $complete of $requests requests on $path" >&2; exit 1; }
    sent=$((sent + complete))
    seen4xx[$r]=$c4
    seen5xx[$r]=$c5
done
stop_server

# What perflog says: the perf events per op and status (the spans: the metrics backend summarises
# the request timer, so a request counted twice would show here).
report=$("$perflog" analyze "$logs" --format json --by op,status)
count_of() { jq --arg op "$1" "[.latency[] | select(.op == \$op $2) | .count] | add // 0" <<<"$report"; }
ok=1
logged=0
for r in "${routes[@]}"; do
    n=$(count_of "${route_op[$r]}" "")
    [ "$r" = health ] && n=$((n - 1))  # the start-up probe
    logged=$((logged + n))
    echo "e2e: ${route_op[$r]}: sent $requests, logged $n"
    [ "$n" -eq "$requests" ] || ok=0
done
errors_logged=$(jq '[.latency[] | select(.status != null and .status >= 500) | .count] | add // 0' <<<"$report")
errors_seen=0
missing_seen=0
for r in "${routes[@]}"; do
    errors_seen=$((errors_seen + seen5xx[$r]))
    missing_seen=$((missing_seen + seen4xx[$r]))
done
missing_logged=$(jq '[.latency[] | select(.status == 404) | .count] | add // 0' <<<"$report")
malformed=$(jq '.input.malformed' <<<"$report")
plain="$work/all.ndjson"
for f in "$logs"/*; do zcat -f "$f"; done >"$plain"
leaks=$(grep -c 'ann.lee@example.com' "$plain" || true)
# Lines written inside a request: Hummingbird's request logger adds meta."hb.request.id".
in_request=$(jq -c 'select(.meta["hb.request.id"] != null)' "$plain" | wc -l)
untraced=$(jq -c 'select(.meta["hb.request.id"] != null and .meta.trace_id == null)' "$plain" | wc -l)
[ "$in_request" -ge "$sent" ] || { echo "e2e: only $in_request lines carry hb.request.id for $sent requests" >&2; ok=0; }

# One lookup request's trace: the query span under the request span.
trace_id=$(jq -rn 'first(inputs | select(.op == "db.find_user_by_email" and .event == "perf")) | .meta.trace_id' "$plain")
tree=$("$perflog" trace "$trace_id" "$logs") || { echo "e2e: perflog trace $trace_id failed" >&2; ok=0; }
echo "$tree" | sed 's/^/e2e: /'
grep -q '  api.GET /api/v1/user/lookup$' <<<"$tree" && grep -q '    db.find_user_by_email$' <<<"$tree" \
    || { echo "e2e: the trace tree does not show the query under its request" >&2; ok=0; }

# Hummingbird's counters (hb.requests, one series per route, method and status), written by the
# metrics backend's close() at shutdown: every request once (the start-up probe too) and the 5xx.
metrics_report=$("$perflog" analyze "$logs" --format json)
counted=$(jq '[.metrics[]? | select(.kind == "counter" and (.op | startswith("hb.requests "))) | .delta] | add // 0' <<<"$metrics_report")
counted5xx=$(jq '[.metrics[]? | select(.kind == "counter" and (.op | startswith("hb.requests ")) and .status != null and .status >= 500) | .delta] | add // 0' <<<"$metrics_report")
echo "e2e: hb.requests counters: $counted requests (sent $((sent + 1)) with the probe), $counted5xx 5xx"
[ "$counted" -eq $((sent + 1)) ] && [ "$counted5xx" -eq "$errors_seen" ] || ok=0

# The resource sampler (one record a second here, and one at shutdown) and its process.* gauges.
resources=$(jq -c 'select(.event == "resource")' "$plain" | wc -l)
gauge_lines() { jq --arg op "$1" '[.metrics[]? | select(.kind == "gauge" and .op == $op) | .lines] | add // 0' <<<"$metrics_report"; }
rss_max=$(jq '[.metrics[]? | select(.op == "process.rss_bytes") | .max] | max // 0' <<<"$metrics_report")
echo "e2e: resource records $resources; process.rss_bytes max $rss_max, process.cpu_percent lines $(gauge_lines process.cpu_percent)"
[ "$resources" -ge 1 ] && [ "$(gauge_lines process.rss_bytes)" -eq "$resources" ] \
    && [ "$(gauge_lines process.cpu_percent)" -eq "$resources" ] && [ "$(gauge_lines process.threads)" -eq "$resources" ] \
    || { echo "e2e: the resource records and the process.* gauges disagree" >&2; ok=0; }

# perflog check: its exit status and which rules fire, with the built-in rules and with alerts.yml.
# run_check NAME ARGS…: sets check_status and check_json.
run_check() {
    local name=$1
    shift
    check_status=0
    check_json=$("$perflog" check "$logs" "$@" --format json) || check_status=$?
    jq -r --arg name "$name" '.rules[] | "e2e: check \($name): \(.name) \(.state) \(.value)"' <<<"$check_json"
}
fired_rules() { jq -r '[.rules[] | select(.state == "fired") | .name] | join(",")' <<<"$check_json"; }
state_of() { jq -r --arg n "$1" '.rules[] | select(.name == $n) | .state' <<<"$check_json"; }
run_check built-in
[ "$check_status" -eq 0 ] && [ -z "$(fired_rules)" ] && [ "$(state_of error-rate)" = ok ] \
    && [ "$(state_of memory)" = ok ] && [ "$(state_of cpu)" = ok ] \
    || { echo "e2e: built-in check: exit $check_status, fired '$(fired_rules)' (expected exit 0, none fired)" >&2; ok=0; }
run_check alerts.yml --rules Examples/HummingbirdServer/alerts.yml
if [ "$errors_seen" -gt 0 ]; then expected_fired=chat-error-rate,chat-5xx expected_status=2; else expected_fired= expected_status=0; fi
fired=$(fired_rules)
chat_rate_ok=$(jq --argjson e "$errors_seen" --argjson n "$requests" \
    '.rules[] | select(.name == "chat-error-rate") | ((.value - $e / $n) | fabs) < 0.000001' <<<"$check_json")
[ "$check_status" -eq "$expected_status" ] && [ "$fired" = "$expected_fired" ] && [ "$chat_rate_ok" = true ] \
    && [ "$(state_of memory)" = ok ] && [ "$(state_of cpu)" = ok ] \
    || { echo "e2e: alerts.yml check: exit $check_status, fired '$fired' (expected exit $expected_status, '$expected_fired')" >&2; ok=0; }
fired_count=$(jq '[.rules[] | select(.state == "fired")] | length' <<<"$check_json")
expected_count=$(awk -F, '{print NF}' <<<"$expected_fired")

[ "$errors_logged" -eq "$errors_seen" ] && [ "$errors_seen" -gt 0 ] || ok=0
[ "$missing_logged" -eq "$missing_seen" ] && [ "$missing_seen" -eq "$requests" ] || ok=0
[ "$logged" -eq "$sent" ] && [ "$malformed" -eq 0 ] && [ "$leaks" -eq 0 ] && [ "$untraced" -eq 0 ] || ok=0
"$perflog" errors "$logs" --top 5 | sed 's/^/e2e: /' || true

# Throughput on the cheapest route: perflog wired vs perflog's backends as no-ops, in alternated
# rounds. Each server first answers a warm-up load (its first requests instantiate the runtime's
# metadata and caches, more of them with perflog wired), then the measured one; the server's own
# CPU time (user + system, /proc/PID/stat) over the measured load gives the CPU per request, which
# the VM's changing speed moves less than requests per second.
rps() { sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/load-$1.txt"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
rounds=${E2E_THROUGHPUT_ROUNDS:-3}
warmup=$(((throughput_requests + 4) / 5))
declare -A rates cpus
for round in $(seq 1 "$rounds"); do
    for mode in wired noop; do
        if [ "$mode" = wired ]; then start_server "$work/throughput-$round"; else start_server "$work/noop" --no-perflog; fi
        load warm "$warmup" GET /api/v1/health >/dev/null
        before=$(cpu_ticks)
        load "$mode" "$throughput_requests" GET /api/v1/health >/dev/null
        after=$(cpu_ticks)
        stop_server
        rates[$mode]+="$(rps "$mode") "
        cpus[$mode]+="$((after - before)) "
    done
done
# The CPU figure needs 100 clock ticks per run (1 s at the usual 100 Hz) to be read to ~1%; the
# short mode's runs are too small for it.
summary=$(python3 -c "
import statistics as s
w=[float(x) for x in '${rates[wired]}'.split()]; n=[float(x) for x in '${rates[noop]}'.split()]
tw=[int(x) for x in '${cpus[wired]}'.split()]; tn=[int(x) for x in '${cpus[noop]}'.split()]
mw, mn = s.median(w), s.median(n)
out=f'perflog {mw:.0f} req/s, no-op {mn:.0f} req/s, ratio {mw/mn:.2f} (goal >= 0.9; rounds ' + ','.join(f'{a/b:.2f}' for a,b in zip(w,n)) + '); '
if min(tw + tn) >= 100:
    us=lambda t: s.median(t) * 1e6 / $ticks_per_second / $throughput_requests
    out+=f'server CPU per request: perflog {us(tw):.1f} us, no-op {us(tn):.1f} us, ratio {us(tn)/us(tw):.2f}'
else:
    out+=f'server CPU per request: not measured ({min(tw + tn)} clock ticks in the shortest run, 100 needed)'
print(out)")
echo "e2e: throughput on /api/v1/health ($throughput_requests requests after $warmup warm-up, -c 16, median of $rounds alternated rounds): $summary; load: $(uptime | sed 's/.*load average: //')"

echo "e2e: requests $sent, logged $logged, 5xx $errors_logged/$errors_seen, 404 $missing_logged/$missing_seen, malformed $malformed, leaks $leaks, untraced $untraced, check fired $fired_count/${expected_count:-0}, resources $resources"
[ "$ok" -eq 1 ] || exit 1
