#!/usr/bin/env bash
# Instructions per lookup, for approute, matchit 0.8 (axum's router) and
# actix-router, on two real route sets, one request per route: the GitHub API
# set of the router benchmarks (129 routes) and GitHub's whole REST API (808,
# benches/src/github_openapi_routes.rs): (Ir(R rounds) - Ir(0 rounds)) /
# (R × routes), which subtracts building the router and starting the process.
# Wall clock: benches/routers.rs.
# Usage: bash benches/lookup-callgrind.sh [R]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
cargo build --release --quiet -p approute-bench --bin lookup-count
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

total() { # router rounds set
    valgrind --tool=callgrind --callgrind-out-file="$work/out" \
        target/release/lookup-count "$1" "$2" "$3" >/dev/null 2>&1
    callgrind_annotate "$work/out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

echo "| router | $(for set in github github-openapi; do printf ' %s (%s routes) |' "$set" "$(target/release/lookup-count size $set)"; done)"
echo "|---|---|---|"
for router in approute matchit actix-router; do
    row="| $router |"
    for set in github github-openapi; do
        routes=$(target/release/lookup-count size $set)
        # actix-router's linear scan of 808 patterns is slow under callgrind.
        r=$rounds
        [ "$router" = actix-router ] && [ "$set" = github-openapi ] && r=$(( (rounds + 9) / 10 ))
        base=$(total "$router" 0 $set)
        loaded=$(total "$router" "$r" $set)
        row="$row $(( (loaded - base) / (r * routes) )) |"
    done
    echo "$row"
done
