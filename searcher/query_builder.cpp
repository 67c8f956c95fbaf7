#include "searcher/query_builder.h"

#include "analysis/normalizer.h"
#include "analysis/tokenizer.h"

namespace haku::search {
namespace {

Xapian::Query Scaled(const std::vector<std::string>& terms, double weight) {
  if (terms.empty()) return Xapian::Query();
  Xapian::Query q(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, weight);
}

}  // namespace

QueryBuilder::QueryBuilder(analysis::Analyzer& analyzer, std::vector<std::string> langs,
                           QueryWeights weights)
    : analyzer_(analyzer), langs_(std::move(langs)), weights_(weights) {}

Xapian::Query QueryBuilder::WordQuery(const std::string& word) {
  analysis::TermForms f = analyzer_.Forms(word, langs_);
  std::vector<Xapian::Query> parts;
  auto add = [&](const std::vector<std::string>& terms, double weight) {
    if (terms.empty()) return;
    terms_.insert(terms.begin(), terms.end());
    parts.push_back(Scaled(terms, weight));
  };
  add({f.exact}, weights_.exact);
  add(f.stems, weights_.stem);
  add(f.lemmas, weights_.lemma);
  // A word typed without diacritics meets the folded forms of words that
  // have them; one typed with them needs no folding.
  if (analysis::IsAscii(word)) {
    std::vector<std::string> folded = {std::string(analysis::kFoldPrefix) + word};
    for (const std::string& stem : f.stems) {
      folded.push_back(std::string(analysis::kFoldStemPrefix) + stem.substr(stem.find(':') + 1));
    }
    add(folded, weights_.folded);
  }
  add(f.parts, weights_.part);
  std::vector<std::string> part_of = {std::string(analysis::kPartPrefix) + word};
  add(part_of, weights_.part);
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query QueryBuilder::Build(std::string_view text) {
  terms_.clear();
  std::string clean = analysis::SanitizeUtf8(text);
  std::vector<Xapian::Query> words;
  std::string previous;
  for (const analysis::Token& t : analysis::Tokenize(clean)) {
    words.push_back(WordQuery(t.norm));
    if (t.joined && !previous.empty()) {
      // "MIMIC-IV" also meets "mimiciv".
      terms_.insert(previous + t.norm);
      words.push_back(Xapian::Query(previous + t.norm));
    }
    previous = t.norm;
  }
  if (words.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

}  // namespace haku::search
