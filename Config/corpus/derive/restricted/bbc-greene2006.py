#!/usr/bin/env python3
"""Regenerate headlines.tsv from a fetched snapshot of dejanbatanjac/bbc-article-classify-bert,
which carries an unmodified copy of the Greene & Cunningham (2006) "BBC" dataset (bbc/<section>/NNN.txt).

Usage: python3 derive.py /work/.mirror/dejanbatanjac+bbc-article-classify-bert/repo [out.tsv]
Title = first line of each file; section = the folder name (the BBC News website section).
"""
import hashlib, re, subprocess, sys

REPO = "dejanbatanjac/bbc-article-classify-bert"
COMMIT = "8265dc84e88b82b87ce7f5b2df5bbbb1159ae922"
PATH_GLOB = r"^bbc/(business|entertainment|politics|sport|tech)/\d+\.txt$"
CAP_PER_PUBLISHER = 15000

def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True).stdout

def clean(s):
    return re.sub(r"\s+", " ", s.replace("\t", " ")).strip()

def main():
    gitdir = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "headlines.tsv"
    names = git(gitdir, "ls-tree", "-r", "--name-only", COMMIT).decode().splitlines()
    rows, seen = [], set()
    for path in sorted(n for n in names if re.match(PATH_GLOB, n)):
        raw = git(gitdir, "show", f"{COMMIT}:{path}")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        lines = [clean(l) for l in text.splitlines()]
        lines = [l for l in lines if l]
        if not lines:
            continue
        title = lines[0]
        if title in seen:
            continue
        seen.add(title)
        summary = lines[1][:300] if len(lines) > 1 else ""
        rows.append(["en", "bbc.co.uk", "", path.split("/")[1], "", title, summary])
    rows.sort(key=lambda x: hashlib.sha1(x[5].encode()).hexdigest())
    rows = rows[:CAP_PER_PUBLISHER]
    rows.sort(key=lambda x: (x[3], x[5]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("lang\tpublisher\tdate\tsection\turl\ttitle\tsummary\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

if __name__ == "__main__":
    main()
