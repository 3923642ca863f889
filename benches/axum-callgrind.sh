#!/usr/bin/env bash
# The whole request against axum (BENCHMARKS.md section 9): the same
# handlers on approute, hand-written actix-web and axum 0.8 (one thread
# each), in instructions per request; then the target behind 10,000 routes.
# Usage: bash benches/axum-callgrind.sh [K]   (default 2000; ~6 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-2000}
source benches/callgrind-lib.sh

echo "| route | actix-web | approute | axum | approute ÷ axum (axum's instructions ÷ approute's) |"
echo "|---|---|---|---|---|"
row() { # label actix-mode approute-mode axum-mode routes path
    local actix approute axum
    actix=$(per_request "$2" "$5" "$6" "$k")
    approute=$(per_request "$3" "$5" "$6" "$k")
    axum=$(per_request "$4" "$5" "$6" "$k")
    echo "| $1 | $actix | $approute | $axum | **$(echo "scale=3; $axum / $approute" | bc)** |"
}
for path in /hello /comments/7 /json /guarded; do
    row "\`$path\`" actix approute axum 0 "$path"
done
row "\`/target/static\` behind 10,000" actix-scale approute-scale axum-scale 10000 /target/static
row "\`/target/7\` behind 10,000" actix-scale approute-scale axum-scale 10000 /target/7
