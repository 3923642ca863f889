#!/usr/bin/env bash
# Instructions per lookup on the GitHub API route set (129 routes, one
# request each), for approute, matchit 0.8 (axum's router) and actix-router:
# (Ir(R rounds) - Ir(0 rounds)) / (R × 129), which subtracts building the
# router and starting the process. Wall clock: benches/routers.rs.
# Usage: bash benches/lookup-callgrind.sh [R]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
cargo build --release --quiet -p approute-bench --bin lookup-count
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

total() { # router rounds
    valgrind --tool=callgrind --callgrind-out-file="$work/out" \
        target/release/lookup-count "$1" "$2" >/dev/null 2>&1
    callgrind_annotate "$work/out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

echo "| router | instructions per lookup |"
echo "|---|---|"
for router in approute matchit actix-router; do
    base=$(total "$router" 0)
    loaded=$(total "$router" "$rounds")
    echo "| $router | $(( (loaded - base) / (rounds * 129) )) |"
done
