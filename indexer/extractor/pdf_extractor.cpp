#include "indexer/extractor/pdf_extractor.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <exception>
#include <memory>
#include <mutex>

#include "indexer/extractor/block_text.h"

namespace haku::extractor {
namespace {

constexpr size_t kEofWindow = 1024;
constexpr size_t kMaxTitleBytes = 200;

ExtractedPage Failed(std::string reason) {
  ExtractedPage page;
  page.type = ExtractedPage::Type::kFailed;
  page.reason = std::move(reason);
  return page;
}

void IgnorePopplerMessage(const std::string&, void*) {}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
  });
}

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Header and trailer checks that need no parser.
std::string CheckEnvelope(std::string_view bytes) {
  size_t header = bytes.substr(0, kEofWindow).find("%PDF-");
  if (header == std::string_view::npos) return "not a PDF (no %PDF- header)";
  std::string_view tail =
      bytes.substr(bytes.size() > kEofWindow ? bytes.size() - kEofWindow : 0);
  if (tail.find("%%EOF") == std::string_view::npos) {
    return "truncated PDF (no %%EOF marker at the end)";
  }
  return "";
}

bool IsLanguageTag(std::string_view s) {
  if (s.empty() || s.size() > 35) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
              (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

std::string Between(std::string_view s, std::string_view open,
                    std::string_view close, size_t from = 0) {
  size_t b = s.find(open, from);
  if (b == std::string_view::npos) return "";
  b += open.size();
  size_t e = s.find(close, b);
  if (e == std::string_view::npos) return "";
  return CollapseWhitespace(s.substr(b, e - b));
}

std::string FindLanguage(std::string_view xmp, std::string_view bytes) {
  size_t dc = xmp.find("<dc:language>");
  if (dc != std::string_view::npos) {
    std::string lang = Between(xmp, "<rdf:li>", "</rdf:li>", dc);
    if (IsLanguageTag(lang)) return lang;
  }
  size_t at = bytes.find("/Lang");
  if (at != std::string_view::npos) {
    std::string lang = Between(bytes.substr(at, 64), "(", ")");
    if (IsLanguageTag(lang)) return lang;
  }
  return "";
}

std::string IsoDate(time_t t) {
  if (t <= 0) return "";
  struct tm tm;
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Splits a page's text into paragraphs at blank lines.
void AddPageText(std::string_view text, size_t max_bytes, size_t* used,
                 ExtractedPage* page) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos);
    size_t form_feed = text.find('\f', pos);
    if (form_feed < end) end = form_feed;
    if (end == std::string_view::npos) end = text.size();
    Block block = MakeBlock(Block::Kind::kParagraph, text.substr(pos, end - pos));
    pos = end + 1;
    if (block.text.empty()) continue;
    if (*used + block.text.size() > max_bytes) return;
    *used += block.text.size();
    page->blocks.push_back(std::move(block));
  }
}

ExtractedPage ParseWithPoppler(std::string_view bytes,
                               const ExtractOptions& options) {
  SilencePoppler();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Failed("corrupt PDF (poppler cannot open it)");
  if (doc->is_locked()) return Failed("encrypted PDF (needs a password)");
  ExtractedPage out;
  out.type = ExtractedPage::Type::kPdf;
  out.title = CollapseWhitespace(Utf8(doc->get_title()));
  out.lang_hint = FindLanguage(Utf8(doc->metadata()), bytes);
  out.modified = IsoDate(doc->get_modification_date_t());
  int pages = std::min(doc->pages(), options.max_pdf_pages);
  size_t used = 0;
  for (int i = 0; i < pages && used < options.max_text_bytes; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    std::string text = Utf8(
        page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    AddPageText(text, options.max_text_bytes, &used, &out);
  }
  if (out.blocks.empty()) {
    return Failed(doc->pages() == 0 ? "corrupt PDF (no pages)"
                                    : "PDF without extractable text");
  }
  if (out.title.empty()) {
    out.title = out.blocks.front().text.substr(0, kMaxTitleBytes);
  }
  return out;
}

// --- the subprocess: a length-prefixed record through a pipe --------------

void PutString(std::string& out, std::string_view s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(s);
}

bool GetString(std::string_view& in, std::string* s) {
  uint32_t n = 0;
  if (in.size() < sizeof n) return false;
  std::memcpy(&n, in.data(), sizeof n);
  in.remove_prefix(sizeof n);
  if (in.size() < n) return false;
  s->assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

std::string Serialize(const ExtractedPage& page) {
  std::string out;
  out.push_back(page.type == ExtractedPage::Type::kPdf ? 'P' : 'F');
  for (const std::string* s :
       {&page.reason, &page.title, &page.lang_hint, &page.modified}) {
    PutString(out, *s);
  }
  for (const Block& b : page.blocks) PutString(out, b.text);
  return out;
}

bool Deserialize(std::string_view in, ExtractedPage* page) {
  if (in.empty() || (in[0] != 'P' && in[0] != 'F')) return false;
  page->type = in[0] == 'P' ? ExtractedPage::Type::kPdf
                            : ExtractedPage::Type::kFailed;
  in.remove_prefix(1);
  for (std::string* s :
       {&page->reason, &page->title, &page->lang_hint, &page->modified}) {
    if (!GetString(in, s)) return false;
  }
  std::string text;
  while (!in.empty()) {
    if (!GetString(in, &text)) return false;
    page->blocks.push_back(MakeBlock(Block::Kind::kParagraph, text));
  }
  return true;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

[[noreturn]] void RunChild(int fd, std::string_view bytes,
                           const ExtractOptions& options) {
#if !defined(__SANITIZE_ADDRESS__)
  rlim_t limit = static_cast<rlim_t>(options.pdf_memory_limit_mb) << 20;
  struct rlimit rl = {limit, limit};
  setrlimit(RLIMIT_AS, &rl);
#endif
  std::string record;
  try {
    record = Serialize(ParseWithPoppler(bytes, options));
  } catch (const std::exception& e) {
    record = Serialize(Failed(std::string("PDF parser error: ") + e.what()));
  } catch (...) {
    record = Serialize(Failed("PDF parser error"));
  }
  _exit(WriteAll(fd, record) ? 0 : 1);
}

// Reads the child's record until EOF or the deadline. False on timeout.
bool ReadRecord(int fd, int timeout_ms, size_t max_bytes, std::string* out) {
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(timeout_ms);
  char buf[64 * 1024];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    struct pollfd pfd = {fd, POLLIN, 0};
    int r = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    if (out->size() + static_cast<size_t>(n) > max_bytes) return false;
    out->append(buf, static_cast<size_t>(n));
  }
}

int Reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

ExtractedPage ParseInChild(std::string_view bytes,
                           const ExtractOptions& options) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return Failed(std::string("cannot start PDF parser: pipe: ") +
                  std::strerror(errno));
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return Failed(std::string("cannot start PDF parser: fork: ") +
                  std::strerror(err));
  }
  if (pid == 0) {
    ::close(fds[0]);
    RunChild(fds[1], bytes, options);
  }
  ::close(fds[1]);
  std::string record;
  size_t max_record = options.max_text_bytes * 2 + (1u << 20);
  bool done = ReadRecord(fds[0], options.pdf_timeout_ms, max_record, &record);
  ::close(fds[0]);
  if (!done) ::kill(pid, SIGKILL);
  int status = Reap(pid);
  if (!done) return Failed("PDF parser timed out or wrote too much; killed");
  if (WIFSIGNALED(status)) {
    return Failed("PDF parser crashed (signal " +
                  std::to_string(WTERMSIG(status)) + ")");
  }
  ExtractedPage page;
  if (!Deserialize(record, &page)) {
    return Failed("PDF parser exited without a result");
  }
  return page;
}

}  // namespace

ExtractedPage ParsePdfInProcess(std::string_view bytes,
                                const ExtractOptions& options) {
  std::string problem = CheckEnvelope(bytes);
  if (!problem.empty()) return Failed(problem);
  try {
    return ParseWithPoppler(bytes, options);
  } catch (const std::exception& e) {
    return Failed(std::string("PDF parser error: ") + e.what());
  } catch (...) {
    return Failed("PDF parser error");
  }
}

ExtractedPage ExtractPdf(std::string_view bytes, const ExtractOptions& options) {
  if (!options.pdf_in_subprocess) return ParsePdfInProcess(bytes, options);
  std::string problem = CheckEnvelope(bytes);
  if (!problem.empty()) return Failed(problem);
  return ParseInChild(bytes, options);
}

}  // namespace haku::extractor
