#include "indexer/index/index_dir.h"

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace haku::index {
namespace fs = std::filesystem;

std::string CurrentDbPath(const std::string& dir) { return dir + "/current"; }
std::string CrawlStorePath(const std::string& dir) { return dir + "/crawl.sqlite"; }
std::string LexiconMemoPath(const std::string& dir) { return dir + "/lexicon.sqlite"; }

std::string OpenDbPath(const std::string& dir) {
  std::error_code ec;
  fs::path target = fs::read_symlink(CurrentDbPath(dir), ec);
  if (ec || target.empty()) return CurrentDbPath(dir);
  return target.is_absolute() ? target.string() : (fs::path(dir) / target).string();
}

Status EnsureDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError(dir + ": cannot create directory: " + ec.message());
  if (!fs::is_directory(dir, ec)) return Status::IOError(dir + ": not a directory");
  return Status::OK();
}

Result<std::string> NewDbPath(const std::string& dir) {
  std::error_code ec;
  int next = 1;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("db-", 0) == 0) next = std::max(next, std::atoi(name.c_str() + 3) + 1);
  }
  if (ec) return Status::IOError(dir + ": " + ec.message());
  return dir + "/db-" + std::to_string(next);
}

Status Publish(const std::string& dir, const std::string& db_path) {
  std::string target = fs::path(db_path).filename().string();
  std::error_code ec;
  std::string previous = fs::read_symlink(CurrentDbPath(dir), ec).filename().string();
  std::string tmp = dir + "/.current.tmp." + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) {
    return Status::IOError(tmp + ": " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), CurrentDbPath(dir).c_str()) != 0) {
    Status s = Status::IOError(CurrentDbPath(dir) + ": " + std::strerror(errno));
    ::unlink(tmp.c_str());
    return s;
  }
  // The previous database stays for searches that opened it a moment ago;
  // older ones go.
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("db-", 0) == 0 && name != target && name != previous) {
      fs::remove_all(entry.path(), ec);
    }
  }
  return Status::OK();
}

void RemoveUnpublished(const std::string& dir) {
  std::error_code ec;
  int published = 0;  // no index: every database is unpublished
  if (HasIndex(dir)) {
    std::string current = fs::read_symlink(CurrentDbPath(dir), ec).filename().string();
    // Not a db-<N> link (made by hand, or copied): which are in use is unknown.
    published = !ec && current.rfind("db-", 0) == 0 ? std::atoi(current.c_str() + 3) : INT_MAX;
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    bool unpublished = name.rfind("db-", 0) == 0 && std::atoi(name.c_str() + 3) > published;
    if (unpublished || name.rfind(".current.tmp.", 0) == 0) fs::remove_all(entry.path(), ec);
  }
}

bool CurrentIsLink(const std::string& dir) {
  std::error_code ec;
  return fs::is_symlink(CurrentDbPath(dir), ec);
}

bool HasIndex(const std::string& dir) {
  std::error_code ec;
  return fs::exists(CurrentDbPath(dir), ec);
}

}  // namespace haku::index
