// searcher/doc_data.h -- what a document's data says: the JSON object that
// IndexWriter stores with each page (indexer/index/document_builder.cpp),
// read for the fields a search result shows.
//
// A reader of this one shape, not a JSON library's tree: nlohmann's parse
// into a tree of std::maps cost ~45,000 instructions a document (~8% of
// the dev queries' instructions at 85k pages); this costs ~9,000. It
// accepts what nlohmann::json::parse accepts (strict RFC 8259: UTF-8
// checked, control characters escaped, nothing after the object; a byte
// order mark skipped) and keeps the last of repeated keys, as nlohmann
// does; unlike it, it does not range-check numbers (it skips them) and
// refuses nesting deeper than 64. Unknown keys are skipped. A plain
// function; thread-safe.
#ifndef HAKU_SEARCHER_DOC_DATA_H_
#define HAKU_SEARCHER_DOC_DATA_H_

#include <string>
#include <string_view>
#include <vector>

namespace haku::search {

// One list entry of the page (the JSON "contexts" array).
struct DocContext {
  std::string list;
  std::vector<std::string> sections;
  std::string link_text;
  std::string description;
};

// Each field is the key's value, or the default here when the key is absent.
struct DocData {
  std::string url;
  std::string final_url;
  std::string title;
  std::string description;
  std::string lang = "und";  // analysis::kUndetermined
  std::vector<std::string> langs;
  std::string type = "none";
  std::string state = "not_fetched";
  std::vector<DocContext> contexts;
};

enum class DocDataStatus {
  kOk,
  kMalformed,  // not JSON, or not an object: read as all defaults
  kWrongType,  // a known key holds another type (a string that is a number,
               // "contexts" that is not an array of objects, ...): the
               // document is corrupt (nlohmann's value() threw for it)
};

// Fills `data` (left at its defaults unless kOk) from `json`.
DocDataStatus ParseDocData(std::string_view json, DocData& data);

}  // namespace haku::search

#endif  // HAKU_SEARCHER_DOC_DATA_H_
