#!/usr/bin/env bash
# The benchmark command of BENCHMARKS.md: installs wrk if missing, builds in
# release mode, runs the load benchmarks and the lookup micro-benchmark.
# Usage: bash benches/run.sh [SECONDS_PER_LOAD_RUN]   (default 5; ~6 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -p approute-bench --bins
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "# command: bash benches/run.sh ${1:-5}"
echo
target/release/bench "${1:-5}"
echo
echo "## 3. Lookup (criterion, the route tree alone)"
echo
cargo bench -p approute-bench --bench lookup -- --noplot 2>&1 | grep -E '^lookup/|time:' | paste - - | awk '{print "| " $1 " | " $5 " " $6 " |"}' | sed '1i | benchmark | median |\n|---|---|'
