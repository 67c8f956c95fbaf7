#include "searcher/query_parser.h"

#include <array>

namespace haku::search {
namespace {

constexpr std::array<std::string_view, 6> kFields = {"title", "site", "lang",
                                                     "list",  "section", "type"};

enum class TokenKind { kLeaf, kAnd, kOr, kNot, kOpen, kClose };

struct Token {
  TokenKind kind = TokenKind::kLeaf;
  QueryNode leaf;  // for kLeaf; its sign also applies to kOpen
};

bool IsSpace(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7F;
}

bool EndsChunk(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"'; }

// Splits the text into operators, parentheses and leaves.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // False with `error` set when a quote is left open or a field is empty.
  bool Run(std::vector<Token>& out, std::string& error) {
    while (true) {
      while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
      if (pos_ >= text_.size()) return true;
      if (!Next(out, error)) return false;
    }
  }

 private:
  bool Next(std::vector<Token>& out, std::string& error) {
    QueryNode::Sign sign = ReadSign();
    char c = text_[pos_];
    if (c == '(' || c == ')') {
      Token t{c == '(' ? TokenKind::kOpen : TokenKind::kClose, {}};
      t.leaf.sign = sign;
      ++pos_;
      out.push_back(std::move(t));
      return true;
    }
    std::string field = ReadField();
    Token t;
    t.leaf.sign = sign;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      if (!ReadPhrase(t.leaf, error)) return false;
    } else {
      ReadChunk(t.leaf);
    }
    if (!field.empty()) {
      if (t.leaf.text.empty()) {
        error = field + ": needs a value";
        return false;
      }
      if (field != "title") t.leaf.kind = QueryNode::Kind::kFilter;
      t.leaf.field = field;
    } else if (sign == QueryNode::Sign::kNone && t.leaf.kind == QueryNode::Kind::kWord) {
      if (t.leaf.text == "AND") t.kind = TokenKind::kAnd;
      if (t.leaf.text == "OR") t.kind = TokenKind::kOr;
      if (t.leaf.text == "NOT") t.kind = TokenKind::kNot;
    }
    // A lone '*' or '+' says nothing.
    if (t.kind == TokenKind::kLeaf && t.leaf.text.empty()) return true;
    out.push_back(std::move(t));
    return true;
  }

  // '+' or '-' directly before a word, phrase or parenthesis.
  QueryNode::Sign ReadSign() {
    char c = text_[pos_];
    if ((c != '+' && c != '-') || pos_ + 1 >= text_.size() || IsSpace(text_[pos_ + 1])) {
      return QueryNode::Sign::kNone;
    }
    ++pos_;
    return c == '+' ? QueryNode::Sign::kRequired : QueryNode::Sign::kExcluded;
  }

  // "title:" and the like; "" (and nothing consumed) for anything else.
  std::string ReadField() {
    size_t colon = pos_;
    while (colon < text_.size() && text_[colon] >= 'a' && text_[colon] <= 'z') ++colon;
    if (colon >= text_.size() || text_[colon] != ':') return "";
    std::string name(text_.substr(pos_, colon - pos_));
    if (!IsQueryField(name)) return "";
    pos_ = colon + 1;
    return name;
  }

  bool ReadPhrase(QueryNode& leaf, std::string& error) {
    size_t close = text_.find('"', pos_ + 1);
    if (close == std::string_view::npos) {
      error = "unbalanced quote";
      return false;
    }
    leaf.kind = QueryNode::Kind::kPhrase;
    leaf.begin = pos_ + 1;
    leaf.end = close;
    leaf.text = std::string(text_.substr(leaf.begin, leaf.end - leaf.begin));
    pos_ = close + 1;
    return true;
  }

  void ReadChunk(QueryNode& leaf) {
    size_t end = pos_;
    while (end < text_.size() && !EndsChunk(text_[end])) ++end;
    leaf.kind = QueryNode::Kind::kWord;
    leaf.begin = pos_;
    size_t stem_end = end;
    while (stem_end > pos_ && text_[stem_end - 1] == '*') --stem_end;
    if (stem_end < end) leaf.kind = QueryNode::Kind::kWildcard;
    leaf.end = stem_end;
    leaf.text = std::string(text_.substr(pos_, stem_end - pos_));
    pos_ = end;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// Recursive descent over the tokens:
//   group := or_expr*            (until the end or a closing parenthesis)
//   or    := and (OR and)*
//   and   := unary ((AND | NOT | AND NOT) unary)*
//   unary := NOT unary | '(' group ')' | leaf
class Parser {
 public:
  Parser(std::vector<Token> tokens, const QueryParserOptions& options)
      : tokens_(std::move(tokens)), options_(options) {}

  Result<ParsedQuery> Run() {
    ParsedQuery out{Group(), 0};
    if (error_.empty() && pos_ < tokens_.size()) error_ = "unbalanced parenthesis";
    if (!error_.empty()) return Status::InvalidArgument(error_);
    if (leaves_ > options_.max_leaves) out.dropped = leaves_ - options_.max_leaves;
    return out;
  }

 private:
  bool AtEnd() const { return pos_ >= tokens_.size(); }
  bool At(TokenKind kind) const { return !AtEnd() && tokens_[pos_].kind == kind; }
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  QueryNode Group() {
    QueryNode group;
    group.kind = QueryNode::Kind::kGroup;
    while (error_.empty() && !AtEnd() && !At(TokenKind::kClose)) {
      group.children.push_back(Or());
    }
    return group;
  }

  QueryNode Or() {
    QueryNode left = And();
    if (!At(TokenKind::kOr)) return left;
    QueryNode node;
    node.kind = QueryNode::Kind::kOr;
    node.children.push_back(std::move(left));
    while (error_.empty() && At(TokenKind::kOr)) {
      ++pos_;
      node.children.push_back(Operand("OR"));
    }
    return node;
  }

  QueryNode And() {
    QueryNode left = Unary();
    while (error_.empty() && (At(TokenKind::kAnd) || At(TokenKind::kNot))) {
      bool negate = At(TokenKind::kNot);
      ++pos_;
      if (!negate && At(TokenKind::kNot)) {  // AND NOT
        negate = true;
        ++pos_;
      }
      QueryNode right = Operand(negate ? "NOT" : "AND");
      QueryNode node;
      node.kind = negate ? QueryNode::Kind::kAndNot : QueryNode::Kind::kAnd;
      node.children.push_back(std::move(left));
      node.children.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  // The right-hand side of a binary operator: an AND expression after OR,
  // a unary one after AND and NOT.
  QueryNode Operand(const std::string& op) {
    if (AtEnd() || At(TokenKind::kClose) || At(TokenKind::kAnd) || At(TokenKind::kOr)) {
      Fail(op + " needs a word on each side");
      return {};
    }
    return op == "OR" ? And() : Unary();
  }

  QueryNode Unary() {
    if (AtEnd()) {
      Fail("a NOT needs a word after it");
      return {};
    }
    if (++depth_ > options_.max_depth) {
      Fail("nested too deeply");
      return {};
    }
    QueryNode node = UnaryBody();
    --depth_;
    return node;
  }

  QueryNode UnaryBody() {
    Token& t = tokens_[pos_];
    switch (t.kind) {
      case TokenKind::kNot: {
        ++pos_;
        QueryNode operand = Unary();
        operand.sign = QueryNode::Sign::kExcluded;
        return operand;
      }
      case TokenKind::kOpen: {
        ++pos_;
        QueryNode group = Group();
        group.sign = t.leaf.sign;
        if (!At(TokenKind::kClose)) Fail("unbalanced parenthesis");
        ++pos_;
        return group;
      }
      case TokenKind::kLeaf:
        ++pos_;
        if (++leaves_ > options_.max_leaves) return {};
        return std::move(t.leaf);
      case TokenKind::kClose:
        Fail("unbalanced parenthesis");
        return {};
      default:
        Fail(std::string(t.kind == TokenKind::kAnd ? "AND" : "OR") +
             " needs a word on each side");
        return {};
    }
  }

  std::vector<Token> tokens_;
  QueryParserOptions options_;
  size_t pos_ = 0;
  size_t depth_ = 0;
  size_t leaves_ = 0;
  std::string error_;
};

}  // namespace

bool IsQueryField(std::string_view name) {
  for (std::string_view f : kFields) {
    if (f == name) return true;
  }
  return false;
}

Result<ParsedQuery> ParseQuery(std::string_view text, const QueryParserOptions& options) {
  std::vector<Token> tokens;
  std::string error;
  if (!Lexer(text).Run(tokens, error)) return Status::InvalidArgument(error);
  return Parser(std::move(tokens), options).Run();
}

}  // namespace haku::search
