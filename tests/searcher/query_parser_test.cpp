// The query language, parsed: a good table and a bad one.
#include "searcher/query_parser.h"

#include <doctest/doctest.h>

#include <string>

namespace haku::search {
namespace {

// A compact dump of a tree: "(a (AND b c))".
std::string Dump(const QueryNode& n) {
  std::string sign = n.sign == QueryNode::Sign::kRequired   ? "+"
                     : n.sign == QueryNode::Sign::kExcluded ? "-"
                                                            : "";
  std::string field = n.field.empty() ? "" : n.field + ":";
  switch (n.kind) {
    case QueryNode::Kind::kWord:
      return sign + field + n.text;
    case QueryNode::Kind::kPhrase:
      return sign + field + "\"" + n.text + "\"";
    case QueryNode::Kind::kWildcard:
      return sign + field + n.text + "*";
    case QueryNode::Kind::kFilter:
      return sign + field + n.text;
    default:
      break;
  }
  std::string out = sign + "(";
  if (n.kind == QueryNode::Kind::kAnd) out += "AND ";
  if (n.kind == QueryNode::Kind::kOr) out += "OR ";
  if (n.kind == QueryNode::Kind::kAndNot) out += "NOT ";
  for (size_t i = 0; i < n.children.size(); ++i) out += (i ? " " : "") + Dump(n.children[i]);
  return out + ")";
}

}  // namespace

TEST_CASE("the query language parses as documented") {
  struct {
    const char* text;
    const char* tree;
  } cases[] = {
      {"", "()"},
      {"  \t ", "()"},
      {"a b", "(a b)"},
      {"\"open source\" data", "(\"open source\" data)"},
      {"a AND b", "((AND a b))"},
      {"a b AND c", "(a (AND b c))"},
      {"a OR b AND c", "((OR a (AND b c)))"},
      {"a NOT b", "((NOT a b))"},
      {"a AND NOT b", "((NOT a b))"},
      {"NOT a", "(-a)"},
      {"+a -b c", "(+a -b c)"},
      {"maskin*", "(maskin*)"},
      {"title:mimic", "(title:mimic)"},
      {"title:\"open data\"", "(title:\"open data\")"},
      {"title:pre*", "(title:pre*)"},
      {"site:physionet.org lang:sv list:x section:\"Open data\" type:pdf",
       "(site:physionet.org lang:sv list:x section:Open data type:pdf)"},
      {"-site:x.org", "(-site:x.org)"},
      {"(a OR b) c", "(((OR a b)) c)"},
      {"-(a b) c", "(-(a b) c)"},
      {"and or not", "(and or not)"},
      {"http://x.org/a", "(http://x.org/a)"},
      {"MIMIC-IV C++ x-ray", "(MIMIC-IV C++ x-ray)"},
      {"a - b", "(a - b)"},
      {"a \x01\x7f b", "(a b)"},
      {"* ** +", "(+)"},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    CAPTURE(text);
    Result<ParsedQuery> q = ParseQuery(c.text);
    REQUIRE(q.ok());
    CHECK(Dump(q->root) == c.tree);
  }
}

TEST_CASE("leaves keep their byte ranges") {
  Result<ParsedQuery> q = ParseQuery("+maskin \"open data\"");
  REQUIRE(q.ok());
  REQUIRE(q->root.children.size() == 2);
  CHECK(q->root.children[0].begin == 1);
  CHECK(q->root.children[0].end == 7);
  CHECK(q->root.children[1].begin == 9);
  CHECK(q->root.children[1].end == 18);
}

TEST_CASE("text that does not parse says why") {
  struct {
    const char* text;
    const char* error;
  } errors[] = {
      {"\"open data", "unbalanced quote"},
      {"a \"b\" \"c", "unbalanced quote"},
      {"a AND", "AND needs a word on each side"},
      {"OR b", "OR needs a word on each side"},
      {"AND OR NOT", "AND needs a word on each side"},
      {"a NOT", "NOT needs a word on each side"},
      {"NOT", "a NOT needs a word after it"},
      {"(a b", "unbalanced parenthesis"},
      {"a b)", "unbalanced parenthesis"},
      {"site:", "site: needs a value"},
      {"title: x", "title: needs a value"},
  };
  for (const auto& e : errors) {
    std::string text = e.text;
    CAPTURE(text);
    Result<ParsedQuery> q = ParseQuery(e.text);
    REQUIRE(!q.ok());
    CHECK(q.status().message() == e.error);
  }
}

TEST_CASE("budgets: nesting depth and number of leaves") {
  std::string deep(1000, '(');
  CHECK(!ParseQuery(deep + "a").ok());
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "NOT ";
  CHECK(!ParseQuery(nots + "a").ok());
  std::string many;
  for (int i = 0; i < 70; ++i) many += "w" + std::to_string(i) + " ";
  Result<ParsedQuery> q = ParseQuery(many);
  REQUIRE(q.ok());
  CHECK(q->dropped == 6);
}

}  // namespace haku::search
