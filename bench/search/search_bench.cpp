// bench/search/search_bench -- builds a haku index from make-corpus pages
// and measures Searcher latency in process. Not a test: prints figures.
//
//   search_bench index CORPUS_DIR INDEX_DIR
//       one document per page of CORPUS_DIR/manifest.tsv (title, text with
//       tags, scripts and styles crudely removed; list "make-corpus",
//       section = language), written with IndexWriter and published.
//   search_bench latency INDEX_DIR QUERIES_FILE [ROUNDS]
//       every query (one a line), ROUNDS times, through one Searcher:
//       p50/p95/p99/mean per query, with snippets and without.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/index/index_dir.h"
#include "indexer/index/index_writer.h"
#include "searcher/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Decode(std::string_view entity) {
  if (entity == "amp") return "&";
  if (entity == "lt") return "<";
  if (entity == "gt") return ">";
  if (entity == "quot") return "\"";
  if (entity == "nbsp") return " ";
  return " ";
}

// Tags removed (script and style with their content), a few entities
// decoded, blocks split at block-level tags.
std::vector<std::string> TextBlocks(const std::string& html, std::string& title) {
  std::vector<std::string> blocks;
  std::string cur;
  size_t i = 0;
  auto flush = [&] {
    if (cur.find_first_not_of(" \n\t") != std::string::npos) blocks.push_back(cur);
    cur.clear();
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t close = html.find('>', i);
      if (close == std::string::npos) break;
      std::string tag = html.substr(i + 1, std::min<size_t>(close - i - 1, 10));
      for (char& t : tag) t = static_cast<char>(std::tolower(static_cast<unsigned char>(t)));
      for (const char* skip : {"script", "style", "title"}) {
        if (tag.rfind(skip, 0) == 0) {
          size_t end = html.find(std::string("</") + skip, close);
          if (end == std::string::npos) end = html.size();
          if (std::string(skip) == "title") title = html.substr(close + 1, end - close - 1);
          close = html.find('>', end);
          if (close == std::string::npos) close = html.size() - 1;
          break;
        }
      }
      if (tag[0] == 'p' || tag[0] == 'h' || tag.rfind("div", 0) == 0 || tag.rfind("li", 0) == 0 ||
          tag.rfind("/p", 0) == 0 || tag.rfind("br", 0) == 0 || tag.rfind("td", 0) == 0) {
        flush();
      } else {
        cur += ' ';
      }
      i = close + 1;
    } else if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string::npos && semi - i < 8) {
        cur += Decode(std::string_view(html).substr(i + 1, semi - i - 1));
        i = semi + 1;
      } else {
        cur += c;
        ++i;
      }
    } else {
      cur += c;
      ++i;
    }
  }
  flush();
  return blocks;
}

std::string Fnv(const std::vector<std::string>& blocks) {
  uint64_t h = 1469598103934665603ull;
  for (const std::string& b : blocks) {
    for (unsigned char c : b) {
      h ^= c;
      h *= 1099511628211ull;
    }
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

int Index(const std::string& corpus, const std::string& dir) {
  std::ifstream manifest(corpus + "/manifest.tsv");
  std::string line;
  std::getline(manifest, line);  // header
  if (!haku::index::EnsureDir(dir).ok()) return 2;
  haku::Result<std::string> db = haku::index::NewDbPath(dir);
  if (!db.ok()) return 2;
  auto writer = haku::index::IndexWriter::Open(*db, true);
  if (!writer.ok()) {
    std::fprintf(stderr, "%s\n", writer.status().ToString().c_str());
    return 2;
  }
  auto start = Clock::now();
  int pages = 0;
  while (std::getline(manifest, line)) {
    std::string relpath = line.substr(0, line.find('\t'));
    std::string lang = relpath.substr(0, relpath.find('/'));
    haku::index::IndexDocument doc;
    doc.url = "https://help.example/" + relpath;
    std::string title;
    for (std::string& b : TextBlocks(ReadAll(corpus + "/" + relpath), title)) {
      doc.blocks.push_back({std::move(b), false});
    }
    doc.title = title;
    doc.contexts.push_back({.list = "make-corpus", .sections = {lang}, .link_text = title,
                            .description = "", .line = 0, .list_lang = ""});
    doc.fetch_state = "ok";
    doc.content_type = "html";
    doc.final_url = doc.url;
    std::vector<std::string> texts;
    for (const auto& b : doc.blocks) texts.push_back(b.text);
    doc.content_hash = Fnv(texts);
    if (!(*writer)->Put(doc).ok()) return 2;
    ++pages;
  }
  if (!(*writer)->Commit().ok()) return 2;
  writer->reset();
  if (!haku::index::Publish(dir, *db).ok()) return 2;
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("indexed %d pages in %.1f s (%.0f pages/s)\n", pages, s, pages / s);
  return 0;
}

double Pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * (v.size() - 1) + 0.5));
  return v[i];
}

void Report(const char* what, const std::vector<double>& ms) {
  double sum = 0;
  for (double m : ms) sum += m;
  std::printf("%-28s n=%zu  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  mean %.2f ms  max %.2f ms\n",
              what, ms.size(), Pct(ms, 50), Pct(ms, 95), Pct(ms, 99), sum / ms.size(),
              *std::max_element(ms.begin(), ms.end()));
}

// The queries slowest even at their fastest round: the tail that is the
// query's, not the machine's.
void ReportSlowest(const std::vector<std::string>& queries, const std::vector<double>& fastest) {
  std::vector<size_t> order(queries.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  size_t n = std::min<size_t>(5, order.size());
  std::partial_sort(order.begin(), order.begin() + n, order.end(),
                    [&](size_t a, size_t b) { return fastest[a] > fastest[b]; });
  std::printf("  slowest:");
  for (size_t k = 0; k < n; ++k) {
    std::printf(" %.1f ms '%s'%s", fastest[order[k]], queries[order[k]].c_str(), k + 1 < n ? "," : "\n");
  }
}

int Latency(const std::string& dir, const std::string& queries_file, int rounds) {
  auto searcher = haku::search::Searcher::Open(dir);
  if (!searcher.ok()) {
    std::fprintf(stderr, "%s\n", searcher.status().ToString().c_str());
    return 2;
  }
  std::vector<std::string> queries;
  std::ifstream in(queries_file);
  for (std::string q; std::getline(in, q);) {
    if (!q.empty()) queries.push_back(q);
  }
  if (queries.empty()) return 2;
  for (bool snippets : {true, false}) {
    std::vector<double> ms;
    std::vector<double> fastest(queries.size(), 1e9);  // per query, over the rounds
    long hits = 0;
    for (int r = 0; r < rounds; ++r) {
      for (size_t i = 0; i < queries.size(); ++i) {
        haku::search::SearchRequest req;
        req.query = queries[i];
        req.snippets = snippets;
        auto t0 = Clock::now();
        auto res = (*searcher)->Search(req);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        fastest[i] = std::min(fastest[i], ms.back());
        if (res.ok()) hits += static_cast<long>(res->hits.size());
      }
    }
    Report(snippets ? "in process, snippets" : "in process, no snippets", ms);
    std::printf("  (%ld hits shown over %d rounds)\n", hits, rounds);
    ReportSlowest(queries, fastest);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "index") return Index(args[1], args[2]);
  if (args.size() >= 3 && args[0] == "latency") {
    return Latency(args[1], args[2], args.size() > 3 ? std::stoi(args[3]) : 3);
  }
  std::fprintf(stderr, "usage: search_bench index CORPUS INDEX | latency INDEX QUERIES [ROUNDS]\n");
  return 2;
}
