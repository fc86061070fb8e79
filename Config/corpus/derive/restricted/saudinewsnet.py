#!/usr/bin/env python3
"""Regenerate headlines.tsv from parallelfold/SaudiNewsNet (CC BY-NC-SA 4.0 -- NON-COMMERCIAL).
Only the sources whose URLs carry a publisher section are kept:
  alwatan   (alwatan.com.sa/<Section>/News_Detail.aspx...)      -> section = first path segment
  3alyoum   (3alyoum.com/<section>[/<sub>]/a/<slug>/)            -> section = path segments before 'a'
  aljazirah (al-jazirah.com/2015/YYYYMMDD/<code><n>.htm)          -> section = page code letters (e.g. 'ln', 'ec')
Usage: python3 derive.py /work/.mirror/parallelfold+SaudiNewsNet/repo [out.tsv]
"""
import sys, subprocess, hashlib, re, io, json, zipfile
from urllib.parse import urlparse, unquote

REPO = "parallelfold/SaudiNewsNet"
COMMIT = "4e39239966c2ae8a3faa591201acb9cd1f51199d"
PATH_RE = re.compile(r"^dataset/\d{4}-\d\d-\d\d\.zip$")
KEEP = {"alwatan": "alwatan.com.sa", "3alyoum": "3alyoum.com", "aljazirah": "al-jazirah.com"}
CAP_PER_PUBLISHER = 15000
SUMMARY_MAX = 300

def git(gd, *args):
    return subprocess.run(["git", "--git-dir", gd] + list(args), capture_output=True, check=True).stdout

def clean(s):
    return re.sub(r"\s+", " ", s or "").strip()

def section_of(src, url):
    segs = [s for s in unquote(urlparse(url).path).split("/") if s]
    if src == "alwatan":
        return segs[0] if len(segs) > 1 else ""
    if src == "3alyoum":
        if "a" in segs:
            return "/".join(segs[:segs.index("a")])
        return ""
    if src == "aljazirah":
        m = re.match(r"([a-z]+)\d*\.htm", segs[-1]) if segs else None
        return m.group(1) if m else ""
    return ""

def date_of(src, url, extracted):
    m = re.search(r"/(20\d\d)(\d\d)(\d\d)/", url)
    if m:
        return "-".join(m.groups())
    return (extracted or "")[:10]

def main():
    gd = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "headlines.tsv"
    paths = [p for p in git(gd, "ls-tree", "-r", "--name-only", COMMIT).decode().splitlines() if PATH_RE.match(p)]
    rows = {}
    for p in sorted(paths):
        z = zipfile.ZipFile(io.BytesIO(git(gd, "show", f"{COMMIT}:{p}")))
        for nm in z.namelist():
            for a in json.loads(z.read(nm).decode("utf-8")):
                src = a.get("source")
                if src not in KEEP:
                    continue
                title = clean(a.get("title"))
                url = (a.get("url") or "").strip()
                sec = section_of(src, url)
                if not title or not sec:
                    continue
                key = (KEEP[src], title)
                if key in rows:
                    continue
                rows[key] = ("ar", KEEP[src], date_of(src, url, a.get("date_extracted")), sec, url, title,
                             clean(a.get("content"))[:SUMMARY_MAX])
    kept = []
    for pub in sorted(set(k[0] for k in rows)):
        r = [v for k, v in rows.items() if k[0] == pub]
        r.sort(key=lambda x: hashlib.sha1(x[5].encode("utf-8")).hexdigest())
        kept += r[:CAP_PER_PUBLISHER]
    kept.sort(key=lambda r: (r[1], r[2], r[3], r[5]))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("lang\tpublisher\tdate\tsection\turl\ttitle\tsummary\n")
        for r in kept:
            f.write("\t".join(x.replace("\t", " ").replace("\n", " ").replace("\r", " ") for x in r) + "\n")
    print(f"wrote {len(kept)}", file=sys.stderr)

if __name__ == "__main__":
    main()
