#!/bin/sh
# Themes and stories at scale: `revue classify` and `revue cluster` over N headlines (default
# 100,000) made from the corpus's real titles and first sentences (cut to 120 characters),
# cycled, each line with one of 2,000 source names. Prints the best of RUNS wall times.
# Run from the repository root.
#
#   .ci/bench-judgement.sh [N]
set -eu
N=${1:-100000}
RUNS=${RUNS:-3}
REVUE=${REVUE:-.build/release/revue}
[ -x "$REVUE" ] || swift build -c release --static-swift-stdlib --product revue >/dev/null 2>&1 \
    || { echo "build failed: run swift build -c release --static-swift-stdlib" >&2; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 - "$N" "$DIR" <<'PY'
import glob, sys
n, out = int(sys.argv[1]), sys.argv[2]
texts = []
for path in sorted(glob.glob("Config/corpus/themes/*.tsv")):
    for line in open(path, encoding="utf-8").read().split("\n")[1:]:
        f = line.split("\t")
        if len(f) >= 7:
            texts.append((f[5] or f[6])[:120])
for path in sorted(glob.glob("Config/corpus/stories/*.tsv")):
    for line in open(path, encoding="utf-8").read().split("\n")[1:]:
        f = line.split("\t")
        if len(f) >= 6:
            texts.append(f[5])
texts = [t for t in texts if t]
with open(out + "/titles.txt", "w") as a, open(out + "/sourced.txt", "w") as b:
    for i in range(n):
        t = texts[i % len(texts)]
        a.write(t + "\n")
        b.write(f"source-{i % 2000}\t{t}\n")
PY
best() {
    b=""
    for _ in $(seq "$RUNS"); do
        s=$(date +%s.%N); "$@"; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    done
    printf '%.2f' "$b"
}
classify=$(best sh -c "$REVUE classify < $DIR/titles.txt > /dev/null")
cluster=$(best sh -c "$REVUE cluster < $DIR/sourced.txt > /dev/null")
echo "$N headlines: classify ${classify} s, cluster ${cluster} s (best of $RUNS)"
