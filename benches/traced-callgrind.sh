#!/usr/bin/env bash
# What `match_pattern()` costs a traced application (ARCHITECTURE.md,
# "Mounting"): tracing-actix-web's `TracingLogger` asks it on every request,
# and actix-web answers it by walking its `ResourceMap` level by level.
# Instructions per request for N generated routes (`/section{i}/…`) plus the
# targets, which sort after them: approute and hand-written actix-web, each
# with and without the logger.
# Usage: bash benches/traced-callgrind.sh [K] [SERVERS]   (default 2000, "approute actix";
# ~20 minutes, most of it hand-written actix-web's 10,000 routes)
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-2000}
source benches/callgrind-lib.sh

echo "| server | routes | path | untraced | traced | traced ÷ traced at 10 routes |"
echo "|---|---|---|---|---|---|"
for router in ${2:-approute actix}; do
    for path in /target/static /target/7; do
        declare -A traced
        for n in 10 10000; do
            plain=$(per_request $router-scale $n $path "$k")
            traced[$n]=$(per_request $router-traced $n $path "$k")
            echo "| $router | $n | \`$path\` | $plain | ${traced[$n]} | **$(echo "scale=3; ${traced[10]} / ${traced[$n]}" | bc)** |"
        done
    done
done
