#!/usr/bin/env bash
# Benchmark of a whole morning run (fetch + parse + group + rank + write), the issue #3
# figures: `revue build --opml` over feeds served by ../shared/bench/feedserver.py on
# 127.0.0.1 with 200 ms latency per response.
#
#   .ci/bench-build.sh                 # 200 feeds x 30 items: cold, warm (all 304), faults
#   FEEDS=2000 .ci/bench-build.sh      # also reports peak memory for 2,000 feeds
#
# Needs python3 and a release build (built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
FEEDS=${FEEDS:-200}
ITEMS=${ITEMS:-30}
LATENCY=${LATENCY:-200}
swift build -c release --product revue >/dev/null
REVUE=$PWD/.build/release/revue
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

start_server() { # extra feedserver args...
    python3 "$SHARED/bench/feedserver.py" --feeds "$FEEDS" --items "$ITEMS" --latency-ms "$LATENCY" \
        --max-seconds 600 --port-file "$WORK/port" "$@" >/dev/null 2>&1 &
    for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
    PORT=$(cat "$WORK/port")
    curl -s "http://127.0.0.1:$PORT/__feeds.opml" > "$WORK/feeds.opml"
}

run() { # label state-dir
    local label=$1 state=$2
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$REVUE" build --opml "$WORK/feeds.opml" \
        --output "$WORK/out" --state "$state" --quiet || echo "  (exit $?)"
    read -r wall rss < "$WORK/time"
    local ok failed
    ok=$(python3 -c "import json,glob;d=json.load(open(sorted(glob.glob('$WORK/out/*.status.json'))[-1]));print(d['sources_ok'],d['sources_failed'],d['stories'])")
    printf '%-34s %6.2f s  %6d MB peak   sources ok/failed, stories: %s\n' "$label" "$wall" $((rss / 1024)) "$ok"
}

echo "revue build --opml: $FEEDS feeds x $ITEMS items, ${LATENCY} ms latency, $(nproc) cores"
start_server
run "cold (empty state)" "$WORK/state"
run "warm (every feed answers 304)" "$WORK/state"
kill %1 2>/dev/null || true; wait 2>/dev/null || true; rm -f "$WORK/port"

start_server --fault-rate 0.1 --timeout-hold-s 10
run "10% faults, 10 s holds (cold)" "$WORK/state-faults"
