#!/usr/bin/env bash
# Times revue's fetch stage against the shared benchmark feed server on 127.0.0.1:
#   cold   200 feeds x 30 items, 200 ms latency per response      (target whole build <= 0.6 s)
#   warm   the same feeds again with their validators: all 304     (target <= 0.4 s)
#   faults --fault-rate 0.1 --timeout-hold-s 10                    (target <= 12 s)
#   memory 2,000 feeds, peak RSS of the whole process              (target < 100 MB)
# Usage: .ci/bench-fetch.sh        SHARED=path/to/shared  BIN=path/to/revue (skips the build)
# All servers listen on 127.0.0.1 only and stop by themselves (--max-seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
FEEDSERVER="$SHARED/bench/feedserver.py"
[ -f "$FEEDSERVER" ] || { echo "bench-fetch: $FEEDSERVER not found (set SHARED=...)" >&2; exit 2; }

if [ -z "${BIN:-}" ]; then
    swift build -c release --static-swift-stdlib --product revue >&2
    BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)/revue"
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# start_server NAME ARGS...: starts feedserver.py, waits for its port, saves NAME.opml.
start_server() {
    local name=$1; shift
    python3 "$FEEDSERVER" --max-seconds 300 --port-file "$work/$name.port" "$@" >/dev/null 2>"$work/$name.log" &
    pids+=($!)
    for _ in $(seq 300); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
    [ -s "$work/$name.port" ] || { echo "bench-fetch: feed server $name did not start" >&2; cat "$work/$name.log" >&2; exit 1; }
    local port; port=$(cat "$work/$name.port")
    python3 - "http://127.0.0.1:$port/__feeds.opml" >"$work/$name.opml" <<'PY'
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
sys.stdout.buffer.write(opener.open(sys.argv[1]).read())
PY
}

# peak_rss COMMAND...: runs it, then prints "peak RSS: N MB" (works without /usr/bin/time).
peak_rss() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print("  peak RSS: %.1f MB" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
sys.exit(code)
PY
}

# The benchmark serves every feed from one host over HTTP/1.1: the per-host limit that
# protects real sites would serialise it, so it is lifted here (--max-per-host 0).
echo "== cold then warm: 200 feeds x 30 items, 200 ms latency (3 runs: the loopback server is noisy)"
start_server plain --feeds 200 --items 30 --latency-ms 200
for _ in 1 2 3; do
    "$BIN" fetch-bench --opml "$work/plain.opml" --repeat 2 --max-per-host 0
done

echo "== faults: 200 feeds, --fault-rate 0.1 --timeout-hold-s 10"
start_server faults --feeds 200 --items 30 --latency-ms 200 --fault-rate 0.1 --timeout-hold-s 10
start=$(date +%s.%N)
"$BIN" fetch-bench --opml "$work/faults.opml" --repeat 1 --max-per-host 0
echo "  wall, process included: $(python3 -c "print('%.2f s' % ($(date +%s.%N) - $start))")"

echo "== memory: 2000 feeds x 30 items, 200 ms latency, one pass, every body kept"
start_server many --feeds 2000 --items 30 --latency-ms 200
peak_rss "$BIN" fetch-bench --opml "$work/many.opml" --repeat 1 --max-per-host 0
echo "== memory: the same, bodies dropped as they arrive (FetchEngine.forEachResult)"
peak_rss "$BIN" fetch-bench --opml "$work/many.opml" --repeat 1 --max-per-host 0 --stream
