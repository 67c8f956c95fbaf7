#!/usr/bin/env python3
"""Drafts bench/extract/gold.json candidates from make-corpus pages.

Reads the raw HTML only (not haku's output): "with" snippets are sentences
from <p>/<li>/<td> elements inside the page's content area, "without"
snippets come from the header, the side menus, the hidden debug footer and
the related-topics box. The draft was then read and edited by hand; this
script documents how the pages and candidates were chosen.
Usage: draft_gold.py CORPUS_DIR [PER_LANG] > draft.json
"""
import html
import json
import random
import re
import sys

corpus = sys.argv[1]
per_lang = int(sys.argv[2]) if len(sys.argv) > 2 else 22
rows = [l.split("\t") for l in open(f"{corpus}/manifest.tsv", encoding="utf-8").read().splitlines()[1:]]
random.seed(4)
by_lang = {}
for rel, lang, title, size in rows:
    by_lang.setdefault(rel.split("/")[0], []).append((rel, title))


def text(fragment):
    fragment = re.sub(r"<span hidden=\"true\".*?</span></span>", "", fragment, flags=re.S)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"\s+", " ", html.unescape(fragment)).strip()


def draft(rel, title):
    page = open(f"{corpus}/{rel}", encoding="utf-8").read()
    start = page.find('<div id="DisplayArea"')
    end = page.find('<div id="SearchFrame"')
    area = page[start:end]
    related = area.find('class="relatedtopics"')
    body = area if related < 0 else area[:related]
    paras = [text(m) for m in re.findall(r"<p [^>]*class=\"(?:paragraph|listitem|tablecontentintable)\"[^>]*>(.*?)</p>", body, re.S)]
    paras = [p for p in paras if len(p) >= 25]
    if len(paras) < 2:
        return None
    picks = [paras[0], paras[len(paras) // 2], paras[-1]]
    with_ = []
    for p in picks:
        s = p[:80].rsplit(" ", 1)[0] if len(p) > 80 else p
        if s not in with_:
            with_.append(s)
    header = text(re.search(r'<a class="logo"[^>]*>(.*?)</a>', page, re.S).group(1))
    label = text(re.search(r'<label for="accordion-1"[^>]*>(.*?)</label>', page, re.S).group(1))
    without = [header, "Help content debug info", "Title is: " + text(title), "This page is: /text/"]
    if label not in area:
        without.append(label)
    if related >= 0:
        rel_head = re.search(r'<p class="related"[^>]*>(.*?)</p>', area[related:], re.S)
        if rel_head:
            without.append(text(rel_head.group(1)))
    return {"file": rel, "with": with_, "without": without}


gold = {}
for lang in ["en-us", "sv", "fi"]:
    pages = by_lang[lang]
    random.shuffle(pages)
    n = 0
    for rel, title in pages:
        d = draft(rel, title)
        if d:
            gold[rel] = d
            n += 1
        if n == per_lang:
            break
json.dump(gold, sys.stdout, ensure_ascii=False, indent=1)
