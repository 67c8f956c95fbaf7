#include "searcher/result_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

namespace haku::search {
namespace {

using nlohmann::json;

constexpr const char* kPathSeparator = " › ";

std::string PlacePath(const ListPlace& p, bool with_list) {
  std::string out = with_list ? p.list : "";
  for (const std::string& s : p.sections) {
    if (!out.empty()) out += kPathSeparator;
    out += s;
  }
  return out;
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The snippet with each highlight wrapped in open/close; `escape` applies
// to the text between them.
template <typename Escape>
std::string Marked(const SearchHit& hit, std::string_view open, std::string_view close,
                   Escape escape) {
  std::string out;
  size_t cursor = 0;
  for (auto [b, e] : hit.highlights) {
    if (b < cursor || e > hit.snippet.size()) continue;
    out += escape(std::string_view(hit.snippet).substr(cursor, b - cursor));
    out += open;
    out += escape(std::string_view(hit.snippet).substr(b, e - b));
    out += close;
    cursor = e;
  }
  out += escape(std::string_view(hit.snippet).substr(cursor));
  return out;
}

std::string NoTabs(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

std::string FormatJson(const SearchResults& results) {
  json out;
  out["query"] = results.query;
  out["total"] = results.total;
  json hits = json::array();
  for (const SearchHit& h : results.hits) {
    std::set<std::string> lists;
    json sections = json::array();
    for (const ListPlace& p : h.places) {
      lists.insert(p.list);
      sections.push_back(PlacePath(p, false));
    }
    hits.push_back({{"rank", h.rank},
                    {"url", h.url},
                    {"title", h.title},
                    {"lang", h.lang},
                    {"langs", h.langs},
                    {"lists", std::vector<std::string>(lists.begin(), lists.end())},
                    {"sections", sections},
                    {"snippet", h.snippet},
                    {"snippet_html", Marked(h, "<mark>", "</mark>", EscapeHtml)},
                    {"score", h.score},
                    {"type", h.type},
                    {"state", h.state},
                    {"duplicates", h.duplicates}});
  }
  out["results"] = hits;
  if (!results.suggestion.empty()) out["suggestion"] = results.suggestion;
  if (!results.note.empty()) out["note"] = results.note;
  if (!results.facets.empty()) out["facets"] = results.facets;
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string FormatHuman(const SearchResults& results, const HumanStyle& style) {
  const char* bold = style.color ? "\033[1m" : "";
  const char* dim = style.color ? "\033[2m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  auto plain = [](std::string_view s) { return std::string(s); };
  std::string out;
  if (!results.suggestion.empty()) out += "Did you mean: " + results.suggestion + "\n\n";
  for (const SearchHit& h : results.hits) {
    char rank[16];
    std::snprintf(rank, sizeof rank, "%2d. ", h.rank);
    out += rank;
    out += std::string(bold) + h.title + reset + "  [" + h.lang + "]";
    if (h.state != "ok" && h.state != "not_fetched") out += "  (link: " + h.state + ")";
    out += "\n    " + std::string(dim) + h.url + reset + "\n";
    for (const std::string& d : h.duplicates) out += "    " + std::string(dim) + "= " + d + reset + "\n";
    for (const ListPlace& p : h.places) out += "    " + PlacePath(p, true) + "\n";
    if (!h.snippet.empty()) {
      out += "    " + (style.color ? Marked(h, bold, reset, plain) : h.snippet) + "\n";
    }
  }
  return out;
}

std::string Format(const SearchResults& results, OutputFormat format, const HumanStyle& style) {
  switch (format) {
    case OutputFormat::kJson:
      return FormatJson(results);
    case OutputFormat::kTsv:
      return FormatTsv(results);
    case OutputFormat::kHuman:
      break;
  }
  std::string out = FormatHuman(results, style);
  if (!results.facets.empty()) out += "\n" + FormatFacets(results);
  return out;
}

std::string FormatFacets(const SearchResults& results) {
  std::string out;
  for (const auto& [facet, counts] : results.facets) {
    std::vector<std::pair<int, std::string>> by_count;
    for (const auto& [value, count] : counts) by_count.emplace_back(-count, value);
    std::sort(by_count.begin(), by_count.end());
    out += facet + ":";
    for (size_t i = 0; i < by_count.size(); ++i) {
      out += (i ? ", " : " ") + by_count[i].second + " " + std::to_string(-by_count[i].first);
    }
    out += "\n";
  }
  return out;
}

std::string FormatTsv(const SearchResults& results) {
  std::string out;
  for (const SearchHit& h : results.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    out += std::to_string(h.rank) + "\t" + score + "\t" + h.lang + "\t" + NoTabs(h.url) + "\t" +
           NoTabs(h.title) + "\n";
  }
  return out;
}

}  // namespace haku::search
