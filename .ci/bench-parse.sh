#!/bin/sh
# Parse throughput: revue parse --json over FEEDS files x ITEMS items written by the shared
# feedserver, side by side with sfeed (C) on the same files when it is installed
# (apt-get install -y sfeed). Prints items/s for each. Run from the repository root.
#
#   .ci/bench-parse.sh [FEEDS] [ITEMS]        defaults: 2000 50
set -eu
FEEDS=${1:-2000}
ITEMS=${2:-50}
SERVER=${FEEDSERVER:-../shared/bench/feedserver.py}
DIR=${BENCH_DIR:-/tmp/revue-bench-feeds-$FEEDS-$ITEMS}
REVUE=${REVUE:-.build/release/revue}

[ -x "$REVUE" ] || swift build -c release --static-swift-stdlib --product revue >/dev/null 2>&1 \
    || { echo "build failed: run swift build -c release --static-swift-stdlib" >&2; exit 1; }
if [ ! -f "$DIR/feed_00000.xml" ]; then
    python3 "$SERVER" --write-dir "$DIR" --feeds "$FEEDS" --items "$ITEMS" >/dev/null
fi
TOTAL=$((FEEDS * ITEMS))

# Wall-clock seconds of a command, best of RUNS (default 5: the machine is shared, and
# revue uses every core while sfeed uses one, so others' load weighs on revue more).
RUNS=${RUNS:-5}
best_of_runs() {
    best=""
    for _ in $(seq "$RUNS"); do
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

revue_run() { "$REVUE" parse --json "$DIR"/feed_*.xml; }
t=$(best_of_runs revue_run)
items=$("$REVUE" parse --json "$DIR"/feed_*.xml | python3 -c 'import sys, json; print(sum(len(json.loads(l)["items"]) for l in sys.stdin))')
cpu=$( { /usr/bin/time -f '%U %S' "$REVUE" parse --json "$DIR"/feed_*.xml >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
printf 'revue parse --json: %d files, %d items in %.3f s = %.0f items/s (%.2f s CPU on %s cores)\n' \
    "$FEEDS" "$items" "$t" "$(echo "$items / $t" | bc -l)" "$cpu" "$(nproc)"

if command -v sfeed >/dev/null 2>&1; then
    # sfeed reads one stream: the files concatenated, as its own benchmark does.
    sfeed_run() { cat "$DIR"/feed_*.xml | sfeed; }
    ts=$(best_of_runs sfeed_run)
    sitems=$(cat "$DIR"/feed_*.xml | sfeed | wc -l)
    printf 'sfeed (one stream): %d items in %.3f s = %.0f items/s\n' "$sitems" "$ts" "$(echo "$sitems / $ts" | bc -l)"
    printf 'revue / sfeed: %.2fx\n' "$(echo "($items / $t) / ($sitems / $ts)" | bc -l)"
else
    echo "sfeed not installed (apt-get install -y sfeed) - no comparison"
fi
[ "$items" -eq "$TOTAL" ] || { echo "expected $TOTAL items, got $items" >&2; exit 1; }
