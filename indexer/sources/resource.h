// indexer/sources/resource.h -- what a resource list says about a URL.
#ifndef HAKU_INDEXER_SOURCES_RESOURCE_H_
#define HAKU_INDEXER_SOURCES_RESOURCE_H_

#include <string>
#include <vector>

namespace haku::sources {

// One link as it stands in one list.
struct ResourceEntry {
  std::string url;          // normalised (url_normalize.h)
  std::string link_text;    // the link's text; for a bare URL, the words before it
  std::string description;  // the rest of its list item, paragraph or line
  std::vector<std::string> headings;  // section path, outermost first
  std::string list_name;    // the list's name (file stem, e.g. "public-medical-datasets")
  int line = 0;             // 1-based line in the list file
};

// A resource: one normalised URL with every place it is listed.
struct Resource {
  std::string url;
  std::vector<ResourceEntry> entries;  // in list order; at least one
};

}  // namespace haku::sources

#endif  // HAKU_INDEXER_SOURCES_RESOURCE_H_
