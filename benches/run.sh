#!/usr/bin/env bash
# The benchmark command of BENCHMARKS.md: installs wrk if missing, builds in
# release mode, runs the load benchmarks and the lookup micro-benchmark.
# Usage: bash benches/run.sh [SECONDS_PER_LOAD_RUN]   (default 3; ~8 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -p approute-bench --bins
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "# command: bash benches/run.sh ${1:-3}"
echo
target/release/bench "${1:-3}"
echo
echo "## 3. Lookup (criterion, the route tree alone)"
echo
cargo bench -p approute-bench --bench lookup -- --noplot >/dev/null 2>&1
python3 - <<'PY'
import json, pathlib
print("| case | N = 10 | N = 100 | N = 1,000 | N = 10,000 |")
print("|---|---|---|---|---|")
root = pathlib.Path("target/criterion/lookup")
for case in ["static", "dynamic", "catch-all", "miss"]:
    cells = []
    for n in [10, 100, 1000, 10000]:
        estimates = json.loads((root / case / str(n) / "new" / "estimates.json").read_text())
        cells.append(f"{estimates['median']['point_estimate']:.0f} ns")
    print(f"| {case} | " + " | ".join(cells) + " |")
PY
