#!/usr/bin/env bash
# Overhead in instructions, which a shared machine's noise cannot move:
# each server runs under callgrind, serves K keep-alive requests to one
# route, and the instructions per request are (Ir(K) - Ir(0)) / K.
# `/guarded` runs one middleware: `#[middleware]` against actix-web's `from_fn`
# wrapped by hand around a resource.
# Usage: bash benches/overhead-callgrind.sh [K]   (default 5000; ~4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-5000}
cargo build --release --quiet -p approute-bench --bin bench-server
work=$(mktemp -d)

instructions() { # mode path requests
    local port=$((20000 + RANDOM % 20000))
    valgrind --tool=callgrind --callgrind-out-file="$work/out" target/release/bench-server "$1" 0 $port 1 >/dev/null 2>&1 &
    local pid=$!
    until curl -fs "http://127.0.0.1:$port$2" >/dev/null 2>&1; do sleep 0.2; done
    python3 - "$port" "$2" "$3" <<'PY'
import http.client, sys
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(count):
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
PY
    kill -INT $pid
    wait $pid 2>/dev/null || true
    callgrind_annotate "$work/out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

echo "| route | actix-web instructions/request | approute instructions/request | ratio (actix ÷ approute) |"
echo "|---|---|---|---|"
for path in /hello /comments/7 /json /guarded; do
    declare -A per
    for mode in actix approute; do
        base=$(instructions $mode $path 1)
        loaded=$(instructions $mode $path $((k + 1)))
        per[$mode]=$(( (loaded - base) / k ))
    done
    echo "| \`$path\` | ${per[actix]} | ${per[approute]} | **$(echo "scale=3; ${per[actix]} / ${per[approute]}" | bc)** |"
done
rm -rf "$work"
