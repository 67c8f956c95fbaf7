#include "indexer/pipeline/update.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <map>
#include <set>

#include "analysis/language_id.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/index_writer.h"
#include "indexer/sources/list_parser.h"

namespace haku::pipeline {
namespace {

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
      std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "another process";
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      return Status::Busy("another update is running on " + dir + " (pid " + holder + ")");
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
      // The pid is informational only; the flock is what excludes.
    }
    return std::unique_ptr<UpdateLock>(new UpdateLock(fd));
  }
  ~UpdateLock() { ::close(fd_); }

 private:
  explicit UpdateLock(int fd) : fd_(fd) {}
  int fd_;
};

struct ParsedSources {
  std::vector<sources::Resource> resources;
  std::map<std::string, std::string> list_langs;  // list name -> language
  int lists = 0;
  int entries = 0;
  int warnings = 0;
};

Result<ParsedSources> ParseSources(const UpdateOptions& options) {
  ParsedSources out;
  std::vector<sources::ResourceEntry> all;
  for (const std::string& path : options.sources) {
    Result<sources::ParsedList> list = sources::ParseListFile(path);
    if (!list.ok()) return list.status();
    for (const std::string& w : list->warnings) {
      if (options.warn) options.warn(w);
      ++out.warnings;
    }
    std::string text;
    for (const sources::ResourceEntry& e : list->entries) {
      text += e.link_text + ". " + e.description + "\n";
    }
    out.list_langs[list->name] = analysis::IdentifyLanguage(list->title + "\n" + text).lang;
    out.entries += static_cast<int>(list->entries.size());
    all.insert(all.end(), list->entries.begin(), list->entries.end());
    ++out.lists;
  }
  out.resources = sources::MergeEntries(all);
  return out;
}

index::IndexDocument ToIndexDocument(const sources::Resource& r,
                                     const std::map<std::string, std::string>& list_langs) {
  index::IndexDocument doc;
  doc.url = r.url;
  for (const sources::ResourceEntry& e : r.entries) {
    index::ListContext c;
    c.list = e.list_name;
    c.sections = e.headings;
    c.link_text = e.link_text;
    c.description = e.description;
    c.line = e.line;
    auto it = list_langs.find(e.list_name);
    if (it != list_langs.end()) c.list_lang = it->second;
    doc.contexts.push_back(std::move(c));
  }
  return doc;
}

}  // namespace

Result<UpdateSummary> RunUpdate(const UpdateOptions& options) {
  if (options.sources.empty()) return Status::InvalidArgument("no sources given (--sources PATH)");
  Result<ParsedSources> parsed = ParseSources(options);
  if (!parsed.ok()) return parsed.status();
  if (Status s = index::EnsureDir(options.index_dir); !s.ok()) return s;
  Result<std::unique_ptr<UpdateLock>> lock = UpdateLock::Acquire(options.index_dir);
  if (!lock.ok()) return lock.status();

  bool fresh = options.rebuild || !index::HasIndex(options.index_dir);
  std::string db_path = index::CurrentDbPath(options.index_dir);
  if (fresh) {
    Result<std::string> path = index::NewDbPath(options.index_dir);
    if (!path.ok()) return path.status();
    db_path = path.value();
  }
  Result<std::unique_ptr<index::IndexWriter>> writer = index::IndexWriter::Open(db_path, fresh);
  if (!writer.ok()) return writer.status();

  UpdateSummary summary;
  summary.lists = parsed->lists;
  summary.entries = parsed->entries;
  summary.resources = static_cast<int>(parsed->resources.size());
  summary.warnings = parsed->warnings;
  std::set<std::string> listed;
  for (const sources::Resource& r : parsed->resources) {
    listed.insert(r.url);
    Result<index::IndexWriter::Change> change =
        (*writer)->Put(ToIndexDocument(r, parsed->list_langs));
    if (!change.ok()) return change.status();
    switch (change.value()) {
      case index::IndexWriter::Change::kAdded: ++summary.added; break;
      case index::IndexWriter::Change::kChanged: ++summary.changed; break;
      case index::IndexWriter::Change::kUnchanged: ++summary.unchanged; break;
    }
  }
  Result<std::vector<std::string>> indexed = (*writer)->Urls();
  if (!indexed.ok()) return indexed.status();
  for (const std::string& url : indexed.value()) {
    if (listed.count(url)) continue;
    if (Status s = (*writer)->Remove(url); !s.ok()) return s;
    ++summary.removed;
  }
  if (Status s = (*writer)->Commit(); !s.ok()) return s;
  writer->reset();
  if (fresh) {
    if (Status s = index::Publish(options.index_dir, db_path); !s.ok()) return s;
  }
  return summary;
}

std::string FormatSummary(const UpdateSummary& s) {
  return "haku: " + std::to_string(s.lists) + " lists, " + std::to_string(s.entries) +
         " entries, " + std::to_string(s.resources) + " resources: " + std::to_string(s.added) +
         " added, " + std::to_string(s.changed) + " changed, " + std::to_string(s.unchanged) +
         " unchanged, " + std::to_string(s.removed) + " removed, " + std::to_string(s.failed) +
         " failed" + (s.warnings ? ", " + std::to_string(s.warnings) + " warnings" : "");
}

}  // namespace haku::pipeline
