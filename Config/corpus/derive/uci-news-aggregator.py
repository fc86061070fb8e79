#!/usr/bin/env python3
"""Rebuild groups.tsv from a snapshot of pratikaher88/IPythonNotebooks.

Usage: python3 derive.py GIT_DIR [OUT_DIR]

GIT_DIR is the bare git directory of the snapshot (e.g.
/work/.mirror/pratikaher88+IPythonNotebooks/repo). The source file is a
1.5 MB leading fragment (rows ID 1..6366 plus one cut row) of the Kaggle
comma-separated copy of the UCI "News Aggregator" data set
(uci-news-aggregator.csv). Only whole UTC days are kept: the rows are in
timestamp order and start at the first row of the data set, so every day
except the last one present in the fragment is complete.
Standard library only.
"""
import csv
import datetime
import io
import os
import subprocess
import sys

REPO = "pratikaher88/IPythonNotebooks"
COMMIT = "8482bf77238c09f993e4e1a16c789bdc8c4a61fe"
PATH = "uci-news-aggregator.csv"
FIELDS = ["ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "HOSTNAME", "TIMESTAMP"]


def clean(s):
    return " ".join(s.replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


def main():
    git_dir = sys.argv[1]
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    raw = subprocess.run(["git", "--git-dir=" + git_dir, "show", COMMIT + ":" + PATH],
                         check=True, capture_output=True).stdout.decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == FIELDS, rows[0]
    data = []
    for r in rows[1:]:
        if len(r) != len(FIELDS) or not r[7].isdigit() or len(r[7]) != 13:
            continue  # the last row of the fragment is cut mid-line
        data.append(dict(zip(FIELDS, r)))
    # sanity: contiguous ids from 1 and non-decreasing timestamps
    assert [int(d["ID"]) for d in data] == list(range(1, len(data) + 1))
    ts = [int(d["TIMESTAMP"]) for d in data]
    assert all(a <= b for a, b in zip(ts, ts[1:]))
    for d in data:
        d["day"] = datetime.datetime.fromtimestamp(int(d["TIMESTAMP"]) / 1000,
                                                   datetime.timezone.utc).strftime("%Y-%m-%d")
    days = sorted({d["day"] for d in data})
    whole = set(days[:-1])  # last day is cut off by the fragment's end
    out = os.path.join(out_dir, "groups.tsv")
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("day\tstory\tlang\tpublisher\turl\ttitle\n")
        for d in data:
            if d["day"] not in whole:
                continue
            f.write("\t".join([d["day"], "uci:" + d["STORY"], "en", clean(d["PUBLISHER"]),
                               clean(d["URL"]), clean(d["TITLE"])]) + "\n")
            n += 1
    print("wrote %d rows for days %s (dropped partial day %s)" % (n, sorted(whole), days[-1]))


if __name__ == "__main__":
    main()
