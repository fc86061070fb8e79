#!/usr/bin/env python3
"""Regenerate headlines.tsv from the Le Monde 2022 RSS snapshots committed in
MichaBiriuchinskii/PPE2 (student project, M1 TAL).  Usage:
    python3 derive.py /work/.mirror/MichaBiriuchinskii+PPE2/repo [out.tsv]
Reads files with `git show <commit>:<path>`; stdlib only.
"""
import sys, subprocess, hashlib, re, html
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

REPO = "MichaBiriuchinskii/PPE2"
COMMIT = "630f0ece3483c58025d4020efefbbc1e46ec896e"
PATH_RE = re.compile(r"^Corpus/2022/[A-Za-z]{3}/\d\d/[^/]+/[^/]+\.xml$")  # Corpus/2022/<Mon>/<DD>/19-00-00/<feed>.xml
CAP_PER_PUBLISHER = 15000
SUMMARY_MAX = 300

def git(gd, *args):
    return subprocess.run(["git", "--git-dir", gd] + list(args), capture_output=True, check=True).stdout

def clean(s):
    s = html.unescape(s or "")
    s = re.sub(r"<[^>]+>", " ", s)
    return re.sub(r"\s+", " ", s).strip()

def main():
    gd = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "headlines.tsv"
    paths = [p for p in git(gd, "ls-tree", "-r", "--name-only", COMMIT).decode().splitlines() if PATH_RE.match(p)]
    rows = {}
    for p in sorted(paths):
        data = git(gd, "show", f"{COMMIT}:{p}")
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            continue
        for it in root.iter("item"):
            title = clean(it.findtext("title"))
            url = (it.findtext("link") or "").strip()
            if not title or not url:
                continue
            path = [s for s in urlparse(url).path.split("/") if s]
            section = path[0] if path else ""
            m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url)
            if m:
                date = "-".join(m.groups())
            else:
                try:
                    date = parsedate_to_datetime(it.findtext("pubDate")).date().isoformat()
                except Exception:
                    date = ""
            summary = clean(it.findtext("description"))[:SUMMARY_MAX]
            if title not in rows:  # dedupe identical titles (first seen wins; files read in sorted order)
                rows[title] = ("fr", "lemonde.fr", date, section, url, title, summary)
    kept = sorted(rows.values(), key=lambda r: hashlib.sha1(r[5].encode("utf-8")).hexdigest())[:CAP_PER_PUBLISHER]
    kept.sort(key=lambda r: (r[2], r[3], r[5]))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("lang\tpublisher\tdate\tsection\turl\ttitle\tsummary\n")
        for r in kept:
            f.write("\t".join(x.replace("\t", " ").replace("\n", " ").replace("\r", " ") for x in r) + "\n")
    print(f"{len(rows)} unique titles, wrote {len(kept)}", file=sys.stderr)

if __name__ == "__main__":
    main()
