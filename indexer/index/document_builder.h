// indexer/index/document_builder.h -- IndexDocument to Xapian terms and data.
//
// Decides each text's language (analysis/language_id.h), analyses it in that
// language (analysis/analyzer.h) and weights fields: title over headings
// over descriptions over body. Not thread-safe (owns an Analyzer).
#ifndef HAKU_INDEXER_INDEX_DOCUMENT_BUILDER_H_
#define HAKU_INDEXER_INDEX_DOCUMENT_BUILDER_H_

#include <memory>
#include <set>
#include <unordered_set>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "analysis/dictionary_lexicon.h"
#include "analysis/page_language.h"
#include "indexer/index/index_document.h"

namespace haku::index {

// wdf added per occurrence, by field.
struct FieldWeights {
  unsigned title = 6;
  unsigned link_text = 5;
  unsigned heading = 3;
  unsigned description = 2;
  unsigned section = 2;
  unsigned body = 1;
  unsigned boilerplate = 1;  // site template and hidden text
};

class DocumentBuilder {
 public:
  // `morphology` (not owned; outlives the builder): lemmas and compound parts
  // shared with other threads' builders (analysis/dictionary_lexicon.h);
  // null: this builder's own.
  explicit DocumentBuilder(FieldWeights weights = {},
                           analysis::SharedMorphology* morphology = nullptr);

  // The Xapian document for `doc`, with its data and values. Languages the
  // document was analysed in are added to `languages`.
  Xapian::Document Build(const IndexDocument& doc, std::set<std::string>& languages);

  // A hash of the list context, the fetch outcome and the content hash of
  // `doc` (and of the format version): equal signatures mean re-indexing
  // would change nothing. Page text is not needed to compute it.
  static std::string Signature(const IndexDocument& doc);

  // The URL a built document was made for (from its data).
  static std::string UrlOf(const Xapian::Document& doc);

  analysis::Analyzer& analyzer() { return analyzer_; }

  // Word forms met since the last call, each with a lemma or compound-part
  // term it was indexed under, keyed as schema.h's SynonymKey()
  // ("sv:kortkommandot" -> "XLkortkommando"). The writer stores them as
  // Xapian synonyms, so that a searcher finds a query word's lemmas and
  // parts without loading the dictionaries (Voikko, hunspell) itself.
  std::vector<std::pair<std::string, std::string>> TakeSynonyms();

 private:
  class Fields;
  // Forms met, once each (bounded: a form met again after the set was
  // emptied is given again, and Xapian keeps one copy). The set holds the
  // keys' 64-bit hashes, not the keys (8 bytes, not ~40, per form met): two
  // forms of one hash among 200k would lose one's synonyms (p ~ 1e-9).
  class SynonymRecorder {
   public:
    void Add(const std::string& lang, const analysis::TermForms& forms);
    std::vector<std::pair<std::string, std::string>> pending_;

   private:
    static constexpr size_t kMaxRecorded = 200000;
    std::unordered_set<size_t> recorded_;
    std::string key_;
  };

  FieldWeights weights_;
  analysis::Analyzer analyzer_;
  analysis::ShortTextVerdicts short_verdicts_;
  SynonymRecorder synonyms_;
};

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_DOCUMENT_BUILDER_H_
