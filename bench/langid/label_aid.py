#!/usr/bin/env python3
"""Labelling aid for pages-gold.tsv (not a detector): reads the output of
`langid_eval dump-tsv CORPUS RELPATH...` and proposes each page's language
shares from its en-us twin. A block identical to a block of the en-us twin
page is untranslated English; any other prose block is in the package's
language (sv/fi). Code listings (flag 1) and blocks under 16 bytes (labels
such as "Syntax:", "GIF") do not count; the title counts by its bytes.
It prints the proposal and the largest translated blocks, to be read by eye
before a label goes into pages-gold.tsv."""
import sys
from collections import OrderedDict

pages = OrderedDict()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    rel, kind, same, code, text = line.rstrip("\n").split("\t", 4)
    pages.setdefault(rel, []).append((kind, same == "1", code == "1", text))

for rel, rows in pages.items():
    pkg = rel.split("/")[0]
    lang = "en" if pkg == "en-us" else pkg
    en = other = code_bytes = 0
    translated = []
    for kind, same, code, text in rows:
        n = len(text.encode())
        if code:
            code_bytes += n
            continue
        if n < 16:
            continue
        if same or lang == "en":
            en += n
        else:
            other += n
            translated.append(text)
    total = en + other
    if total == 0:
        print(f"{rel}\t?\t?\tno prose (code {code_bytes})")
        continue
    shares = {"en": en / total, lang: other / total}
    primary = max(shares, key=shares.get)
    langs = sorted(l for l, s in shares.items() if s >= 0.15)
    print(f"{rel}\t{primary}\t{','.join(langs)}\ten {en} / {lang} {other} ({100*other/total:.0f}% {lang}), code {code_bytes}")
    if len(sys.argv) > 2:
        for t in sorted(translated, key=len, reverse=True)[:2]:
            print("      | " + t[:70])
