#!/usr/bin/env bash
# Overhead in instructions, which a shared machine's noise cannot move:
# each server runs under callgrind, serves K keep-alive requests to one
# route, and the instructions per request are (Ir(K) - Ir(0)) / K.
# `/guarded` runs one middleware: `#[middleware]` against actix-web's `from_fn`
# wrapped by hand around a resource.
# MOUNT=scope measures both under `web::scope("/api")` (modes `*-scope`);
# MOUNT=serve approute's `Server` against actix-web with the same request log
# and a pass-through middleware (modes `*-serve`). MOUNT=table-order: at the
# root, actix-web's routes registered in approute's order (modes
# `*-table-order`), so each route is checked after as many services.
# Usage: bash benches/overhead-callgrind.sh [K]   (default 5000; ~4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-5000}

source benches/callgrind-lib.sh

echo "| route | actix-web instructions/request | approute instructions/request | ratio (actix ÷ approute) |"
echo "|---|---|---|---|"
suffix=${MOUNT:+-$MOUNT}
prefix=""
[ "${MOUNT:-}" = scope ] && prefix=/api
for path in /hello /comments/7 /json /guarded; do
    declare -A per
    for mode in actix approute; do
        per[$mode]=$(per_request "$mode$suffix" 0 "$prefix$path" "$k")
    done
    echo "| \`$path\` | ${per[actix]} | ${per[approute]} | **$(echo "scale=3; ${per[actix]} / ${per[approute]}" | bc)** |"
done
