// bench/langid/langid_eval.cpp -- language identification measured on gold
// samples (issue 5, item 2).
//
//   langid_eval eval CORPUS PAGES_GOLD SHORT_GOLD [--errors]
//       page level: Extract() each page, IdentifyPageLanguages() as the
//       indexer does (declared <html lang> as a prior), confusion matrix of
//       the primary language, accuracy, precision/recall of the language
//       sets (>= 15% share); short texts: IdentifyLanguage with an Analyzer() without
//       hints, and libexttextcat when built with it.
//   langid_eval dump CORPUS RELPATH...
//       the extracted title and blocks of RELPATH (e.g. sv/text/...) with
//       the en-us twin: blocks identical to a twin block are marked "=",
//       for labelling by eye.
//   langid_eval id TEXT...    one verdict per argument (debugging)
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/dictionary_lexicon.h"
#include "analysis/analyzer.h"
#include "analysis/language_id.h"
#include "analysis/page_language.h"
#include "indexer/extractor/extractor.h"

#ifdef HAKU_HAVE_EXTTEXTCAT
#include <libexttextcat/textcat.h>
#endif

namespace {

using haku::analysis::Analyzer;
using haku::analysis::LanguageResult;
using haku::analysis::PageLanguages;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

struct Page {
  haku::extractor::ExtractedPage extracted;
  std::vector<std::string> blocks;
  bool ok = false;
};

Page Load(const std::string& corpus, const std::string& relpath) {
  Page p;
  std::string body = ReadFile(corpus + "/" + relpath);
  if (body.empty()) return p;
  std::string url = "http://127.0.0.1/" + relpath;
  haku::extractor::RawPage raw{.url = url, .content_type = "text/html", .charset = "",
                               .content_language = "", .body = body};
  p.extracted = haku::extractor::Extract(raw);
  for (const auto& b : p.extracted.blocks) p.blocks.push_back(b.text);
  p.ok = p.extracted.type == haku::extractor::ExtractedPage::Type::kHtml;
  return p;
}

// relpath "sv/text/x.html" -> "en-us/text/x.html"
std::string Twin(const std::string& relpath) {
  size_t slash = relpath.find('/');
  return "en-us" + relpath.substr(slash);
}

// A program listing (Basic, Python, formulas): not prose in any language.
bool LooksLikeCode(const std::string& b) {
  static const char* kStarts[] = {"Sub ", "Function ", "Option ", "# -*-", "import ", "Dim ",
                                  "REM ", "def ", "from ", "=", "Private ", "Public "};
  for (const char* s : kStarts) {
    if (b.rfind(s, 0) == 0) return true;
  }
  size_t punct = std::count_if(b.begin(), b.end(), [](char c) {
    return c == '(' || c == ')' || c == '{' || c == '}' || c == ';' || c == '=' || c == '_' ||
           c == '"' || c == '\'';
  });
  return b.size() >= 20 && punct * 12 > b.size();
}

// One line per title and block: relpath, T|B, same as an en-us twin block
// (0/1), code (0/1), text. For the labelling aid bench/langid/label_aid.py.
int DumpTsv(const std::string& corpus, const std::vector<std::string>& relpaths) {
  for (const std::string& rel : relpaths) {
    Page page = Load(corpus, rel);
    Page twin = Load(corpus, Twin(rel));
    std::set<std::string> en_blocks(twin.blocks.begin(), twin.blocks.end());
    std::printf("%s\tT\t%d\t0\t%s\n", rel.c_str(),
                page.extracted.title == twin.extracted.title ? 1 : 0,
                page.extracted.title.c_str());
    for (const std::string& b : page.blocks) {
      std::string clean = b;
      std::replace(clean.begin(), clean.end(), '\t', ' ');
      std::printf("%s\tB\t%d\t%d\t%s\n", rel.c_str(), en_blocks.count(b) ? 1 : 0,
                  LooksLikeCode(b) ? 1 : 0, clean.c_str());
    }
  }
  return 0;
}

int Dump(const std::string& corpus, const std::vector<std::string>& relpaths) {
  const size_t width = 90;
  const int max_blocks = 16;
  for (const std::string& rel : relpaths) {
    int shown_blocks = 0;
    Page page = Load(corpus, rel);
    Page twin = Load(corpus, Twin(rel));
    std::set<std::string> en_blocks(twin.blocks.begin(), twin.blocks.end());
    size_t total = 0, same = 0, code = 0;
    for (const std::string& b : page.blocks) {
      if (LooksLikeCode(b)) {
        code += b.size();
        continue;
      }
      total += b.size();
      if (en_blocks.count(b)) same += b.size();
    }
    std::printf("=== %s  lang=%s  text=%zu  same-as-en=%zu (%.0f%%)  code=%zu\n", rel.c_str(),
                page.extracted.lang_hint.c_str(), total, same,
                total ? 100.0 * static_cast<double>(same) / static_cast<double>(total) : 0.0,
                code);
    std::printf("T  %s%s\n", page.extracted.title.c_str(),
                page.extracted.title == twin.extracted.title ? "   [title = en]" : "");
    for (const std::string& b : page.blocks) {
      if (shown_blocks++ >= max_blocks) break;
      std::string shown = b.size() > width ? b.substr(0, width) : b;
      while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
        shown.pop_back();
      }
      if (!shown.empty() && b.size() > width) shown.pop_back();
      std::printf("%c%c %4zu %s\n", en_blocks.count(b) ? '=' : ' ', LooksLikeCode(b) ? 'c' : ' ',
                  b.size(), shown.c_str());
    }
  }
  return 0;
}

class Confusion {
 public:
  void Add(const std::string& truth, const std::string& guess) {
    ++cells_[{truth, guess}];
    labels_.insert(truth);
    labels_.insert(guess);
    ++n_;
    if (truth == guess) ++correct_;
  }
  void Print(const char* name) const {
    std::printf("%s: confusion (rows: gold, columns: identified)\n%8s", name, "");
    for (const auto& c : labels_) std::printf("%6s", c.c_str());
    std::printf("\n");
    for (const auto& r : labels_) {
      std::printf("%8s", r.c_str());
      for (const auto& c : labels_) {
        auto it = cells_.find({r, c});
        std::printf("%6d", it == cells_.end() ? 0 : it->second);
      }
      std::printf("\n");
    }
    std::printf("%s: accuracy %d/%d = %.1f%%\n", name, correct_, n_,
                n_ ? 100.0 * correct_ / n_ : 0.0);
  }

 private:
  std::map<std::pair<std::string, std::string>, int> cells_;
  std::set<std::string> labels_;
  int n_ = 0, correct_ = 0;
};

std::string Join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
  return out;
}

int EvalPages(const std::string& corpus, const std::string& gold_path, bool errors,
              Analyzer& analyzer) {
  std::ifstream in(gold_path);
  std::string line;
  Confusion conf;
  std::map<std::string, Confusion> by_label;
  int tp = 0, fp = 0, fn = 0, exact_sets = 0, n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 3 || f[0] == "relpath") continue;
    Page page = Load(corpus, f[0]);
    if (!page.ok) {
      std::printf("missing or not HTML: %s\n", f[0].c_str());
      continue;
    }
    PageLanguages got = haku::analysis::IdentifyPageLanguages(
        page.blocks, page.extracted.title,
        {.declared = page.extracted.lang_hint, .tld = "", .fallback = ""}, analyzer);
    std::set<std::string> gold_set;
    for (const std::string& l : Split(f[2], ',')) gold_set.insert(l);
    // "en|sv": a near-even page, either language is a right primary.
    std::string gold = f[1];
    for (const std::string& either : Split(f[1], '|')) {
      if (either == got.primary) gold = either;
    }
    conf.Add(gold, got.primary);
    by_label[f[0].substr(0, f[0].find('/'))].Add(gold, got.primary);
    for (const auto& l : got.filter) (gold_set.count(l) ? tp : fp)++;
    for (const auto& l : gold_set) fn += got.filter.count(l) ? 0 : 1;
    ++n;
    if (got.filter == gold_set) ++exact_sets;
    if (errors && (got.primary != gold || got.filter != gold_set)) {
      std::string shares;
      for (const auto& s : got.shares) shares += s.lang + ":" + std::to_string(s.percent) + " ";
      std::printf("  page %s: gold %s {%s}, got %s {%s} (%s) %s\n", f[0].c_str(), f[1].c_str(),
                  f[2].c_str(), got.primary.c_str(), Join(got.filter).c_str(), shares.c_str(),
                  f.size() > 3 ? f[3].c_str() : "");
    }
  }
  conf.Print("pages");
  for (const auto& [label, c] : by_label) {
    std::printf("  (pages labelled %s) ", label.c_str());
    c.Print(label.c_str());
  }
  std::printf("pages: language sets (>= 15%% share): precision %.1f%% recall %.1f%%, "
              "exact set %d/%d\n",
              tp + fp ? 100.0 * tp / (tp + fp) : 0.0, tp + fn ? 100.0 * tp / (tp + fn) : 0.0,
              exact_sets, n);
  return 0;
}

int EvalShort(const std::string& gold_path, bool errors, Analyzer& analyzer) {
  std::ifstream in(gold_path);
  std::string line;
  Confusion conf, cld2_only;
#ifdef HAKU_HAVE_EXTTEXTCAT
  Confusion textcat;
  void* tc = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf",
                                  "/usr/share/libexttextcat/");
#endif
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 3 || f[0] == "lang") continue;
    const std::string& gold = f[0];
    const std::string& text = f[2];
    LanguageResult r = haku::analysis::IdentifyLanguage(text, {}, analyzer);
    conf.Add(gold, r.lang);
    // CLD2 alone, as on long text (no dictionaries, no short-text rules).
    LanguageResult c = haku::analysis::IdentifyLanguage(
        text + std::string(haku::analysis::kShortTextBytes, ' '));
    cld2_only.Add(gold, c.lang);
    if (errors && r.lang != gold) {
      std::printf("  short [%s] gold %s got %s: %s\n", f[1].c_str(), gold.c_str(),
                  r.lang.c_str(), text.c_str());
    }
#ifdef HAKU_HAVE_EXTTEXTCAT
    if (tc != nullptr) {
      const char* v = textcat_Classify(tc, text.c_str(), text.size());
      std::string s = v ? v : "";
      std::string first = "und";
      if (s.size() > 2 && s[0] == '[') first = s.substr(1, s.find(']') - 1);
      first = haku::analysis::PrimaryLanguage(first);
      textcat.Add(gold, first);
    }
#endif
  }
  conf.Print("short texts (haku: IdentifyLanguage with an Analyzer, no hints)");
  cld2_only.Print("short texts (CLD2 alone)");
#ifdef HAKU_HAVE_EXTTEXTCAT
  if (tc != nullptr) {
    textcat.Print("short texts (libexttextcat, first guess)");
    textcat_Done(tc);
  }
#endif
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "dump") {
    return Dump(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  }
  if (args.size() >= 2 && args[0] == "dump-tsv") {
    return DumpTsv(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  }
  Analyzer analyzer(haku::analysis::MakeDictionaryLexicon());
  if (!args.empty() && args[0] == "id") {
    for (size_t i = 1; i < args.size(); ++i) {
      LanguageResult r = haku::analysis::IdentifyLanguage(args[i], {}, analyzer);
      std::printf("%s%s\t%s\n", r.lang.c_str(), r.reliable ? "" : "?", args[i].c_str());
    }
    return 0;
  }
  if (args.size() >= 4 && args[0] == "eval") {
    bool errors = args.size() > 4 && args[4] == "--errors";
    EvalPages(args[1], args[2], errors, analyzer);
    std::printf("\n");
    EvalShort(args[3], errors, analyzer);
    return 0;
  }
  std::fprintf(stderr,
               "usage: langid_eval eval CORPUS PAGES_GOLD SHORT_GOLD [--errors]\n"
               "       langid_eval dump CORPUS RELPATH...\n"
               "       langid_eval id TEXT...\n");
  return 2;
}
