#!/usr/bin/env python3
"""Copies the datasets' headlines.tsv files (written by the other scripts of this folder,
one per dataset, from their public origin) into the corpus layout that `revue train` reads:

  themes/<dataset>.tsv   lang, publisher, date, section, url, title, summary (no quoting,
                         summaries cut at 300 characters)

and checks that every (publisher, section) of the copied rows has its line in
sections.tsv, the one table from the publishers' sections to revue's themes (kept by hand:
`-` leaves a section out).

Usage: assemble.py STAGING_FOLDER CORPUS_FOLDER DATASET...
where STAGING_FOLDER/<dataset>/headlines.tsv is a derive script's output.
"""
import csv, os, sys

csv.field_size_limit(1 << 24)
FIELDS = ["lang", "publisher", "date", "section", "url", "title", "summary"]


def clean(text):
    return " ".join((text or "").replace("\t", " ").split())


def main():
    staging, corpus, datasets = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(os.path.join(corpus, "themes"), exist_ok=True)
    with open(os.path.join(corpus, "sections.tsv"), encoding="utf-8") as f:
        known = {tuple(line.rstrip("\n").split("\t")[:2]) for line in f if line.strip() and not line.startswith("#")}
    missing = {}
    for name in datasets:
        with open(os.path.join(staging, name, "headlines.tsv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, dialect="excel-tab"))
        with open(os.path.join(corpus, "themes", name + ".tsv"), "w", encoding="utf-8") as out:
            out.write("\t".join(FIELDS) + "\n")
            for row in rows:
                values = [clean(row[k]) for k in FIELDS]
                values[6] = values[6][:300]
                out.write("\t".join(values) + "\n")
                if (values[1], values[3]) not in known:
                    missing[(values[1], values[3])] = missing.get((values[1], values[3]), 0) + 1
    for (publisher, section), count in sorted(missing.items(), key=lambda x: -x[1]):
        print(f"not in sections.tsv: {publisher}\t{section}\t({count} rows)", file=sys.stderr)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
