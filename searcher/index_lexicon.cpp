#include "searcher/index_lexicon.h"

#include "indexer/index/schema.h"

namespace haku::search {

void IndexLexicon::AddMorphology(std::string_view word, std::string_view lang,
                                 analysis::TermForms& forms) {
  try {
    // Most of an index's languages have no lemmas or parts: one look-up
    // per language and process, not one per word and language.
    if (!HasMorphology(lang)) return;
    std::string key = index::SynonymKey(lang, word);
    bool known = false;
    for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
      std::string term = *it;
      known = true;
      if (term.starts_with(analysis::kLemmaPrefix)) {
        analysis::AddUniqueTerm(forms.lemmas, std::move(term));
      } else if (term.starts_with(analysis::kPartPrefix)) {
        analysis::AddUniqueTerm(forms.parts, std::move(term));
      }
    }
    // A form no page uses may still be a base form that pages' inflections
    // were indexed under ("potilas" with only "potilaiden" indexed). The
    // caller drops the term when the index lacks it.
    if (!known) {
      analysis::AddUniqueTerm(forms.lemmas, std::string(analysis::kLemmaPrefix) + std::string(word));
    }
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // the searcher reopens the index and asks again
  } catch (const Xapian::Error&) {
    // An unreadable synonym table costs the query its lemmas, not its answer.
  }
}

bool IndexLexicon::HasMorphology(std::string_view lang) {
  auto it = has_morphology_.find(lang);
  if (it != has_morphology_.end()) return it->second;
  std::string prefix = index::SynonymKey(lang, "");
  bool has = db_.synonym_keys_begin(prefix) != db_.synonym_keys_end(prefix);
  has_morphology_.emplace(std::string(lang), has);
  return has;
}

double IndexLexicon::KnownShare(std::string_view, const std::vector<std::string>&) { return 0.0; }

}  // namespace haku::search
