#include "indexer/pipeline/update.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "analysis/dictionary_lexicon.h"
#include "analysis/language_id.h"
#include "analysis/lexicon_memo.h"
#include "common/memory.h"
#include "common/thread_priority.h"
#include "indexer/extractor/extracted_page_codec.h"
#include "indexer/extractor/template_filter.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/schema.h"
#include "indexer/pipeline/page_text.h"
#include "indexer/sources/list_parser.h"
#include "indexer/sources/url_normalize.h"

namespace haku::pipeline {
namespace {

// See Update(): documents changed in place, as a share of those indexed,
// after which the database is compacted again (~3 s at 85k pages).
constexpr double kCompactAfterShare = 0.1;

// Holds an exclusive flock on `dir`/update.lock for the update's lifetime.
// The kernel drops the lock when the process dies, so a crashed update
// leaves nothing to clean up.
class UpdateLock {
 public:
  static Result<std::unique_ptr<UpdateLock>> Acquire(const std::string& dir) {
    std::string path = dir + "/update.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IOError(path + ": cannot open lock file");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      char buf[64] = {0};
      ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
      ::close(fd);
      std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "unknown";
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      return Status::Busy("another update is running on " + dir + " (pid " + holder + ")");
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    // The pid is for the message above only; the flock is what excludes.
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
      pid.clear();
    }
    return std::unique_ptr<UpdateLock>(new UpdateLock(fd));
  }
  ~UpdateLock() { ::close(fd_); }

 private:
  explicit UpdateLock(int fd) : fd_(fd) {}
  int fd_;
};

// For crash tests: with HAKU_DEBUG_HOLD=<phase> in the environment, the
// update announces that it reached <phase> (fetch, index, commit, publish) by
// creating <index_dir>/hold.<phase> and then waits there up to a minute, so
// a test can kill it at that exact point.
void DebugHold(const std::string& index_dir, std::string_view phase) {
  const char* hold = std::getenv("HAKU_DEBUG_HOLD");
  if (hold == nullptr || phase != hold) return;
  std::string marker = index_dir + "/hold." + std::string(phase);
  int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
  for (int i = 0; i < 600; ++i) ::usleep(100 * 1000);
}

bool IsUrl(std::string_view source) {
  return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0;
}

struct ParsedSources {
  std::vector<sources::Resource> resources;
  std::map<std::string, std::string> list_langs;  // list name -> language
  int lists = 0;
  int entries = 0;
  int warnings = 0;
};

// A list given as a URL is fetched through the crawler (and kept in the
// store like any page), then parsed with its final URL as base.
Result<sources::ParsedList> LoadRemoteList(const std::string& source, const UpdateOptions& options,
                                           crawler::CrawlStore& store) {
  Result<std::string> url = sources::NormalizeUrl(source);
  if (!url.ok()) return url.status();
  if (options.fetch && !options.rebuild) {
    crawler::CrawlOptions crawl = options.crawl;
    crawl.depth = 0;
    crawl.progress = false;
    crawl.extract_links = nullptr;
    Result<crawler::CrawlSummary> fetched = crawler::Crawl({url.value()}, store, crawl);
    if (!fetched.ok()) return fetched.status();
  }
  Result<std::optional<crawler::StoredPage>> page = store.Get(url.value());
  if (!page.ok()) return page.status();
  if (!page.value() || page.value()->state != crawler::FetchState::kOk) {
    std::string why = page.value() ? page.value()->error : "never fetched";
    return Status::IOError(source + ": cannot fetch list: " + (why.empty() ? "failed" : why));
  }
  const crawler::StoredPage& p = *page.value();
  std::string base = p.final_url.empty() ? p.url : p.final_url;
  sources::ListFormat format = p.content_type == "text/html" || p.content_type == "application/xhtml+xml"
                                   ? sources::ListFormat::kHtml
                                   : sources::GuessFormat(base, p.body);
  return sources::ParseList(p.body, format, sources::ListNameFor(base), source, base);
}

Result<ParsedSources> ParseSources(const UpdateOptions& options, crawler::CrawlStore& store) {
  ParsedSources out;
  std::vector<sources::ResourceEntry> all;
  for (const std::string& source : options.sources) {
    Result<sources::ParsedList> list =
        IsUrl(source) ? LoadRemoteList(source, options, store) : sources::ParseListFile(source);
    if (!list.ok()) return list.status();
    for (const std::string& w : list->warnings) {
      if (options.warn) options.warn(w);
      ++out.warnings;
    }
    std::string text = list->title + "\n";
    for (const sources::ResourceEntry& e : list->entries) {
      if (text.size() > 64 * 1024) break;
      text += e.link_text + ". " + e.description + "\n";
    }
    out.list_langs[list->name] = analysis::IdentifyLanguage(text).lang;
    out.entries += static_cast<int>(list->entries.size());
    all.insert(all.end(), list->entries.begin(), list->entries.end());
    ++out.lists;
  }
  out.resources = sources::MergeEntries(all);
  return out;
}

std::vector<index::ListContext> ContextsOf(const sources::Resource& r,
                                           const std::map<std::string, std::string>& list_langs) {
  std::vector<index::ListContext> contexts;
  for (const sources::ResourceEntry& e : r.entries) {
    index::ListContext c;
    c.list = e.list_name;
    c.sections = e.headings;
    c.link_text = e.link_text;
    c.description = e.description;
    c.line = e.line;
    auto it = list_langs.find(e.list_name);
    if (it != list_langs.end()) c.list_lang = it->second;
    contexts.push_back(std::move(c));
  }
  return contexts;
}

// Pages found by depth crawling whose chain of parents leads to a listed
// resource, mapped to that resource. Pages reached only through resources
// no longer listed are left out, and so leave the index.
Result<std::map<std::string, std::string>> DiscoveredPages(crawler::CrawlStore& store,
                                                           const std::set<std::string>& listed) {
  std::map<std::string, std::string> parent;
  Result<std::vector<std::string>> urls = store.Urls();
  if (!urls.ok()) return urls.status();
  for (const std::string& url : urls.value()) {
    if (listed.count(url)) continue;
    Result<std::optional<crawler::StoredPage>> meta = store.GetMeta(url);
    if (!meta.ok()) return meta.status();
    // A page found by following links is indexed only when it has a body:
    // unlike a listed resource, it has no list text to stand for it.
    if (meta.value() && meta.value()->depth > 0 && !meta.value()->parent_url.empty() &&
        meta.value()->state == crawler::FetchState::kOk) {
      parent[url] = meta.value()->parent_url;
    }
  }
  std::map<std::string, std::string> root_of;
  for (const auto& [url, first_parent] : parent) {
    std::string at = first_parent;
    for (int hops = 0; hops < 64 && !listed.count(at); ++hops) {
      auto it = parent.find(at);
      if (it == parent.end()) break;
      at = it->second;
    }
    if (listed.count(at)) root_of[url] = at;
  }
  return root_of;
}

// One document to write: its URL and list context; the page comes from the store.
struct PendingDoc {
  std::string url;
  std::vector<index::ListContext> contexts;
  bool listed = true;
};

// Writes the documents of one host at a time. Site templates are learnt
// from a sample of the host's pages (a template repeats on most pages, so a
// sample finds it), then every page is extracted once, without its
// templates, in chunks: rows are read on this thread (SQLite), extracted and
// analysed on all cores, and written in order.
class DocumentWriter {
 public:
  DocumentWriter(crawler::CrawlStore& store, index::IndexWriter& writer, UpdateSummary& summary,
                 const UpdateOptions& options)
      : store_(store), writer_(writer), summary_(summary), options_(options),
        threads_(std::max(1u, std::thread::hardware_concurrency())) {}

  Status WriteHost(const std::string& host, const std::vector<const PendingDoc*>& docs) {
    extractor::TemplateFilter templates;
    bool learnt = false;
    for (size_t begin = 0, end = 0; begin < docs.size(); begin = end) {
      // The last chunks are smaller: Xapian writes the last one on one
      // core, after the analysis is done.
      end = std::min(docs.size(), begin + (docs.size() - begin > 2 * kChunk ? kChunk : kChunk / 4));
      // What the signatures need comes from the rows' metadata: no body is
      // read, nothing extracted, for documents that did not change.
      std::vector<index::IndexDocument> batch;
      std::vector<crawler::StoredPage> metas;
      for (size_t i = begin; i < end; ++i) {
        Result<crawler::StoredPage> meta = Row(docs[i]->url, /*with_body=*/false);
        if (!meta.ok()) return meta.status();
        Report(*docs[i], meta.value());
        index::IndexDocument doc;
        doc.url = docs[i]->url;
        doc.contexts = docs[i]->contexts;
        FillFetch(meta.value(), doc);
        batch.push_back(std::move(doc));
        metas.push_back(std::move(meta.value()));
      }
      Result<std::vector<bool>> unchanged = writer_.Unchanged(batch);
      if (!unchanged.ok()) return unchanged.status();
      std::vector<index::IndexDocument> changed;
      std::vector<crawler::StoredPage> changed_metas;
      for (size_t k = 0; k < batch.size(); ++k) {
        if (unchanged.value()[k]) {
          ++summary_.unchanged;
        } else {
          changed.push_back(std::move(batch[k]));
          changed_metas.push_back(std::move(metas[k]));
        }
      }
      if (changed.empty()) continue;
      if (!learnt) {
        if (Status s = LearnTemplates(host, docs, templates); !s.ok()) return s;
        learnt = true;
      }
      if (Status s = Write(host, templates, changed, changed_metas); !s.ok()) return s;
      TrimIfLargePages();
    }
    sampled_.clear();  // of unchanged pages
    sampled_bytes_ = 0;
    return Status::OK();
  }

 private:
  static constexpr size_t kChunk = 256;
  static constexpr size_t kMinSample = 400;  // pages per host to learn templates from
  static constexpr size_t kSampleShare = 10;  // ... or one page in this many, if more
  static constexpr size_t kSampleKeptBytes = 8u << 20;
  // One large page at a time: its tree is ~10x its size (the 8 MB list page
  // ~85 MB), and two 10 MB pages on two threads would hold twice that.
  extractor::ExtractedPage Extract(const crawler::StoredPage& row) {
    if (row.body.size() < kLargePageBytes) return ExtractStored(row);
    std::lock_guard<std::mutex> lock(large_page_mu_);
    return ExtractStored(row);
  }

  // The heap a large page (kLargePageBytes) leaves behind (its HTML tree,
  // its text, its terms; ~120 MB for the rest of an 85k-page rebuild) is
  // returned to the system after the chunk that read the page, and after
  // the next one, when the writer thread has freed its Xapian document.
  void NoteBodies(const std::vector<crawler::StoredPage>& rows) {
    for (const crawler::StoredPage& row : rows) {
      if (row.body.size() >= kLargePageBytes) trims_due_ = 2;
    }
  }
  void TrimIfLargePages() {
    if (trims_due_ == 0) return;
    --trims_due_;
    ReleaseFreeMemory();
  }

  // Extracts the changed documents' pages on all cores and writes them.
  // A page the template sample already extracted is not read or extracted
  // again.
  Status Write(const std::string& host, const extractor::TemplateFilter& templates,
               std::vector<index::IndexDocument>& docs,
               const std::vector<crawler::StoredPage>& metas) {
    std::vector<std::optional<extractor::ExtractedPage>> pages(docs.size());
    for (size_t k = 0; k < docs.size(); ++k) {
      if (auto it = sampled_.find(docs[k].url); it != sampled_.end()) {
        pages[k] = std::move(it->second);
        sampled_.erase(it);
      }
    }
    if (Status s = ExtractPages(metas, pages); !s.ok()) return s;
    Parallel(docs.size(), [&](size_t k) {
      templates.Apply(host, *pages[k]);
      FillText(*pages[k], docs[k]);
    });
    pages.clear();
    Result<std::vector<index::IndexWriter::Change>> changes =
        writer_.PutBatch(docs, static_cast<int>(threads_));
    if (!changes.ok()) return changes.status();
    for (index::IndexWriter::Change c : changes.value()) Count(c);
    return Status::OK();
  }

  // Fills each empty pages[k] with the extraction of the page of metas[k]
  // (a row without its body), on all cores: the one the store keeps for
  // it when made from the same row by the same code (ExtractionKey), else
  // one from its body, which the store then keeps.
  Status ExtractPages(const std::vector<crawler::StoredPage>& metas,
                      std::vector<std::optional<extractor::ExtractedPage>>& pages) {
    std::vector<std::string> keys(metas.size()), kept(metas.size()), fresh(metas.size());
    std::vector<crawler::StoredPage> rows(metas.size());
    // The row with its body, and the key its extraction is kept under.
    auto read_body = [&](size_t k) -> Status {
      Result<crawler::StoredPage> row = Row(metas[k].url, /*with_body=*/true);
      if (!row.ok()) return row.status();
      rows[k] = std::move(row.value());
      keys[k] = ExtractionKey(rows[k]);
      return Status::OK();
    };
    for (size_t k = 0; k < metas.size(); ++k) {
      if (pages[k]) continue;
      if (metas[k].state != crawler::FetchState::kOk) {  // nothing fetched: nothing to read
        pages[k] = ExtractStored(metas[k]);
        continue;
      }
      if (std::string key = ExtractionKey(metas[k]); !key.empty()) {
        Result<std::optional<std::string>> stored = store_.GetDerived(metas[k].url, key);
        if (!stored.ok()) return stored.status();
        if (stored.value()) {
          kept[k] = std::move(*stored.value());
          continue;
        }
      }
      if (Status s = read_body(k); !s.ok()) return s;
    }
    NoteBodies(rows);
    // Extracts rows[k] (whose body was read), to be kept.
    auto extract = [&](size_t k) {
      pages[k] = Extract(rows[k]);
      if (!keys[k].empty() && KeepsExtraction(*pages[k])) {
        fresh[k] = extractor::EncodeExtracted(*pages[k]);
      }
      rows[k] = {};
    };
    Parallel(metas.size(), [&](size_t k) {
      if (!kept[k].empty()) {
        pages[k] = extractor::DecodeExtracted(kept[k]);
        kept[k] = {};
      } else if (!pages[k]) {
        extract(k);
      }
    });
    // What the store kept but did not decode (not written by this code):
    // extracted anew, and kept in its place.
    for (size_t k = 0; k < metas.size(); ++k) {
      if (pages[k]) continue;
      if (Status s = read_body(k); !s.ok()) return s;
      extract(k);
    }
    KeepExtractions(metas, keys, fresh);
    return Status::OK();
  }

  // Keeps new extractions in the store, in one transaction. A store that
  // cannot keep them (full disk, read-only file) costs the next rebuild
  // their extraction, not this update: it is said once.
  void KeepExtractions(const std::vector<crawler::StoredPage>& metas,
                       const std::vector<std::string>& keys, const std::vector<std::string>& fresh) {
    if (keeping_failed_ || std::all_of(fresh.begin(), fresh.end(),
                                       [](const std::string& f) { return f.empty(); })) {
      return;
    }
    Status s = store_.Begin();
    for (size_t k = 0; s.ok() && k < metas.size(); ++k) {
      if (!fresh[k].empty()) s = store_.PutDerived(metas[k].url, keys[k], fresh[k]);
    }
    if (s.ok()) s = store_.Commit();
    if (s.ok()) return;
    (void)store_.Rollback();  // SQLite may have rolled back already
    keeping_failed_ = true;
    if (options_.warn) options_.warn("extracted text not kept for the next rebuild: " + s.message());
  }

  Result<crawler::StoredPage> Row(const std::string& url, bool with_body) {
    Result<std::optional<crawler::StoredPage>> row = with_body ? store_.Get(url) : store_.GetMeta(url);
    if (!row.ok()) return row.status();
    crawler::StoredPage page;
    if (row.value()) page = std::move(*row.value());
    page.url = url;
    return page;
  }

  // Observes an evenly spread sample of the host's pages.
  Status LearnTemplates(const std::string& host, const std::vector<const PendingDoc*>& docs,
                        extractor::TemplateFilter& templates) {
    size_t want = std::max(kMinSample, docs.size() / kSampleShare);
    size_t step = std::max<size_t>(1, docs.size() / want);
    // In chunks, so that only a chunk of pages is held at a time.
    for (size_t begin = 0; begin < docs.size(); begin += step * kChunk) {
      std::vector<crawler::StoredPage> metas;
      for (size_t i = begin; i < docs.size() && i < begin + step * kChunk; i += step) {
        Result<crawler::StoredPage> meta = Row(docs[i]->url, /*with_body=*/false);
        if (!meta.ok()) return meta.status();
        if (meta->state == crawler::FetchState::kOk) metas.push_back(std::move(meta.value()));
      }
      std::vector<std::optional<extractor::ExtractedPage>> pages(metas.size());
      if (Status s = ExtractPages(metas, pages); !s.ok()) return s;
      for (size_t k = 0; k < pages.size(); ++k) {
        templates.Observe(host, *pages[k]);
        size_t bytes = TextBytes(*pages[k]);
        if (sampled_bytes_ + bytes > kSampleKeptBytes) continue;
        sampled_bytes_ += bytes;
        sampled_.emplace(metas[k].url, std::move(*pages[k]));
      }
      TrimIfLargePages();
    }
    return Status::OK();
  }

  static size_t TextBytes(const extractor::ExtractedPage& page) {
    size_t bytes = page.title.size() + page.description.size();
    for (const auto& b : page.blocks) bytes += b.text.size();
    for (const auto& b : page.boilerplate) bytes += b.text.size();
    for (const auto& h : page.headings) bytes += h.text.size();
    for (const std::string& l : page.links) bytes += l.size();
    return bytes;
  }

  // Runs fn(0..n-1) over all cores; fn must only touch its own index. On
  // more than one, the workers yield to the index writer thread, which may
  // be writing the batch before (common/thread_priority.h).
  void Parallel(size_t n, const std::function<void(size_t)>& fn) {
    size_t workers = std::min<size_t>(threads_, n);
    if (workers <= 1) {
      for (size_t k = 0; k < n; ++k) fn(k);
      return;
    }
    RunOnFeederThreads(workers, [&](size_t t) {
      for (size_t k = t; k < n; k += workers) fn(k);
    });
  }

  void Report(const PendingDoc& d, const crawler::StoredPage& page) {
    if (!d.listed || !crawler::IsBroken(page.state)) return;
    ++summary_.failed;
    if (options_.warn) {
      options_.warn(d.url + ": " + std::string(crawler::FetchStateName(page.state)) +
                    (page.error.empty() ? "" : " (" + page.error + ")"));
    }
  }

  void Count(index::IndexWriter::Change change) {
    switch (change) {
      case index::IndexWriter::Change::kAdded: ++summary_.added; break;
      case index::IndexWriter::Change::kChanged: ++summary_.changed; break;
      case index::IndexWriter::Change::kUnchanged: ++summary_.unchanged; break;
    }
  }

  crawler::CrawlStore& store_;
  index::IndexWriter& writer_;
  UpdateSummary& summary_;
  const UpdateOptions& options_;
  unsigned threads_;
  int trims_due_ = 0;  // chunks still to end with ReleaseFreeMemory
  bool keeping_failed_ = false;  // the store could not keep extractions
  std::mutex large_page_mu_;
  // The template sample's extracted pages, by URL, until their chunk is
  // written (each is used once), up to kSampleKeptBytes of text: on one
  // host of 7.7k pages the sample is ~5% of all extraction.
  std::unordered_map<std::string, extractor::ExtractedPage> sampled_;
  size_t sampled_bytes_ = 0;
};

Status Crawl(const ParsedSources& parsed, crawler::CrawlStore& store, const UpdateOptions& options,
             UpdateSummary& summary) {
  std::vector<std::string> urls;
  for (const sources::Resource& r : parsed.resources) urls.push_back(r.url);
  crawler::CrawlOptions crawl = options.crawl;
  if (crawl.depth > 0 && !crawl.extract_links) crawl.extract_links = LinksOf;
  Result<crawler::CrawlSummary> result = crawler::Crawl(urls, store, crawl);
  if (!result.ok()) return result.status();
  summary.fetched = result->fetched;
  return Status::OK();
}

std::string SummaryJson(const UpdateSummary& s, int64_t started_at) {
  nlohmann::json j = {{"started_at", started_at}, {"finished_at", s.finished_at},
                      {"outcome", "ok"},         {"lists", s.lists},
                      {"entries", s.entries},    {"resources", s.resources},
                      {"pages", s.pages},        {"fetched", s.fetched},
                      {"added", s.added},        {"changed", s.changed},
                      {"unchanged", s.unchanged}, {"removed", s.removed},
                      {"failed", s.failed}};
  return j.dump();
}

}  // namespace

Result<UpdateSummary> RunUpdate(const UpdateOptions& options) {
  const int64_t started_at = std::time(nullptr);
  if (options.sources.empty()) return Status::InvalidArgument("no sources given (--sources PATH)");
  if (Status s = index::EnsureDir(options.index_dir); !s.ok()) return s;
  Result<std::unique_ptr<UpdateLock>> lock = UpdateLock::Acquire(options.index_dir);
  if (!lock.ok()) return lock.status();
  index::RemoveUnpublished(options.index_dir);  // an update killed before it published
  Result<std::unique_ptr<crawler::CrawlStore>> store =
      crawler::CrawlStore::Open(index::CrawlStorePath(options.index_dir));
  if (!store.ok()) return store.status();
  Result<ParsedSources> parsed = ParseSources(options, **store);
  if (!parsed.ok()) return parsed.status();
  // Parsing a large list page (an 85k-link HTML tree) leaves freed heap
  // that the allocator would otherwise keep for the rest of the run.
  ReleaseFreeMemory();

  UpdateSummary summary;
  summary.lists = parsed->lists;
  summary.entries = parsed->entries;
  summary.resources = static_cast<int>(parsed->resources.size());
  summary.warnings = parsed->warnings;
  if (options.fetch && !options.rebuild) {
    DebugHold(options.index_dir, "fetch");
    if (Status s = Crawl(parsed.value(), **store, options, summary); !s.ok()) return s;
    // The crawl's queues and per-URL state (~70 MB at 85k pages) are freed:
    // indexing starts from the heap a --rebuild starts from.
    ReleaseFreeMemory();
  }

  bool fresh = options.rebuild || !index::HasIndex(options.index_dir);
  std::string db_path = index::CurrentDbPath(options.index_dir);
  if (fresh) {
    Result<std::string> path = index::NewDbPath(options.index_dir);
    if (!path.ok()) return path.status();
    db_path = path.value();
  }
  // The dictionaries' answers from earlier runs, and this run's for the
  // next (declared before the writer, which uses it).
  std::unique_ptr<analysis::LexiconMemo> memo;
  Result<std::unique_ptr<analysis::LexiconMemo>> opened = analysis::LexiconMemo::Open(
      index::LexiconMemoPath(options.index_dir), analysis::LexiconGeneration());
  if (opened.ok()) {
    memo = std::move(opened.value());
  } else if (options.warn) {
    options.warn("dictionary answers not kept for the next run: " + opened.status().message());
  }
  Result<std::unique_ptr<index::IndexWriter>> writer = index::IndexWriter::Open(db_path, fresh);
  if (!writer.ok()) return writer.status();
  (*writer)->UseLexiconMemo(memo.get());

  // Every document to write, grouped by host for template detection.
  std::set<std::string> listed;
  std::vector<PendingDoc> docs;
  std::map<std::string, size_t> doc_of_listed;
  for (const sources::Resource& r : parsed->resources) {
    listed.insert(r.url);
    doc_of_listed[r.url] = docs.size();
    docs.push_back({r.url, ContextsOf(r, parsed->list_langs), true});
  }
  Result<std::map<std::string, std::string>> discovered = DiscoveredPages(**store, listed);
  if (!discovered.ok()) return discovered.status();
  for (const auto& [url, root] : discovered.value()) {
    std::vector<index::ListContext> contexts;
    for (index::ListContext c : docs[doc_of_listed[root]].contexts) {
      c.link_text.clear();  // reached from the listed page, not named by the list
      c.description.clear();
      contexts.push_back(std::move(c));
    }
    docs.push_back({url, std::move(contexts), false});
  }
  // The lists' entries live on in `docs` from here (85k resources: ~40 MB).
  doc_of_listed.clear();
  parsed->resources = std::vector<sources::Resource>();
  summary.pages = static_cast<int>(docs.size());
  std::map<std::string, std::vector<const PendingDoc*>> by_host;
  for (const PendingDoc& d : docs) by_host[sources::HostOf(d.url)].push_back(&d);
  DocumentWriter doc_writer(**store, **writer, summary, options);
  for (const auto& [host, host_docs] : by_host) {
    if (Status s = doc_writer.WriteHost(host, host_docs); !s.ok()) return s;
    DebugHold(options.index_dir, "index");  // some documents written, none committed
  }

  Result<std::vector<std::string>> indexed = (*writer)->Urls();
  if (!indexed.ok()) return indexed.status();
  for (const std::string& url : indexed.value()) {
    if (listed.count(url) || discovered->count(url)) continue;
    if (Status s = (*writer)->Remove(url); !s.ok()) return s;
    ++summary.removed;
  }
  // A database updated in place fragments as pages change: it is
  // compacted anew once the documents changed since it last was reach
  // kCompactAfterShare of those it holds. The count stays in this database;
  // its compacted copy starts from none (CompactInto), so a compaction that
  // fails or is killed is tried again by the next update.
  Result<std::string> earlier = (*writer)->Metadata(std::string(index::kMetaChangedSinceCompaction));
  if (!earlier.ok()) return earlier.status();
  const int64_t changed = (fresh ? 0 : std::atoll(earlier->c_str())) + summary.added +
                          summary.changed + summary.removed;
  // Only a database `current` links to can be swapped for its copy.
  const bool compact =
      fresh || (changed > 0 && static_cast<double>(changed) >= kCompactAfterShare * summary.pages &&
                index::CurrentIsLink(options.index_dir));
  if (Status s = (*writer)->SetMetadata(std::string(index::kMetaChangedSinceCompaction),
                                        std::to_string(changed));
      !s.ok()) {
    return s;
  }
  summary.finished_at = std::time(nullptr);
  if (Status s = (*writer)->SetMetadata(std::string(index::kMetaLastUpdate),
                                        SummaryJson(summary, started_at));
      !s.ok()) {
    return s;
  }
  DebugHold(options.index_dir, "commit");
  if (Status s = (*writer)->Commit(); !s.ok()) return s;
  writer->reset();
  if (Status s = memo ? memo->Flush() : Status::OK(); !s.ok() && options.warn) {
    options.warn("dictionary answers not kept for the next run: " + s.message());
  }
  if (compact) {
    // Published compacted (~3 s at 85k pages): written in batches or
    // changed in place, its blocks are part full. Uncompacted, it is still
    // a good index.
    Result<std::string> compacted = index::NewDbPath(options.index_dir);
    Status s = compacted.ok() ? index::CompactInto(db_path, *compacted) : compacted.status();
    if (s.ok()) {
      db_path = *compacted;  // Publish() removes a fresh uncompacted one
    } else if (options.warn) {
      options.warn("index not compacted: " + s.message());
    }
  }
  if (fresh || db_path != index::CurrentDbPath(options.index_dir)) {
    DebugHold(options.index_dir, "publish");  // written (and compacted), not yet published
    if (Status p = index::Publish(options.index_dir, db_path); !p.ok()) {
      index::RemoveUnpublished(options.index_dir);
      return p;
    }
  }
  return summary;
}

std::string FormatSummary(const UpdateSummary& s) {
  return "haku: " + std::to_string(s.lists) + " lists, " + std::to_string(s.entries) +
         " entries, " + std::to_string(s.resources) + " resources, " + std::to_string(s.pages) +
         " pages (" + std::to_string(s.fetched) + " fetched): " + std::to_string(s.added) +
         " added, " + std::to_string(s.changed) + " changed, " + std::to_string(s.unchanged) +
         " unchanged, " + std::to_string(s.removed) + " removed, " + std::to_string(s.failed) +
         " failed" + (s.warnings ? ", " + std::to_string(s.warnings) + " warnings" : "");
}

}  // namespace haku::pipeline
