#include "indexer/index/index_stats.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "indexer/index/schema.h"

namespace haku::index {
namespace {

// Term frequency of every term under `prefix`, keyed without the prefix.
std::map<std::string, int64_t> CountTerms(const Xapian::Database& db, std::string_view prefix) {
  std::map<std::string, int64_t> counts;
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    counts[(*it).substr(p.size())] = it.get_termfreq();
  }
  return counts;
}

// Documents per distinct value in `slot`; documents without one are "".
std::map<std::string, int64_t> CountValues(const Xapian::Database& db, Xapian::valueno slot) {
  std::map<std::string, int64_t> counts;
  int64_t with_value = 0;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    ++counts[*it];
    ++with_value;
  }
  int64_t without = static_cast<int64_t>(db.get_doccount()) - with_value;
  if (without > 0) counts[""] += without;
  return counts;
}

IndexedResource ResourceOf(const std::string& data) {
  IndexedResource r;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return r;
  r.url = j.value("url", "");
  r.state = j.value("state", "");
  r.final_url = j.value("final_url", "");
  std::set<std::string> lists;
  if (j.contains("contexts") && j["contexts"].is_array()) {
    for (const nlohmann::json& c : j["contexts"]) {
      if (c.is_object() && c.contains("list") && c["list"].is_string()) lists.insert(c["list"]);
    }
  }
  r.lists.assign(lists.begin(), lists.end());
  return r;
}

Status OpenError(const std::string& db_path, const Xapian::Error& e) {
  return Status::IOError("cannot read the index " + db_path + ": " + e.get_msg() +
                         ": `haku update --rebuild` writes it anew from the crawl store");
}

bool Exists(const std::string& db_path) {
  std::error_code ec;
  return std::filesystem::exists(db_path, ec);
}

}  // namespace

Result<IndexStats> ReadIndexStats(const std::string& db_path) {
  if (!Exists(db_path)) return Status::NotFound("no index at " + db_path);
  try {
    Xapian::Database db(db_path);
    IndexStats stats;
    stats.documents = db.get_doccount();
    stats.expected_format = kFormatVersion;
    std::string format = db.get_metadata(std::string(kMetaFormat));
    stats.format = format.empty() ? 0 : std::atoi(format.c_str());
    stats.by_language = CountValues(db, kSlotLang);
    stats.by_site = CountValues(db, kSlotHost);
    stats.by_list = CountTerms(db, kListPrefix);
    stats.by_type = CountTerms(db, kTypePrefix);
    stats.by_state = CountTerms(db, kStatePrefix);
    stats.last_update = db.get_metadata(std::string(kMetaLastUpdate));
    return stats;
  } catch (const Xapian::Error& e) {
    return OpenError(db_path, e);
  }
}

Result<std::vector<IndexedResource>> ReadIndexedResources(const std::string& db_path) {
  if (!Exists(db_path)) return Status::NotFound("no index at " + db_path);
  try {
    Xapian::Database db(db_path);
    std::vector<IndexedResource> out;
    out.reserve(db.get_doccount());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      IndexedResource r = ResourceOf(db.get_document(*it).get_data());
      if (!r.url.empty()) out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(),
              [](const IndexedResource& a, const IndexedResource& b) { return a.url < b.url; });
    return out;
  } catch (const Xapian::Error& e) {
    return OpenError(db_path, e);
  }
}

}  // namespace haku::index
