#!/usr/bin/env python3
"""Regenerate headlines.tsv + sections.tsv for one Wikinews language.

The language is taken from this folder's name (wikinews-<lang>), so the same
file is copied into wikinews-fr/, -es/, -ar/, -en/, -de/.

Inputs (bare git snapshots made by the `fetch` tool; read with `git show`):
  1. MewsC-16 (Nishikawa et al., "EASE", NAACL 2022), repo studio-ousia/ease,
     commit eea3b4f2f4aff3e4eb2a769b30f2b4aa2365d1d9,
     downstreams/text-clustering/data/mewsc16/<lang>_sentences.txt  (one lead sentence per Wikinews article)
     downstreams/text-clustering/data/mewsc16/<lang>_categories.txt (its single Wikinews topic category)
     -> rows with EMPTY title (no headline in that data set), summary = lead sentence.
  2. WikinewsSum sample (Calizzano et al. 2022), repo airKlizz/WikinewsSum,
     commit 1d985031625909c908766812e8a18d0c88116ec8, endataset.json (101 English
     Wikinews articles with categories and their cited sources; only English)
     -> en only: one row per Wikinews article title + one row per cited source title,
        labelled with the article's FIRST top-level topic category.
Python 3 stdlib only.
"""
import collections, csv, json, os, re, subprocess, sys
from urllib.parse import urlparse, quote

# Usage: wikinews.py LANG OUT_DIR  (snapshots under $MIRROR/OWNER+NAME/repo)
LANG = sys.argv[1]
HERE = sys.argv[2]
os.makedirs(HERE, exist_ok=True)
MIRROR = os.environ.get("MIRROR", "/work/.mirror")
EASE_GIT = f"{MIRROR}/studio-ousia+ease/repo"
EASE_COMMIT = "eea3b4f2f4aff3e4eb2a769b30f2b4aa2365d1d9"
EASE_DIR = "downstreams/text-clustering/data/mewsc16"
WNS_GIT = f"{MIRROR}/airKlizz+WikinewsSum/repo"
WNS_COMMIT = "1d985031625909c908766812e8a18d0c88116ec8"
WNS_PATH = "endataset.json"

# Wikinews top-level topic categories -> proposed revue theme (anything else = DROP)
THEMES = {
    "en": {"Politics and conflicts": "politique", "Economy and business": "economie",
           "Crime and law": "societe", "Disasters and accidents": "societe",
           "Culture and entertainment": "culture", "Science and technology": "sciences",
           "Health": "sante", "Sports": "sport", "Weather": "meteo", "Environment": "sciences",
           "Education": "societe", "Media": "societe", "Obituaries": "autre",
           "Wackynews": "autre", "Transport": "societe"},
    "fr": {"Politique et conflits": "politique", "Économie": "economie", "Justice": "societe",
           "Catastrophe": "societe", "Culture": "culture", "Science et technologie": "sciences",
           "Santé": "sante", "Sport": "sport", "Météo": "meteo", "Environnement": "sciences",
           "Éducation": "societe", "Médias": "societe", "Nécrologie": "autre"},
    "es": {"Política": "politique", "Economía y Negocios": "economie",
           "Desastres y accidentes": "societe", "Arte, cultura y entretenimiento": "culture",
           "Ciencia y tecnología": "sciences", "Salud": "sante", "Deportes": "sport",
           "Ecología": "sciences", "Educación": "societe", "Periodismo": "societe",
           "Obituario": "autre"},
    "ar": {"سياسة": "politique", "اقتصاد": "economie", "كوارث وحوادث": "societe",
           "ثقافة": "culture", "علوم وتقنية": "sciences", "صحة": "sante", "رياضة": "sport",
           "طقس": "meteo", "بيئة": "sciences", "إعلام": "societe", "وفيات": "autre"},
    "de": {"Themenportal Politik": "politique", "Themenportal Wirtschaft": "economie",
           "Themenportal Kultur": "culture", "Themenportal Wissenschaft": "sciences",
           "Themenportal Sport": "sport", "Themenportal Wetter": "meteo",
           "Themenportal Umwelt": "sciences", "Themenportal Medien": "societe"},
}[LANG]

COLS = ["lang", "publisher", "date", "section", "url", "title", "summary"]
CATLINE = re.compile(r"(Cat[ée]gor[a-zíé]*|Category|تصنيف|Kategorie|Kategoria)\s*:", re.I)
GAP = re.compile(r"\s[.,](\s|$)|\(\s*\)|\s{2,}|^\W")
PX = re.compile(r"^(\d+px|thumb\|?|miniatura\|?|\|)\s*")
MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"], 1)}


def git_show(gitdir, commit, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def clip(s, n=300):
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= n else s[:n].rsplit(" ", 1)[0] + "…"


def mewsc_rows(stats):
    sents = git_show(EASE_GIT, EASE_COMMIT, f"{EASE_DIR}/{LANG}_sentences.txt").split("\n")
    cats = git_show(EASE_GIT, EASE_COMMIT, f"{EASE_DIR}/{LANG}_categories.txt").split("\n")
    assert len(sents) == len(cats), (len(sents), len(cats))
    for s, c in zip(sents, cats):
        if not s.strip() and not c.strip():
            continue
        stats["mewsc_in"] += 1
        s = PX.sub("", s.strip())
        if CATLINE.search(s):
            stats["mewsc_drop_category_markup"] += 1; continue
        if len(s) < 25:
            stats["mewsc_drop_short"] += 1; continue
        if GAP.search(s):  # links stripped by the extractor leave " ." / "()" / double spaces
            stats["mewsc_drop_link_gaps"] += 1; continue
        stats["mewsc_kept"] += 1
        yield {"lang": LANG, "publisher": f"wikinews-{LANG}", "date": "", "section": c.strip(),
               "url": "", "title": "", "summary": clip(s)}


def wns_date(d):
    text = "\n".join(d["text"]) if isinstance(d["text"], list) else d["text"]
    cands = re.findall(r"\{\{date\|([A-Z][a-z]+ \d{1,2}, \d{4})", text) + \
        [c for c in d["categories"] if re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", c)]
    for c in cands:
        m = re.fullmatch(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", c)
        if m and m.group(1) in MONTHS:
            return f"{m.group(3)}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    return ""


def wiki_plain(d):
    text = "\n".join(d["text"]) if isinstance(d["text"], list) else d["text"]
    t = re.sub(r"\{\{w\|(?:[^|}]*\|)?([^|}]*)\}\}", r"\1", text)
    t = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", t)
    t = re.sub(r"\{\{[^}]*\}\}\}?|'''?|\[\[File:[^\n]*", "", t)
    return clip(t)


def source_host(url):
    u = url
    m = re.match(r"https?://web\.archive\.org/web/[^/]+/(.*)", u)
    if m:
        u = m.group(1)
        if not u.startswith("http"):
            u = "http://" + u
    h = urlparse(u).netloc.lower()
    return h[4:] if h.startswith("www.") else h


GENERIC = re.compile(r"^(404|page not found|error|yahoo!? news|home|index|untitled)\b|not found|breaking international news|personal finance|access denied|page unavailable", re.I)


def good_source_title(t):
    t = (t or "").strip()
    return len(t.split()) >= 4 and not GENERIC.search(t)


def wns_articles():
    for i, line in enumerate(git_show(WNS_GIT, WNS_COMMIT, WNS_PATH).split("\n"), 1):
        if line.strip():
            yield i, json.loads(line)


def wns_rows(stats, ambiguous):
    for i, d in wns_articles():
        stats["wns_articles"] += 1
        topics = [c for c in d["categories"] if c in THEMES]
        if not topics:
            stats["wns_no_topic"] += 1; continue
        if len(topics) > 1:
            ambiguous.append((d["title"], topics))
        sec, date = topics[0], wns_date(d)
        url = "https://en.wikinews.org/wiki/" + quote(d["title"].replace(" ", "_"))
        yield {"lang": "en", "publisher": "wikinews-en", "date": date, "section": sec, "url": url,
               "title": d["title"].strip(), "summary": wiki_plain(d)}
        stats["wns_article_rows"] += 1
        seen = set()
        for s in d["sources"]:
            t = re.sub(r"\s+", " ", s.get("title") or "").strip()
            if not good_source_title(t):
                stats["wns_source_drop_generic_or_short"] += 1; continue
            if t.lower() in seen:
                stats["wns_source_drop_dup"] += 1; continue
            seen.add(t.lower())
            yield {"lang": s.get("language") or "", "publisher": source_host(s["url"]), "date": date,
                   "section": sec, "url": s["url"], "title": t, "summary": ""}  # source body text is the outlet's copyright: not copied
            stats["wns_source_rows"] += 1


def main():
    stats, ambiguous = collections.Counter(), []
    rows = list(mewsc_rows(stats))
    if LANG == "en":
        rows += list(wns_rows(stats, ambiguous))
    with open(os.path.join(HERE, "headlines.tsv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        for r in rows:
            w.writerow({k: (v or "").replace("\t", " ").replace("\n", " ") for k, v in r.items()})
    counts = collections.Counter(r["section"] for r in rows)
    extra = collections.Counter()
    if LANG == "en":  # list every WikinewsSum category too, non-topic ones as DROP
        for _, d in wns_articles():
            extra.update(c for c in d["categories"] if c not in THEMES)
    with open(os.path.join(HERE, "sections.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("section\tcount\ttheme\n")
        for s, n in counts.most_common():
            f.write(f"{s}\t{n}\t{THEMES.get(s, 'DROP')}\n")
        for s, n in sorted(extra.items(), key=lambda x: (-x[1], x[0])):
            f.write(f"{s}\t{n}\tDROP\n")
    print(LANG, dict(stats), "rows", len(rows), file=sys.stderr)
    for t, tp in ambiguous:
        print("AMBIGUOUS", t, "|", " ; ".join(tp), file=sys.stderr)


if __name__ == "__main__":
    main()
