// indexer/crawler/page_record.cpp -- the store row for a finished fetch.
#include "indexer/crawler/page_record_internal.h"
#include "indexer/crawler/sha256.h"

namespace haku::crawler {
namespace {

// Body, content metadata and validators of `from` onto `to`.
void CopyContent(const StoredPage& from, StoredPage& to) {
  to.content_type = from.content_type;
  to.charset = from.charset;
  to.content_language = from.content_language;
  to.etag = from.etag;
  to.last_modified = from.last_modified;
  to.content_hash = from.content_hash;
  to.body = from.body;
}

void TakeResponse(const HopResponse& r, StoredPage& page) {
  page.content_type = r.content_type;
  page.charset = r.charset;
  page.content_language = r.content_language;
  page.etag = r.etag;
  page.last_modified = r.last_modified;
  page.body = r.body;
  page.content_hash = Sha256Hex(page.body);
}

}  // namespace

StoredPage MakeRecord(const FetchPath& path, const HopOutcome& outcome,
                      const HopResponse* response,
                      const std::optional<StoredPage>& previous,
                      int64_t now_unix) {
  StoredPage page;
  page.url = path.url;
  page.state = outcome.state;
  page.http_status = response ? static_cast<int>(response->http_status) : 0;
  page.final_url = path.final_url;
  page.redirects = path.redirects;
  page.permanent_redirect = !path.redirects.empty() && path.all_permanent;
  page.fetched_at = now_unix;
  page.error = outcome.error;
  page.depth = path.depth;
  page.parent_url = path.parent_url;
  bool fresh_body = outcome.state == FetchState::kOk && response &&
                    response->http_status != 304;
  if (fresh_body) {
    TakeResponse(*response, page);
  } else if (previous) {
    CopyContent(*previous, page);
    if (outcome.state == FetchState::kOk && response) {
      if (!response->etag.empty()) page.etag = response->etag;
      if (!response->last_modified.empty()) {
        page.last_modified = response->last_modified;
      }
    }
  }
  return page;
}

}  // namespace haku::crawler
