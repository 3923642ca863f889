#!/usr/bin/env bash
# Against Next.js: the tutorial app in Next.js 15 (`next build && next start`,
# source in benches/nextjs) vs examples/comments in release mode, one after
# the other in this run: throughput (wrk -t1 -c32), RSS under load, start-up.
# Installs next from the npm registry (not part of CI). Usage:
#   bash benches/nextjs.sh [SECONDS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

(cd benches/nextjs && npm install --no-audit --no-fund --loglevel=error >/dev/null && NEXT_TELEMETRY_DISABLED=1 npx next build >/dev/null)
cargo build --release -p comments

rss_tree_mb() { # total RSS of a process and its descendants
    local pids total=0
    pids=$(ps -o pid= --ppid "$1" 2>/dev/null; echo "$1")
    for pid in $pids; do
        total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
    done
    echo "scale=1; $total / 1024" | bc
}

start_ms() { # port: milliseconds until GET /hello answers 200
    local start now
    start=$(date +%s%N)
    until curl -fs "http://127.0.0.1:$1/hello" >/dev/null 2>&1; do sleep 0.005; done
    now=$(date +%s%N)
    echo $(((now - start) / 1000000))
}

measure() { # name port pid startup
    local name=$1 port=$2 pid=$3 startup=$4
    for path in /hello /comments /comments/2; do
        rps=$(wrk -t1 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
        echo "| $name | \`$path\` | $rps | $(rss_tree_mb "$pid") | $startup |"
    done
}

echo "| server | route | req/s | RSS MB under load | start-up ms |"
echo "|---|---|---|---|---|"

port=3901
(cd benches/nextjs && NEXT_TELEMETRY_DISABLED=1 exec node node_modules/next/dist/bin/next start -p $port >/dev/null 2>&1) &
next_pid=$!
measure next $port $next_pid "$(start_ms $port)"
pkill -P $next_pid || true; kill $next_pid 2>/dev/null || true

port=3902
db=$(mktemp -u /tmp/approute-bench-XXXX.db)
PORT=$port DATABASE_URL="sqlite://$db?mode=rwc" RUST_LOG=warn target/release/comments >/dev/null 2>&1 &
rust_pid=$!
measure approute $port $rust_pid "$(start_ms $port)"
kill $rust_pid; rm -f "$db"*
