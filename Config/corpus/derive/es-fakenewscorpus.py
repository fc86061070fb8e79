#!/usr/bin/env python3
"""Regenerate headlines.tsv from a fetched snapshot of jpposadas/FakeNewsCorpusSpanish.

Usage: python3 derive.py /work/.mirror/jpposadas+FakeNewsCorpusSpanish/repo [out.tsv]
Keeps only rows labelled True (real news from established outlets); section = the
publisher's own URL path segment. Stdlib only (the .xlsx files are read as zip/XML).
"""
import hashlib, io, re, subprocess, sys, zipfile
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

REPO = "jpposadas/FakeNewsCorpusSpanish"
COMMIT = "732f4870abd8d3f5ab4956fd92b040a7913614e3"
PATHS = ["train.xlsx", "development.xlsx", "test.xlsx"]
CAP_PER_PUBLISHER = 15000
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

def git_show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", f"{COMMIT}:{path}"],
                          check=True, capture_output=True).stdout

def xlsx_rows(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(M + "si"):
            shared.append("".join(t.text or "" for t in si.iter(M + "t")))
    sheet = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[0]
    out = []
    for row in ET.fromstring(z.read(sheet)).iter(M + "row"):
        vals = {}
        for c in row.findall(M + "c"):
            col = re.match(r"[A-Z]+", c.get("r")).group()
            v = c.find(M + "v")
            if c.get("t") == "s" and v is not None:
                vals[col] = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                vals[col] = "".join(x.text or "" for x in c.iter(M + "t"))
            else:
                vals[col] = v.text if v is not None else ""
        out.append(vals)
    return out

def clean(s):
    return re.sub(r"\s+", " ", (s or "").replace("\t", " ")).strip()

def section_of(url):
    p = urlparse(url)
    segs = [s for s in p.path.split("/") if s]
    host = p.netloc.lower()
    if not segs:
        return ""
    if host.endswith("bbc.com") and segs[0] == "mundo" and len(segs) > 1:
        # BBC Mundo: /mundo/noticias-internacional-43912345 -> noticias-internacional
        return re.sub(r"-\d+$", "", segs[1])
    if host.endswith("elpais.com") and segs[0] == "diario" and len(segs) > 4:
        return segs[4]  # /diario/YYYY/MM/DD/<section>/...
    s = segs[0]
    if re.fullmatch(r"\d+", s) or len(segs) == 1 or s.count("-") >= 3:
        return ""  # date, id or article slug: no section in the path
    return s

def date_of(url):
    m = re.search(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|\b)", url)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.search(r"[-_/](20\d\d)(\d\d)(\d\d)[-_/.]", url)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return ""

def main():
    gitdir = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "headlines.tsv"
    rows, seen = [], set()
    for path in PATHS:
        for r in xlsx_rows(git_show(gitdir, path))[1:]:
            if (r.get("B") or "").strip() not in ("True", "1"):
                continue
            url = clean(r.get("G"))
            title = clean(r.get("E"))
            if not title or not url.startswith("http"):
                continue
            if title in seen:
                continue
            seen.add(title)
            host = urlparse(url).netloc.lower()
            host = host[4:] if host.startswith("www.") else host
            body = [clean(x) for x in (r.get("F") or "").split("\n")]
            body = [x for x in body if x and x != title]
            summary = body[0][:300] if body else ""
            rows.append(["es", host, date_of(url), section_of(url), url, title, summary])
    by_pub = {}
    for row in rows:
        by_pub.setdefault(row[1], []).append(row)
    kept = []
    for pub, rs in by_pub.items():
        rs.sort(key=lambda x: hashlib.sha1(x[5].encode()).hexdigest())
        kept.extend(rs[:CAP_PER_PUBLISHER])
    kept.sort(key=lambda x: (x[1], x[2], x[5]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("lang\tpublisher\tdate\tsection\turl\ttitle\tsummary\n")
        for row in kept:
            f.write("\t".join(row) + "\n")

if __name__ == "__main__":
    main()
