#!/usr/bin/env bash
# The reliability scenarios of RELIABILITY.md, against the comments example:
#   1. 60 s of mixed GET/POST/PATCH/DELETE from 64 connections (SQLite);
#      zero 5xx, zero socket errors, and the database holds exactly the
#      acknowledged writes;
#   2. SIGTERM in the middle of that load: in-flight requests complete, the
#      process exits 0, and after a restart no acknowledged write is lost;
#   3. two instances on one PostgreSQL under load spread over both;
#   3b. kill -9 under load (SQLite; one of two PostgreSQL instances), with
#      nothing acknowledged lost;
#   4. the router's property tests with many more cases;
#   5. a bounded coverage-guided fuzz run of the parser and the matcher
#      (cargo-fuzz, installed if missing; `-s none` runs on stable Rust);
#   6. a rolling restart behind nginx (`rolling-restart.sh`): two instances on
#      one PostgreSQL and one Redis, SIGTERM each in turn under load with no
#      failed request, kill -9 one, and the cached count coherent on both.
# Usage: bash reliability.sh [LOAD_SECONDS]   (default 60; ~6 minutes, plus
# cargo-fuzz's own build the first time)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
work=$(mktemp -d /tmp/approute-reliability.XXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

cargo build --release --quiet -p comments -p approute-bench --bin comments --bin load
load=target/release/load

serve() { # port database-url: starts the example, waits until it answers
    PORT=$1 DATABASE_URL=$2 RUST_LOG=warn target/release/comments >>"$work/server-$1.log" 2>&1 &
    pids+=($!)
    until curl -fs "http://127.0.0.1:$1/hello" >/dev/null 2>&1; do sleep 0.05; done
}

echo "## 1. ${seconds} s of mixed load, 64 connections, SQLite"
serve 3101 "sqlite://$work/one.db?mode=rwc"
$load run http://127.0.0.1:3101 "$seconds" 64 "$work/one.json"
$load verify http://127.0.0.1:3101 "$work/one.json"

echo
echo "## 2. SIGTERM after $((seconds / 2)) s of load"
serve 3102 "sqlite://$work/two.db?mode=rwc"
server=${pids[-1]}
$load run http://127.0.0.1:3102 "$seconds" 64 "$work/two.json" --sigterm-after $((seconds / 2)) "$server"
if wait "$server"; then echo "server exited cleanly (0)"; else echo "server exit code $?"; exit 1; fi
serve 3102 "sqlite://$work/two.db?mode=rwc"
$load verify http://127.0.0.1:3102 "$work/two.json"

echo
echo "## 3. Two instances on one PostgreSQL, load spread over both"
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
chown postgres "$work"
su postgres -c "$bin/initdb -D $work/pg -A trust -U postgres >/dev/null"
su postgres -c "$bin/pg_ctl -D $work/pg -w -l $work/pg.log -o '-p 55433 -k $work -c listen_addresses=127.0.0.1' start >/dev/null"
trap 'cleanup; su postgres -c "$bin/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1' EXIT
su postgres -c "psql -q -h 127.0.0.1 -p 55433 -c 'CREATE DATABASE comments'"
serve 3103 postgres://postgres@127.0.0.1:55433/comments
serve 3104 postgres://postgres@127.0.0.1:55433/comments
$load run http://127.0.0.1:3103,http://127.0.0.1:3104 "$seconds" 64 "$work/pg.json"
$load verify http://127.0.0.1:3104 "$work/pg.json"

echo
echo "## 3b. kill -9 in the middle of the load: SQLite, then one of two PostgreSQL instances"
# A DELETE whose connection died is recorded as in doubt (committed or not,
# the client cannot know); every acknowledged write must survive.
serve 3105 "sqlite://$work/kill.db?mode=rwc"
server=${pids[-1]}
$load run http://127.0.0.1:3105 "$seconds" 64 "$work/kill.json" --sigkill-after $((seconds / 2)) "$server" || true
wait "$server" 2>/dev/null || true
serve 3105 "sqlite://$work/kill.db?mode=rwc"
$load verify http://127.0.0.1:3105 "$work/kill.json"
su postgres -c "psql -q -h 127.0.0.1 -p 55433 -c 'CREATE DATABASE killed'"
serve 3106 postgres://postgres@127.0.0.1:55433/killed
victim=${pids[-1]}
serve 3107 postgres://postgres@127.0.0.1:55433/killed
$load run http://127.0.0.1:3106,http://127.0.0.1:3107 "$seconds" 64 "$work/pg-kill.json" --sigkill-after $((seconds / 2)) "$victim" || true
$load verify http://127.0.0.1:3107 "$work/pg-kill.json"

echo
echo "## 4. Router property tests, 20,000 cases each"
PROPTEST_CASES=20000 cargo test --release --quiet -p approute-tests --test router_properties 2>&1 | grep -E "test result|passed|failed"

echo
echo "## 5. Fuzzing the parser, the matcher, the redirect decision and catch-all segments, 30 s each"
command -v cargo-fuzz >/dev/null || cargo install --locked --quiet cargo-fuzz
for target in parse match_path redirect catch_all; do
    (cd fuzz && cargo fuzz run "$target" -s none -j1 -- -max_total_time=30 2>&1 | grep -E "^Done|panicked|SUMMARY|crash" | tail -n 2)
done

echo
echo "## 6. Rolling restart behind nginx, $((seconds / 2)) s of load per phase"
bash rolling-restart.sh $((seconds / 2))
