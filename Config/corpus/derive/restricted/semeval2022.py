#!/usr/bin/env python3
"""Rebuild groups.tsv / different.tsv / uncertain.tsv for SemEval-2022 Task 8
(train split; fr-fr, ar-ar and es-es pairs) from two repository snapshots.

Usage: python3 derive.py TITLES_GIT_DIR LABELS_GIT_DIR [OUT_DIR]

TITLES_GIT_DIR: bare git dir of sebastiendufour1972/BL.Research-at-SemEval-2022-Task-8
                (article titles, scraped by that team; one row per train pair)
LABELS_GIT_DIR: bare git dir of cicl-iscl/multinewssimilarity
                (the organisers' train CSV: langs, pair_id, URLs, scores)

Join rules (checked by assertions):
  * arabic/dataset_arab.csv and french/corpus_fr_notes_v2.csv carry a column
    "ligne" = 0-based row index into the organisers' train CSV.
  * data/corpus_es_notesv2.csv has no "ligne"; its rows with a non-empty score
    are the es-es train pairs in train-file order (all 7 scores must match).
Groups = connected components of pairs with Overall <= 1.5 (1 = very similar).
Pairs with Overall >= 3.5 go to different.tsv; pairs in between to uncertain.tsv.
Standard library only.
"""
import csv
import io
import os
import re
import subprocess
import sys
import urllib.parse

TITLES_REPO = "sebastiendufour1972/BL.Research-at-SemEval-2022-Task-8"
TITLES_COMMIT = "7b26bd27c55af8a753e8391bfab9b4e4db41740b"
AR_PATH = "arabic/dataset_arab.csv"
FR_PATH = "french/corpus_fr_notes_v2.csv"
ES_PATH = "data/corpus_es_notesv2.csv"
LABELS_REPO = "cicl-iscl/multinewssimilarity"
LABELS_COMMIT = "6144d871d743ae389ec93dd34946b37c2230f7d4"
TRAIN_PATH = "uncleaned_data/train/train_data.csv"
SCORES = ["Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"]
SAME, DIFF = 1.5, 3.5


def show(git_dir, commit, path):
    raw = subprocess.run(["git", "--git-dir=" + git_dir, "show", commit + ":" + path],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return list(csv.reader(io.StringIO(raw)))


def clean(s):
    return " ".join(s.replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


DATE_RES = [re.compile(r"(?<!\d)(20[12]\d)[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?!\d)"),
            re.compile(r"(?<!\d)(20[12]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")]


def url_day(url):
    """Day written in the URL path (YYYY/MM/DD, YYYY-MM-DD or YYYYMMDD), else ''."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    for rx in DATE_RES:
        m = rx.search(path)
        if m:
            return "%s-%s-%s" % m.groups()
    return ""


def main():
    tdir, ldir = sys.argv[1], sys.argv[2]
    out_dir = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(__file__))
    train = show(ldir, LABELS_COMMIT, TRAIN_PATH)
    th = train[0]
    train = [dict(zip(th, r)) for r in train[1:]]
    assert len(train) == 4964

    pairs = []  # (train_row_index, title1, title2)
    for path, lang in ((AR_PATH, "ar"), (FR_PATH, "fr")):
        rows = show(tdir, TITLES_COMMIT, path)
        h = rows[0]
        li, t1, t2, oi = h.index("ligne"), h.index("title_1"), h.index("title_2"), h.index("Overall")
        for r in rows[1:]:
            i = int(r[li])
            t = train[i]
            assert t["url1_lang"] == lang and t["url2_lang"] == lang, (path, i)
            assert abs(float(r[oi]) - float(t["Overall"])) < 1e-6, (path, i)
            pairs.append((i, r[t1], r[t2]))
    rows = show(tdir, TITLES_COMMIT, ES_PATH)
    h = rows[0]
    valid = [r for r in rows[1:] if r[h.index("Overall")] != ""]
    es_idx = [i for i, t in enumerate(train) if t["url1_lang"] == "es" and t["url2_lang"] == "es"]
    assert len(valid) == len(es_idx) == 570
    for r, i in zip(valid, es_idx):
        got = [float(x) for x in r[5:12]]
        want = [float(train[i][k]) for k in SCORES]
        assert all(abs(a - b) < 1e-6 for a, b in zip(got, want)), i
        pairs.append((i, r[h.index("title_1")], r[h.index("title_2")]))

    art = {}  # article id -> dict
    conflicts = 0
    for i, ti1, ti2 in pairs:
        t = train[i]
        a, b = t["pair_id"].split("_")
        for aid, lang, url, title in ((a, t["url1_lang"], t["link1"], ti1),
                                      (b, t["url2_lang"], t["link2"], ti2)):
            title = clean(title)
            if aid in art:
                if art[aid]["title"] != title:
                    conflicts += 1
                if not art[aid]["title"] and title:
                    art[aid]["title"] = title
                continue
            art[aid] = {"id": aid, "lang": lang, "url": url, "title": title,
                        "publisher": urllib.parse.urlsplit(url).hostname or "",
                        "day": url_day(url)}

    # articles whose title the team's scrape left empty are dropped, with their pairs
    untitled = {k for k, v in art.items() if not v["title"]}
    art = {k: v for k, v in art.items() if k not in untitled}
    parent = {k: k for k in art}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    same, diff, unsure = [], [], []
    for i, _, _ in sorted(pairs):
        t = train[i]
        a, b = t["pair_id"].split("_")
        if a in untitled or b in untitled:
            continue
        o = float(t["Overall"])
        if o <= SAME:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
            same.append((a, b, o))
        elif o >= DIFF:
            diff.append((a, b, o, t["url1_lang"] + "-" + t["url2_lang"]))
        else:
            unsure.append((a, b, o, t["url1_lang"] + "-" + t["url2_lang"]))

    with open(os.path.join(out_dir, "groups.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("day\tstory\tlang\tpublisher\turl\ttitle\tid\n")
        for aid in sorted(art, key=lambda k: (find(k), k)):
            x = art[aid]
            f.write("\t".join([x["day"], "semeval8:" + find(aid), x["lang"], x["publisher"],
                               clean(x["url"]), x["title"], aid]) + "\n")
    for name, rows_ in (("different.tsv", diff), ("uncertain.tsv", unsure)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
            f.write("id1\tid2\toverall\tlangs\n")
            for a, b, o, lp in rows_:
                f.write("%s\t%s\t%s\t%s\n" % (a, b, repr(o), lp))
    print("pairs %d (kept: same %d, different %d, uncertain %d), articles %d "
          "(dropped %d untitled), title conflicts %d"
          % (len(pairs), len(same), len(diff), len(unsure), len(art), len(untitled), conflicts))


if __name__ == "__main__":
    main()
