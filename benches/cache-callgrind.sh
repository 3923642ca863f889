#!/usr/bin/env bash
# What a `revalidate` hit costs (BENCHMARKS.md section 7b): the tutorial's
# comment list served by `cache-server` as a dynamic route and from the
# cache, against the uncached `/hello` of `bench-server`, in instructions
# per request (the first request, the miss, cancels out). Last, the floor:
# hand-written actix-web answering the same response from constants
# (`bench-server actix`'s `/hit-shape`) against its own `/hello`.
# Usage: bash benches/cache-callgrind.sh [K]   (default 2000; ~3 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-2000}
server_command() { # mode routes port
    case $1 in
        cache) echo target/release/cache-server "$3" 1 ;;
        *) echo target/release/bench-server "$1" "$2" "$3" 1 ;;
    esac
}
source benches/callgrind-lib.sh

hello=$(per_request approute 0 /hello "$k")
dynamic=$(per_request cache 0 /comments "$k")
hit=$(per_request cache 0 /comments-cached "$k")
actix_hello=$(per_request actix 0 /hello "$k")
shape=$(per_request actix 0 /hit-shape "$k")
echo "| request | instructions/request | ÷ uncached \`/hello\` |"
echo "|---|---|---|"
echo "| \`/hello\`, uncached (bench-server) | $hello | 1.000 |"
echo "| \`/comments\`, dynamic (cache-server) | $dynamic | $(echo "scale=3; $dynamic / $hello" | bc) |"
echo "| \`/comments-cached\`, a HIT | $hit | **$(echo "scale=3; $hit / $hello" | bc)** |"
echo "| hand-written actix-web \`/hello\` | $actix_hello | $(echo "scale=3; $actix_hello / $hello" | bc) |"
echo "| hand-written actix-web, the hit's response from constants | $shape | $(echo "scale=3; $shape / $hello" | bc) (÷ its own \`/hello\`: $(echo "scale=3; $shape / $actix_hello" | bc)) |"
