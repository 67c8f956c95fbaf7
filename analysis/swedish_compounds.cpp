// analysis/swedish_compounds.cpp -- compound splitting by asking Hunspell.
//
// Hunspell does not say where it would split a word, and says nothing at all
// for a compound it lists whole. So each candidate part is put to it in a
// probe compound with a word known to combine freely ("bil", "hund": flags
// COMPOUNDBEGIN and COMPOUNDEND in sv_SE.dic): "läkemedels" may begin a
// compound iff Hunspell accepts "läkemedelshund"; "vård" may end one iff it
// accepts "bilvård". The dictionary's own flags and linking-morpheme affixes
// then decide, not a list of ours.
#include "analysis/swedish_compounds.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <utility>

#include "analysis/spell_dictionary.h"
#include "common/bounded_cache.h"

namespace haku::analysis {
namespace {

constexpr size_t kMinPartLetters = 3;
constexpr size_t kMaxParts = 4;
constexpr size_t kMaxLetters = 60;
// Probe words that may begin and end a compound. The second replaces the
// first where the two would stand side by side as the same word, which
// Hunspell refuses (CHECKCOMPOUNDDUP: "bilbil").
constexpr std::string_view kProbe = "bil";
constexpr std::string_view kOtherProbe = "hund";

// Byte offsets of the code points of well-formed `word`, plus its size;
// empty for invalid UTF-8 or an embedded NUL.
std::vector<size_t> CodePointOffsets(std::string_view word) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  std::vector<size_t> offsets;
  for (int32_t i = 0; i < length;) {
    offsets.push_back(static_cast<size_t>(i));
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c <= 0) return {};
  }
  offsets.push_back(word.size());
  return offsets;
}

size_t Letters(std::string_view text) {
  const std::vector<size_t> offsets = CodePointOffsets(text);
  return offsets.empty() ? 0 : offsets.size() - 1;
}

// `text` without its last `count` code points.
std::string DropLast(std::string_view text, size_t count) {
  const std::vector<size_t> offsets = CodePointOffsets(text);
  if (offsets.size() <= count) return "";
  return std::string(text.substr(0, offsets[offsets.size() - 1 - count]));
}

std::string Concat(std::string_view a, std::string_view b,
                   std::string_view c = "") {
  std::string result;
  result.reserve(a.size() + b.size() + c.size());
  result.append(a).append(b).append(c);
  return result;
}

// Finds the best split of one word. Pieces are [begin, end) in code points.
class WordSplitter {
 public:
  WordSplitter(SpellDictionary* dictionary, std::string_view word)
      : dictionary_(dictionary),
        word_(word),
        offsets_(CodePointOffsets(word)),
        letters_(offsets_.empty() ? 0 : offsets_.size() - 1),
        heads_((letters_ + 1) * (letters_ + 1), kUnknown),
        tails_(letters_ + 1, kUnknown),
        cuts_((letters_ + 1) * (kMaxParts + 1), kUnknown) {}

  std::vector<std::string> Split() {
    if (letters_ < 2 * kMinPartLetters || letters_ > kMaxLetters) return {};
    if (!dictionary_->Check(word_).known) return {};
    for (size_t parts = 2; parts <= kMaxParts; ++parts) {
      if (parts * kMinPartLetters > letters_) break;
      if (CanSplit(0, parts)) {
        return IsInflectedSimpleWord(parts) ? std::vector<std::string>()
                                            : Parts(parts);
      }
    }
    return {};
  }

 private:
  static constexpr int kUnknown = -1;

  static size_t CutIndex(size_t begin, size_t parts) {
    return begin * (kMaxParts + 1) + parts;
  }

  std::string_view Piece(size_t begin, size_t end) const {
    return word_.substr(offsets_[begin], offsets_[end] - offsets_[begin]);
  }

  // Whether the word is an inflection of a word the first piece nearly
  // covers, so the split is an accident: "liggande" is ligga + nde, not
  // ligg + ande; "användande" is använda + nde. Compounds keep their stem
  // whole ("kortkommandon" -> "kortkommando") or stem only the last part.
  bool IsInflectedSimpleWord(size_t parts) {
    const auto first_end = static_cast<size_t>(cuts_[CutIndex(0, parts)]);
    const std::string_view head = Piece(0, first_end);
    for (const std::string& stem : dictionary_->Stems(word_)) {
      // A stem equal to the head is Hunspell's stem of a compound's first
      // part ("maskininlärning" -> "maskin"): no contradiction.
      if (stem.size() > head.size() && stem.starts_with(head) &&
          Letters(stem) < first_end + kMinPartLetters) {
        return true;
      }
    }
    return false;
  }

  // Whether [begin, letters_) splits into `parts` pieces; remembers where
  // the first piece ends (longest first).
  bool CanSplit(size_t begin, size_t parts) {
    if (parts == 1) return IsTail(begin);
    int& cut = cuts_[CutIndex(begin, parts)];
    if (cut != kUnknown) return cut != 0;
    cut = 0;
    if (begin + parts * kMinPartLetters > letters_) return false;
    const size_t rest = (parts - 1) * kMinPartLetters;
    for (size_t end = letters_ - rest; end >= begin + kMinPartLetters; --end) {
      if (CanSplit(end, parts - 1) && IsHead(begin, end)) {
        cut = static_cast<int>(end);
        break;
      }
    }
    return cut != 0;
  }

  std::vector<std::string> Parts(size_t parts) {
    std::vector<std::string> result;
    size_t begin = 0;
    for (; parts > 1; --parts) {
      const auto end = static_cast<size_t>(cuts_[CutIndex(begin, parts)]);
      result.push_back(HeadBaseForm(Piece(begin, end)));
      begin = end;
    }
    result.emplace_back(Piece(begin, letters_));
    return result;
  }

  // A simple word that may begin (begin == 0) or continue a compound.
  bool IsHead(size_t begin, size_t end) {
    int& known = heads_[begin * (letters_ + 1) + end];
    if (known != kUnknown) return known != 0;
    const std::string_view piece = Piece(begin, end);
    known = 0;
    if (dictionary_->Check(piece).compound) return false;
    const std::string_view after =
        piece.ends_with(kProbe) ? kOtherProbe : kProbe;
    const std::string_view before = begin == 0 ? "" : kOtherProbe;
    known = dictionary_->Check(Concat(before, piece, after)).known;
    return known != 0;
  }

  // A simple word that may end a compound.
  bool IsTail(size_t begin) {
    int& known = tails_[begin];
    if (known != kUnknown) return known != 0;
    const std::string_view piece = Piece(begin, letters_);
    const SpellDictionary::Verdict verdict = dictionary_->Check(piece);
    known = 0;
    if (!verdict.known || verdict.compound) return false;
    const std::string_view before =
        piece.starts_with(kProbe) ? kOtherProbe : kProbe;
    known = dictionary_->Check(Concat(before, piece)).known;
    return known != 0;
  }

  // The dictionary word behind a compound-initial form: "läkemedels" ->
  // "läkemedel", "vecko" -> "vecka", "hyres" -> "hyra", "förar" -> "förare";
  // the form itself when it is a stem or nothing fits.
  std::string HeadBaseForm(std::string_view piece) {
    for (const std::string& stem : dictionary_->Stems(piece)) {
      if (stem == piece) return stem;
    }
    const std::string drop1 = DropLast(piece, 1);
    const std::string drop2 = DropLast(piece, 2);
    std::vector<std::string> candidates = {Concat(piece, "a"),
                                           Concat(piece, "e"),
                                           Concat(drop1, "a"),
                                           Concat(drop1, "e"),
                                           drop1,
                                           Concat(drop2, "a"),
                                           drop2};
    if (piece.ends_with('s')) candidates.insert(candidates.begin(), drop1);
    for (const std::string& candidate : candidates) {
      if (candidate != piece && IsSimpleWord(candidate)) return candidate;
    }
    return std::string(piece);
  }

  bool IsSimpleWord(std::string_view text) {
    if (Letters(text) < kMinPartLetters) return false;
    const SpellDictionary::Verdict verdict = dictionary_->Check(text);
    return verdict.known && !verdict.compound;
  }

  SpellDictionary* dictionary_;
  std::string_view word_;
  std::vector<size_t> offsets_;
  size_t letters_;
  std::vector<int> heads_;  // [begin * (letters_ + 1) + end]: 0, 1 or unknown
  std::vector<int> tails_;  // [begin]
  std::vector<int> cuts_;   // [CutIndex(begin, parts)]: end, 0 = none
};

}  // namespace

struct SwedishCompounds::Impl {
  Impl(std::unique_ptr<SpellDictionary> sv, size_t capacity)
      : dictionary(std::move(sv)), cache(capacity), lemma_cache(capacity) {}

  std::unique_ptr<SpellDictionary> dictionary;
  BoundedCache<std::vector<std::string>> cache;
  BoundedCache<std::vector<std::string>> lemma_cache;
};

std::unique_ptr<SwedishCompounds> SwedishCompounds::Create(
    size_t cache_entries) {
  SpellDictionaryOptions options;
  options.cache_entries = cache_entries;
  std::unique_ptr<SpellDictionary> dictionary =
      SpellDictionary::Open("sv", options);
  if (dictionary == nullptr) return nullptr;
  return std::unique_ptr<SwedishCompounds>(new SwedishCompounds(
      std::make_unique<Impl>(std::move(dictionary), cache_entries)));
}

SwedishCompounds::SwedishCompounds(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

SwedishCompounds::~SwedishCompounds() = default;

const std::vector<std::string>& SwedishCompounds::Split(std::string_view word) {
  if (const std::vector<std::string>* cached = impl_->cache.Find(word)) return *cached;
  std::vector<std::string> parts =
      WordSplitter(impl_->dictionary.get(), word).Split();
  return impl_->cache.Put(word, std::move(parts));
}

namespace {

// A lemma differs from its word by an inflectional ending (at most
// "-heternas") and a changed stem end ("-a" in "hjälpa", "-ing"): it keeps
// all but the last few letters of the word.
bool IsInflectionOf(std::string_view lemma, std::string_view word) {
  constexpr size_t kMaxEnding = 6, kMaxChangedTail = 3;
  if (lemma.empty()) return false;
  size_t lemma_letters = Letters(lemma), word_letters = Letters(word);
  if (lemma_letters + kMaxEnding < word_letters) return false;
  size_t common = 0;
  while (common < lemma.size() && common < word.size() && lemma[common] == word[common]) ++common;
  size_t shorter = std::min(lemma_letters, word_letters);
  return Letters(word.substr(0, common)) + kMaxChangedTail >= shorter;
}

}  // namespace

const std::vector<std::string>& SwedishCompounds::Lemmas(std::string_view word) {
  if (const std::vector<std::string>* cached = impl_->lemma_cache.Find(word)) return *cached;
  std::vector<std::string> lemmas;
  for (std::string& stem : impl_->dictionary->Stems(word)) {
    if (!IsInflectionOf(stem, word)) continue;
    if (std::find(lemmas.begin(), lemmas.end(), stem) == lemmas.end()) lemmas.push_back(std::move(stem));
  }
  return impl_->lemma_cache.Put(word, std::move(lemmas));
}

bool SwedishCompounds::IsKnownWord(std::string_view word) {
  return impl_->dictionary->IsKnownWord(word);
}

}  // namespace haku::analysis
