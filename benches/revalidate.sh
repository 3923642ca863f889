#!/usr/bin/env bash
# `revalidate`: the tutorial's comment list as a dynamic route, the same
# route with `revalidate = 60` (cache hits), and Next.js 15's `force-static`
# route of the same list (benches/nextjs/app/comments-static), one after the
# other in this run: wrk -t1 -c32. Installs next from the npm registry (not
# part of CI). Usage: bash benches/revalidate.sh [SECONDS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

(cd benches/nextjs && npm install --no-audit --no-fund --loglevel=error >/dev/null && NEXT_TELEMETRY_DISABLED=1 npx next build >/dev/null)
cargo build --release -p approute-bench --bin cache-server

rps() { # url
    wrk -t1 -c32 -d"${seconds}s" "$1" | awk '/Requests\/sec/ {print $2}'
}
wait_for() { # url
    until curl -fs "$1" >/dev/null 2>&1; do sleep 0.01; done
}

echo "| server | route | req/s |"
echo "|---|---|---|"
port=3911
target/release/cache-server $port 1 &
pid=$!
wait_for "http://127.0.0.1:$port/comments"
echo "| approute, 1 worker | \`/comments\` (dynamic) | $(rps "http://127.0.0.1:$port/comments") |"
echo "| approute, 1 worker | \`/comments-cached\` (\`revalidate = 60\`) | $(rps "http://127.0.0.1:$port/comments-cached") |"
echo "| approute, 1 worker | \`/comments-io\` (2 ms of I/O, dynamic) | $(rps "http://127.0.0.1:$port/comments-io") |"
echo "| approute, 1 worker | \`/comments-io-cached\` (2 ms of I/O, \`revalidate = 60\`) | $(rps "http://127.0.0.1:$port/comments-io-cached") |"
kill $pid

port=3912
(cd benches/nextjs && NEXT_TELEMETRY_DISABLED=1 exec node node_modules/next/dist/bin/next start -p $port >/dev/null 2>&1) &
next_pid=$!
wait_for "http://127.0.0.1:$port/comments-static"
echo "| next start | \`/comments\` (dynamic) | $(rps "http://127.0.0.1:$port/comments") |"
echo "| next start | \`/comments-static\` (\`force-static\`) | $(rps "http://127.0.0.1:$port/comments-static") |"
echo "| next start | \`/comments-io\` (2 ms of I/O, dynamic) | $(rps "http://127.0.0.1:$port/comments-io") |"
echo "| next start | \`/comments-io-cached\` (2 ms of I/O, \`revalidate = 60\`) | $(rps "http://127.0.0.1:$port/comments-io-cached") |"
pkill -P $next_pid || true; kill $next_pid 2>/dev/null || true
