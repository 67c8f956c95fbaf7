// bench/search/match_probe -- what the match of each query costs and
// returns, through a Searcher as `haku search` runs it (no snippets, no
// spelling). Not a test: prints figures, for comparing query shapes.
//
//   match_probe INDEX_DIR QUERIES_TSV [--lang] [ROUNDS]
//       QUERIES_TSV as ../shared/bench/queries-dev.tsv (header; column 2
//       the language, column 4 the query). --lang searches each query
//       under its language filter, as bench/relevance/run does. Prints a
//       line per query: its best time of ROUNDS (default 1) in ms, the
//       query, and the URLs of its top 10 (tab-separated); the total
//       time on stderr. Under callgrind, count the match alone with
//       --toggle-collect='Xapian::Enquire::get_mset*'.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace {

struct Query {
  std::string lang;
  std::string text;
};

std::vector<Query> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  std::vector<Query> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() >= 4) out.push_back({cols[1], cols[3]});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: match_probe INDEX_DIR QUERIES_TSV [--lang] [ROUNDS]\n");
    return 2;
  }
  bool by_lang = false;
  int rounds = 1;
  for (int i = 3; i < argc; ++i) {
    if (std::string(argv[i]) == "--lang") {
      by_lang = true;
    } else {
      rounds = std::max(1, std::atoi(argv[i]));
    }
  }
  auto searcher = haku::search::Searcher::Open(argv[1]);
  if (!searcher.ok()) {
    std::fprintf(stderr, "%s\n", searcher.status().ToString().c_str());
    return 1;
  }
  double total = 0;
  for (const Query& q : ReadQueries(argv[2])) {
    haku::search::SearchRequest request;
    request.query = q.text;
    if (by_lang) request.langs = {q.lang};
    request.snippets = false;
    request.spelling = false;
    double best = 1e300;
    std::string urls;
    for (int r = 0; r < rounds; ++r) {
      auto start = std::chrono::steady_clock::now();
      auto results = (*searcher)->Search(request);
      std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
      best = std::min(best, took.count());
      if (!results.ok()) {
        std::fprintf(stderr, "%s: %s\n", q.text.c_str(), results.status().ToString().c_str());
        break;
      }
      urls.clear();
      for (const auto& hit : results->hits) urls += "\t" + hit.url;
    }
    total += best;
    std::printf("%.3f\t%s%s\n", best, q.text.c_str(), urls.c_str());
  }
  std::fprintf(stderr, "total %.1f ms\n", total);
  return 0;
}
