// bench/extract/extract_bench.cpp -- extraction throughput, template leak
// and gold-set quality over the make-corpus pages, in one run.
//
//   extract_bench run CORPUS_DIR GOLD_JSON FIXTURE_DIR [ROUNDS]
//   extract_bench dump FILE [URL] [CONTENT_TYPE]
//
// Throughput: every page is read into memory first; then, ROUNDS times
// (default 3) in alternation, a Gumbo parse-only pass (parse, count text
// bytes outside head/script/style, free) and an Extract() pass over the
// same bytes. Medians are printed with their ratio.
// Template leak: an independent naive split of each page (every block-level
// element's text, nothing dropped) finds the lines that repeat on at least
// 30% of the pages: the shared template text. The leak is the share of
// those lines' bytes (over all their occurrences) that ends up in `blocks`
// after TemplateFilter.
// Quality: gold.json in trafilatura's evaluation format ("with" snippets
// must appear in the main text, "without" snippets must not); precision,
// recall and F1 over all snippets.
#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/file_util.h"
#include "indexer/extractor/block_text.h"
#include "indexer/extractor/extractor.h"
#include "indexer/extractor/template_filter.h"

namespace {

namespace ex = haku::extractor;
using Clock = std::chrono::steady_clock;

constexpr const char* kSiteBase = "https://help.libreoffice.org/7.4/";
constexpr const char* kHost = "help.libreoffice.org";
constexpr double kTemplateShare = 0.3;

struct Page {
  std::string relpath;
  std::string html;
  ex::ExtractedPage extracted;
};

std::vector<std::string> ReadManifest(const std::string& corpus) {
  std::ifstream in(corpus + "/manifest.tsv");
  std::vector<std::string> rel;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) rel.push_back(line.substr(0, line.find('\t')));
  return rel;
}

// Gumbo parse-only, as in ANCHORS.md: text bytes outside head/script/style.
size_t ParseOnly(const std::string& html) {
  GumboOutput* out = gumbo_parse(html.c_str());
  size_t bytes = 0;
  std::vector<const GumboNode*> stack{out->root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT) bytes += std::strlen(n->v.text.text);
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SCRIPT ||
        tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) {
      continue;
    }
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(n->v.element.children.data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return bytes;
}

bool IsBlockish(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_PRE:
    case GUMBO_TAG_BR: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SECTION:
      return true;
    default:
      return false;
  }
}

// Every block-level text of the body, nothing dropped but script/style.
std::vector<std::string> NaiveLines(const std::string& html) {
  GumboOutput* out = gumbo_parse(html.c_str());
  std::vector<std::string> lines;
  std::string cur;
  auto flush = [&] {
    ex::TrimTrailingSpace(cur);
    if (!cur.empty()) lines.push_back(cur);
    cur.clear();
  };
  // (node, exit marker)
  std::vector<std::pair<const GumboNode*, bool>> stack{{out->root, false}};
  while (!stack.empty()) {
    auto [n, exit] = stack.back();
    stack.pop_back();
    if (exit) {
      flush();
      continue;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
      ex::AppendCollapsed(n->v.text.text, cur);
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SCRIPT ||
        tag == GUMBO_TAG_STYLE) {
      continue;
    }
    bool block = IsBlockish(tag);
    if (block) {
      flush();
      stack.push_back({n, true});
    }
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = ch.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(ch.data[i]), false});
    }
  }
  flush();
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return lines;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

ex::ExtractedPage ExtractCorpusPage(const Page& p) {
  std::string url = std::string(kSiteBase) + p.relpath;
  ex::RawPage raw{url, "text/html", "", "", p.html};
  return ex::Extract(raw);
}

std::string Body(const ex::ExtractedPage& page) {
  std::string body;
  for (const ex::Block& b : page.blocks) body += b.text + "\n";
  return body;
}

struct Scores {
  int tp = 0, fn = 0, fp = 0, tn = 0;
};

// Whitespace-normalised substring test.
bool Contains(const std::string& body, const std::string& snippet) {
  std::string needle = ex::CollapseWhitespace(snippet);
  std::string hay;
  ex::AppendCollapsed(body, hay);
  return hay.find(needle) != std::string::npos;
}

void Score(const std::string& name, const std::string& body,
           const nlohmann::json& entry, Scores* s, bool verbose) {
  for (const auto& w : entry.value("with", nlohmann::json::array())) {
    bool ok = Contains(body, w.get<std::string>());
    (ok ? s->tp : s->fn)++;
    if (!ok && verbose) std::printf("  MISSING  %s: %s\n", name.c_str(), w.get<std::string>().c_str());
  }
  for (const auto& w : entry.value("without", nlohmann::json::array())) {
    bool bad = Contains(body, w.get<std::string>());
    (bad ? s->fp : s->tn)++;
    if (bad && verbose) std::printf("  LEAKED   %s: %s\n", name.c_str(), w.get<std::string>().c_str());
  }
}

int Dump(int argc, char** argv) {
  auto data = haku::ReadFile(argv[2]);
  if (!data.ok()) {
    std::fprintf(stderr, "%s\n", data.status().ToString().c_str());
    return 1;
  }
  std::string url = argc > 3 ? argv[3] : "https://example.org/page.html";
  std::string type = argc > 4 ? argv[4] : "";
  ex::RawPage raw{url, type, "", "", *data};
  ex::ExtractedPage p = ex::Extract(raw);
  std::printf("type: %s %s\ntitle: %s\ndescription: %s\nlang: %s\ncharset: %s\n"
              "canonical: %s\nmodified: %s\nlinks: %zu\n",
              ex::TypeName(p.type), p.reason.c_str(), p.title.c_str(),
              p.description.c_str(), p.lang_hint.c_str(), p.charset.c_str(),
              p.canonical_url.c_str(), p.modified.c_str(), p.links.size());
  for (const auto& h : p.headings) std::printf("h%d: %s\n", h.level, h.text.c_str());
  for (const auto& b : p.blocks) std::printf("B%d| %s\n", static_cast<int>(b.kind), b.text.c_str());
  for (const auto& b : p.boilerplate) std::printf("-%d| %s\n", static_cast<int>(b.kind), b.text.c_str());
  return 0;
}

int Run(int argc, char** argv) {
  std::string corpus = argv[2], gold_path = argv[3], fixtures = argv[4];
  int rounds = argc > 5 ? std::max(1, std::atoi(argv[5])) : 3;
  bool verbose = std::getenv("VERBOSE") != nullptr;
  std::vector<Page> pages;
  size_t total_bytes = 0;
  for (const std::string& rel : ReadManifest(corpus)) {
    auto data = haku::ReadFile(corpus + "/" + rel);
    if (!data.ok()) continue;
    total_bytes += data->size();
    pages.push_back({rel, std::move(data).value(), {}});
  }
  if (pages.empty()) {
    std::fprintf(stderr, "no pages under %s\n", corpus.c_str());
    return 1;
  }
  double mb = static_cast<double>(total_bytes) / 1e6;
  std::printf("corpus: %zu pages, %.1f MB of HTML (%s)\n", pages.size(), mb,
              corpus.c_str());

  // 1. Throughput, alternating passes.
  std::vector<double> parse_s, extract_s;
  size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    for (Page& p : pages) p.extracted = {};  // free the last round untimed
    auto t0 = Clock::now();
    for (const Page& p : pages) sink += ParseOnly(p.html);
    auto t1 = Clock::now();
    for (Page& p : pages) p.extracted = ExtractCorpusPage(p);
    auto t2 = Clock::now();
    parse_s.push_back(std::chrono::duration<double>(t1 - t0).count());
    extract_s.push_back(std::chrono::duration<double>(t2 - t1).count());
  }
  double ps = Median(parse_s), es = Median(extract_s);
  double n = static_cast<double>(pages.size());
  std::printf("\n== throughput (median of %d rounds, one core, files in memory)\n", rounds);
  std::printf("gumbo parse-only : %7.3f s  %7.0f pages/s  %6.1f MB/s\n", ps, n / ps, mb / ps);
  std::printf("haku Extract()   : %7.3f s  %7.0f pages/s  %6.1f MB/s\n", es, n / es, mb / es);
  std::printf("ratio extract/parse-only speed: %.2f (target >= 0.70)\n", ps / es);

  // 2. Site templates.
  auto t3 = Clock::now();
  ex::TemplateFilter filter;
  for (const Page& p : pages) filter.Observe(kHost, p.extracted);
  for (Page& p : pages) filter.Apply(kHost, p.extracted);
  double tf = std::chrono::duration<double>(Clock::now() - t3).count();
  std::printf("template filter (observe + apply): %.3f s\n", tf);

  // 3. Template leak against an independent naive split.
  std::unordered_map<std::string, int> line_pages;
  std::vector<std::vector<std::string>> naive(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    naive[i] = NaiveLines(pages[i].html);
    std::unordered_set<std::string> seen(naive[i].begin(), naive[i].end());
    for (const auto& l : seen) ++line_pages[l];
  }
  std::unordered_set<std::string> shared;
  for (const auto& [line, count] : line_pages) {
    if (count >= kTemplateShare * n) shared.insert(line);
  }
  size_t shared_bytes = 0, leaked_bytes = 0;
  std::unordered_map<std::string, size_t> leaked_lines;
  for (size_t i = 0; i < pages.size(); ++i) {
    for (const auto& l : naive[i]) {
      if (shared.count(l)) shared_bytes += l.size();
    }
    for (const auto& b : pages[i].extracted.blocks) {
      if (shared.count(b.text)) {
        leaked_bytes += b.text.size();
        ++leaked_lines[b.text];
      }
    }
  }
  std::printf("\n== site template text (lines on >= %.0f%% of pages: %zu distinct)\n",
              kTemplateShare * 100, shared.size());
  if (verbose) {
    for (const auto& l : shared) std::printf("  template: %s\n", l.c_str());
  }
  for (const auto& [l, c] : leaked_lines) std::printf("  leaked on %zu pages: %s\n", c, l.c_str());
  std::printf("template bytes in pages: %zu, leaked into bodies: %zu -> leak %.3f%% (target < 1%%)\n",
              shared_bytes, leaked_bytes,
              shared_bytes ? 100.0 * static_cast<double>(leaked_bytes) / static_cast<double>(shared_bytes) : 0.0);
  size_t body_bytes = 0;
  for (const Page& p : pages) body_bytes += Body(p.extracted).size();
  std::printf("main text: %.1f MB (%.1f%% of HTML)\n", static_cast<double>(body_bytes) / 1e6,
              100.0 * static_cast<double>(body_bytes) / static_cast<double>(total_bytes));

  // 4. Gold set.
  std::ifstream gin(gold_path);
  nlohmann::json gold = nlohmann::json::parse(gin, nullptr, false);
  if (gold.is_discarded()) {
    std::fprintf(stderr, "cannot parse %s\n", gold_path.c_str());
    return 1;
  }
  std::unordered_map<std::string, const Page*> by_rel;
  for (const Page& p : pages) by_rel[p.relpath] = &p;
  Scores s;
  int corpus_pages = 0, fixture_pages = 0, missing = 0;
  std::unordered_map<std::string, int> langs;
  for (const auto& [name, entry] : gold.items()) {
    std::string file = entry.value("file", name);
    std::string body;
    if (entry.value("source", "corpus") == "fixture") {
      auto data = haku::ReadFile(fixtures + "/" + file);
      if (!data.ok()) {
        ++missing;
        continue;
      }
      std::string url = "https://example.org/" + file;
      ex::RawPage raw{url, entry.value("content_type", "text/html"), "", "", *data};
      body = Body(ex::Extract(raw));
      ++fixture_pages;
    } else {
      auto it = by_rel.find(file);
      if (it == by_rel.end()) {
        ++missing;
        continue;
      }
      body = Body(it->second->extracted);
      ++corpus_pages;
      ++langs[file.substr(0, file.find('/'))];
    }
    Score(name, body, entry, &s, true);
  }
  double precision = s.tp + s.fp ? static_cast<double>(s.tp) / (s.tp + s.fp) : 0;
  double recall = s.tp + s.fn ? static_cast<double>(s.tp) / (s.tp + s.fn) : 0;
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  std::printf("\n== gold set %s: %d corpus pages (", gold_path.c_str(), corpus_pages);
  for (const auto& [l, c] : langs) std::printf("%s %d ", l.c_str(), c);
  std::printf("), %d fixture pages, %d not found\n", fixture_pages, missing);
  std::printf("snippets: with %d (found %d), without %d (leaked %d)\n", s.tp + s.fn, s.tp,
              s.fp + s.tn, s.fp);
  std::printf("precision %.3f  recall %.3f  F1 %.3f (target >= 0.92)\n", precision, recall, f1);
  return sink == 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "dump" && argc >= 3) return Dump(argc, argv);
  if (mode == "run" && argc >= 5) return Run(argc, argv);
  std::fprintf(stderr,
               "usage: extract_bench run CORPUS GOLD_JSON FIXTURE_DIR [ROUNDS]\n"
               "       extract_bench dump FILE [URL] [CONTENT_TYPE]\n");
  return 2;
}
