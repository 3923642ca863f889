# Sourced by the callgrind benchmarks: `instructions MODE N PATH COUNT` runs
# `bench-server MODE N` under callgrind, sends COUNT keep-alive GETs to PATH
# and prints the program's total instructions. Per request is
# (total(K + 1) - total(1)) / K: start-up and the first request cancel out.

cargo build --release --quiet -p approute-bench --bin bench-server --bin cache-server
work=$(mktemp -d)
# Only the script's own shell: bash may run an EXIT trap in the command
# substitutions below, which would take the work folder from under them.
trap '[ "$BASHPID" = "$$" ] && rm -rf "$work"' EXIT

# The server a measurement runs: a script may define its own before sourcing.
if ! declare -F server_command >/dev/null; then
    server_command() { # mode routes port
        echo target/release/bench-server "$1" "$2" "$3" 1
    }
fi

instructions() { # mode routes path requests
    local port=$((20000 + RANDOM % 20000))
    # shellcheck disable=SC2046 # the command's words
    valgrind --tool=callgrind --callgrind-out-file="$work/out" $(server_command "$1" "$2" $port) >/dev/null 2>&1 &
    local pid=$!
    until curl -fs -m 10 "http://127.0.0.1:$port$3" >/dev/null 2>&1; do sleep 0.2; done
    python3 - "$port" "$3" "$4" <<'PY'
import http.client, sys
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(count):
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
PY
    kill -INT $pid
    wait $pid 2>/dev/null || true
    callgrind_annotate "$work/out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

per_request() { # mode routes path K
    local base loaded
    base=$(instructions "$1" "$2" "$3" 1)
    loaded=$(instructions "$1" "$2" "$3" $(($4 + 1)))
    echo $(((loaded - base) / $4))
}
