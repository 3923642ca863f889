#!/usr/bin/env bash
# A rolling restart behind a real load balancer (RELIABILITY.md, "Rolling
# restart"): two instances of the comments example on one PostgreSQL and one
# Redis, behind nginx, under load through nginx the whole time:
#   a. SIGTERM one instance, start it again, then the other: 0 failed requests;
#   b. kill -9 one instance: only the requests in flight on it fail, and no
#      acknowledged write is lost;
#   c. the cached `/comments/count` (`revalidate`, shared through Redis)
#      agrees with the database on both instances after a write.
# Installs nginx, PostgreSQL and Redis from the Debian packages when missing.
# Usage: bash rolling-restart.sh [LOAD_SECONDS]   (default 30; run by reliability.sh)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
work=$(mktemp -d /tmp/approute-rolling.XXXX)
chmod 755 "$work"
pids=()
stops=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for step in "${stops[@]}"; do eval "$step" || true; done' EXIT

need() { # command package
    command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
}
need nginx nginx-light
need redis-server redis-server
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need psql postgresql

cargo build --release --quiet -p comments --features comments/redis -p approute-bench --bin comments --bin load
load=target/release/load

# PostgreSQL and Redis of its own.
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
chown postgres "$work"
su postgres -c "$bin/initdb -D $work/pg -A trust -U postgres >/dev/null"
su postgres -c "$bin/pg_ctl -D $work/pg -w -l $work/pg.log -o '-p 55434 -k $work -c listen_addresses=127.0.0.1' start >/dev/null"
stops+=("su postgres -c '$bin/pg_ctl -D $work/pg -m fast stop' >/dev/null 2>&1")
su postgres -c "psql -q -h 127.0.0.1 -p 55434 -c 'CREATE DATABASE comments'"
database=postgres://postgres@127.0.0.1:55434/comments
redis-server --port 56380 --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
stops+=("redis-cli -p 56380 shutdown nosave >/dev/null 2>&1")

start() { # port: starts an instance, waits until it answers; its pid in $started
    PORT=$1 DATABASE_URL=$database REDIS_URL=redis://127.0.0.1:56380 RUST_LOG=warn \
        target/release/comments >>"$work/server-$1.log" 2>&1 &
    started=$!
    pids+=("$started")
    until curl -fs "http://127.0.0.1:$1/hello" >/dev/null 2>&1; do sleep 0.05; done
}

# nginx as a distribution configures a reverse proxy: a connection the
# instance refuses goes to the other one (`proxy_next_upstream error`).
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    upstream comments {
        server 127.0.0.1:3111 max_fails=0;
        server 127.0.0.1:3112 max_fails=0;
    }
    server {
        listen 127.0.0.1:3110;
        location / {
            proxy_pass http://comments;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 1s;
        }
    }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
stops+=("nginx -c $work/nginx.conf -p $work -s stop")
balancer=http://127.0.0.1:3110

start 3111
a=$started
start 3112
b=$started

echo "### a. SIGTERM each instance in turn under ${seconds} s of load through nginx"
$load run $balancer "$seconds" 64 "$work/rolling.json" &
loader=$!
sleep $((seconds / 5))
for port in 3111 3112; do
    pid=$([ $port = 3111 ] && echo "$a" || echo "$b")
    echo "SIGTERM to the instance on :$port"
    kill -TERM "$pid"
    if wait "$pid"; then echo "it exited cleanly (0)"; else echo "it exited with $?"; exit 1; fi
    start $port
    [ $port = 3111 ] && a=$started || b=$started
    sleep $((seconds / 5))
done
if wait "$loader"; then echo "no request failed"; else echo "requests failed during the rolling restart"; exit 1; fi
$load verify $balancer "$work/rolling.json"

echo
echo "### b. kill -9 one instance under ${seconds} s of load through nginx"
$load run $balancer "$seconds" 64 "$work/killed.json" --sigkill-after $((seconds / 2)) "$a" || true
start 3111
a=$started
$load verify $balancer "$work/killed.json"

echo
echo "### c. the cached count on both instances after a write through nginx"
for port in 3111 3112; do curl -fs "http://127.0.0.1:$port/comments/count" >/dev/null; done
curl -fs -X POST -H 'content-type: application/json' -d '{"text":"after the restarts"}' "$balancer/comments" >/dev/null
truth=$(curl -fs "$balancer/comments" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
counts=()
for port in 3111 3112; do
    counts+=("$(curl -fs "http://127.0.0.1:$port/comments/count" | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])')")
done
echo "rows ${truth}; /comments/count on :3111 ${counts[0]}, on :3112 ${counts[1]}"
[ "${counts[0]}" = "$truth" ] && [ "${counts[1]}" = "$truth" ] || { echo "incoherent"; exit 1; }
echo "coherent"
