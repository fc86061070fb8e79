#!/usr/bin/env bash
# Benchmark of a whole morning run (fetch + parse + group + rank + write), the issue #3
# figures: `revue build --opml` over feeds served by ../shared/bench/feedserver.py on
# 127.0.0.1 with 200 ms latency per response.
#
#   .ci/bench-build.sh      # 200 feeds x 30 items: cold, warm (all 304), with faults;
#                           # then 2,000 feeds cold for the peak memory
#
# Run it from anywhere: it runs revue in a scratch folder, so no Config/revue.toml applies
# (the built-in defaults do). Each figure is the best and the median of RUNS runs (default 3);
# the memory is the highest peak of them.
# Needs python3; builds the release binary as the README recommends (static Swift runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
FEEDS=${FEEDS:-200}
ITEMS=${ITEMS:-30}
LATENCY=${LATENCY:-200}
# The build the README recommends for cron: the Swift runtime linked in (it also starts faster).
swift build -c release --static-swift-stdlib --product revue >/dev/null 2>&1 \
    || { echo "build failed: run swift build -c release --static-swift-stdlib" >&2; exit 1; }
REVUE=$PWD/.build/release/revue
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# The feeds' items are dated over the 24 hours before the server's anchor time, and a
# digest keeps the 24 hours before 07:00 (Africa/Casablanca) of its day: anchor the items
# at yesterday's 07:00 and build yesterday's digest, so that every item is in the window
# whatever the time of day (as for a real morning run) and the figures do not drift.
read -r DAY EPOCH < <(python3 -c "
import datetime, zoneinfo
tz = zoneinfo.ZoneInfo('Africa/Casablanca')
day = datetime.datetime.now(tz).date() - datetime.timedelta(days=1)
print(day, int(datetime.datetime(day.year, day.month, day.day, 7, tzinfo=tz).timestamp()))")

start_server() { # extra feedserver args...
    python3 "$SHARED/bench/feedserver.py" --feeds "$FEEDS" --items "$ITEMS" --latency-ms "$LATENCY" \
        --epoch "$EPOCH" --max-seconds 600 --port-file "$WORK/port" "$@" >/dev/null 2>&1 &
    for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
    PORT=$(cat "$WORK/port")
    curl -s "http://127.0.0.1:$PORT/__feeds.opml" > "$WORK/feeds.opml"
}

RUNS=${RUNS:-3}
once() { # state-dir: one build, prints "wall rss"
    (cd "$WORK" && /usr/bin/time -f "%e %M" -o "$WORK/time" "$REVUE" build --opml "$WORK/feeds.opml" \
        --date "$DAY" --output "$WORK/out" --state "$1" --quiet) || echo "  (exit $?)" >&2
    cat "$WORK/time"
}

report() { # label best median rss
    local summary
    summary=$(python3 -c "import json,glob;d=json.load(open(sorted(glob.glob('$WORK/out/*.status.json'))[-1]));print(d['sources_ok'],'ok,',d['sources_failed'],'failed,',sum(s.get('items',0) for s in d['sources']),'headlines,',d['stories'],'stories')")
    printf '%-32s %6.2f s (median %5.2f)  %4d MB peak   %s\n' "$1" "$2" "$3" $(($4 / 1024)) "$summary"
}

stop_server() {
    kill %1 2>/dev/null || true
    wait 2>/dev/null || true
    rm -f "$WORK/port"
}

run() { # label mode(cold|warm) ; best and median of RUNS, highest peak memory
    local label=$1 mode=$2 walls="" rss=0 i wall r
    for i in $(seq "$RUNS"); do
        if [ "$mode" = cold ]; then rm -rf "$WORK/state"; fi
        if [ "$mode" = warm ] && [ ! -d "$WORK/state" ]; then once "$WORK/state" >/dev/null; fi
        read -r wall r < <(once "$WORK/state")
        walls="$walls $wall"
        [ "$r" -gt "$rss" ] && rss=$r
        sleep 0.5
    done
    read -r best median < <(printf '%s\n' $walls | sort -n | awk '{v[NR]=$1} END{print v[1], v[int((NR+1)/2)]}')
    report "$label" "$best" "$median" "$rss"
}

echo "revue build --opml --date $DAY: $FEEDS feeds x $ITEMS items, ${LATENCY} ms latency, $(nproc) cores"
start_server
run "cold (empty state)" cold
run "warm (every feed answers 304)" warm
stop_server

start_server --fault-rate 0.1 --timeout-hold-s 10
RUNS=1 run "10% faults, 10 s holds (cold)" cold
stop_server

FEEDS=2000
start_server
RUNS=${MEMORY_RUNS:-3} run "2,000 feeds (cold)" cold
stop_server
