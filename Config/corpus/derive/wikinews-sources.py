#!/usr/bin/env python3
"""Regenerate groups.tsv: one same-story group per English Wikinews article =
the Wikinews article title (publisher wikinews-en) + the titles of the external
news articles it cites as sources.

Input (bare git snapshot made by the `fetch` tool):
  repo airKlizz/WikinewsSum, commit 1d985031625909c908766812e8a18d0c88116ec8,
  endataset.json (JSON lines; 101 English Wikinews articles of Nov-Dec 2004 with
  categories and their sources: language, title, url, archive_url, maintext).
  The file was deleted from the repo in the next commits, so the commit is pinned.
story id = "wn-en-<line number of the article in endataset.json>".
day = the Wikinews article's date ({{date|...}} template or date category) when the
data set kept it, else empty (the {{byline|date=...}} field was truncated by the
WikinewsSum extractor). Source publication dates are not in the data.
No interlanguage links are in the data, so there is no cross-wiki merging; a group is
"cross-language" when its cited sources are in several languages.
Python 3 stdlib only.
"""
import collections, csv, json, os, re, subprocess, sys
from urllib.parse import urlparse, quote

# Usage: wikinews-sources.py OUT_DIR  (snapshots under $MIRROR/OWNER+NAME/repo)
HERE = sys.argv[1]
os.makedirs(HERE, exist_ok=True)
GIT = os.environ.get("MIRROR", "/work/.mirror") + "/airKlizz+WikinewsSum/repo"
COMMIT = "1d985031625909c908766812e8a18d0c88116ec8"
PATH = "endataset.json"
MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"], 1)}
GENERIC = re.compile(r"^(404|page not found|error|yahoo!? news|home|index|untitled)\b|not found|"
                     r"breaking international news|personal finance|access denied|page unavailable", re.I)


def article_date(d):
    text = "\n".join(d["text"]) if isinstance(d["text"], list) else d["text"]
    for c in re.findall(r"\{\{date\|([A-Z][a-z]+ \d{1,2}, \d{4})", text) + d["categories"]:
        m = re.fullmatch(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", c)
        if m and m.group(1) in MONTHS:
            return f"{m.group(3)}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    return ""


def host(url):
    m = re.match(r"https?://web\.archive\.org/web/[^/]+/(.*)", url)
    u = m.group(1) if m else url
    if not u.startswith("http"):
        u = "http://" + u
    h = urlparse(u).netloc.lower()
    return h[4:] if h.startswith("www.") else h


def main():
    raw = subprocess.run(["git", "--git-dir", GIT, "show", f"{COMMIT}:{PATH}"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    rows, st = [], collections.Counter()
    per_lang, days = collections.Counter(), []
    for i, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        st["articles"] += 1
        story, day = f"wn-en-{i}", article_date(d)
        grp = [{"day": day, "story": story, "lang": "en", "publisher": "wikinews-en",
                "url": "https://en.wikinews.org/wiki/" + quote(d["title"].replace(" ", "_")),
                "title": d["title"].strip()}]
        seen = {d["title"].strip().lower()}
        for s in d["sources"]:
            t = re.sub(r"\s+", " ", s.get("title") or "").strip()
            if len(t.split()) < 4 or GENERIC.search(t):
                st["source_dropped_generic_or_short"] += 1; continue
            if t.lower() in seen:
                st["source_dropped_duplicate_title"] += 1; continue
            seen.add(t.lower())
            grp.append({"day": day, "story": story, "lang": s.get("language") or "",
                        "publisher": host(s["url"]), "url": s["url"], "title": t})
        n_src = len(grp) - 1
        st["sources_kept"] += n_src
        if n_src >= 1:
            st["groups_with_>=1_source (>=2 rows)"] += 1
        if n_src >= 2:
            st["groups_with_>=2_sources"] += 1
        if len({r["lang"] for r in grp}) > 1:
            st["cross_language_groups"] += 1
        if day:
            days.append(day)
        for r in grp:
            per_lang[r["lang"]] += 1
        if n_src >= 1:
            rows += grp
    with open(os.path.join(HERE, "groups.tsv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["day", "story", "lang", "publisher", "url", "title"], delimiter="\t",
                           lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: v.replace("\t", " ") for k, v in r.items()})
    print(dict(st), "rows", len(rows), "per_lang(all articles)", dict(per_lang),
          "days", (min(days), max(days)) if days else None, file=sys.stderr)


if __name__ == "__main__":
    main()
