// searcher/query_parser.h -- the haku query language, parsed into a tree.
//
//   word            any analysed form of it (exact, stem, lemma, compound part)
//   "two words"     a phrase over the exact forms
//   a AND b         both; `a b AND c` is `a OR (b AND c)`, as in Xapian
//   a OR b          either (also the default between plain words)
//   a NOT b         a without b (`a AND NOT b` too; a leading NOT excludes)
//   +word -word     must have / must not have
//   prefix*         exact forms that start with `prefix`
//   ( ... )         grouping
//   title:word  title:"a phrase"  title:pre*      in titles and link texts
//   site:HOST  lang:CODE  list:NAME  section:"A B"  type:html   filters, as the flags
// Operators are upper case only: "and", "or", "not" are words. A token
// such as `http://x` whose name is no field is a plain word.
//
// The parser knows nothing of Xapian or of analysis: it splits the text
// and keeps the byte range of every leaf, for spelling corrections. Pure
// functions; thread-safe.
#ifndef HAKU_SEARCHER_QUERY_PARSER_H_
#define HAKU_SEARCHER_QUERY_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace haku::search {

struct QueryNode {
  enum class Kind {
    kWord,      // text: the word as typed (may hold several tokens: "MIMIC-IV")
    kPhrase,    // text: what was between the quotes
    kWildcard,  // text: the prefix, without '*'
    kFilter,    // field: site, lang, list, section or type; text: its value
    kAnd,       // every child
    kOr,        // any child
    kAndNot,    // the first child without any of the others
    kGroup,     // juxtaposed children: + required, - excluded, others optional
  };
  enum class Sign { kNone, kRequired, kExcluded };

  Kind kind = Kind::kGroup;
  Sign sign = Sign::kNone;
  std::string field;  // "title" on a word, phrase or wildcard; the filter name on kFilter
  std::string text;
  size_t begin = 0;  // byte range of `text` in the parsed string
  size_t end = 0;
  std::vector<QueryNode> children;
};

struct QueryParserOptions {
  size_t max_depth = 32;   // parentheses and NOT chains nest at most this deep
  size_t max_leaves = 64;  // words, phrases and filters beyond are dropped
};

struct ParsedQuery {
  QueryNode root;       // a kGroup
  size_t dropped = 0;   // leaves beyond QueryParserOptions::max_leaves
};

// The tree of `text`, which must be valid UTF-8 (analysis::SanitizeUtf8).
// Control characters count as spaces. InvalidArgument, with a message
// saying what is wrong ("unbalanced quote", "AND needs a word on each
// side", ...), when the text does not parse as written; the caller then
// searches its plain words. An empty or all-blank text is an empty group.
Result<ParsedQuery> ParseQuery(std::string_view text, const QueryParserOptions& options = {});

// True for the field names above.
bool IsQueryField(std::string_view name);

}  // namespace haku::search

#endif  // HAKU_SEARCHER_QUERY_PARSER_H_
