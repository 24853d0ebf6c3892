#include "pdf/parser.h"

#include <string_view>

#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

bool is_ref_number(const Token& t) {
  return t.type == TokenType::kInteger && t.integer >= 0 && t.integer <= limits::kMaxObjectNumber;
}

std::size_t find_bytes(std::span<const std::uint8_t> d, std::string_view needle, std::size_t from, std::size_t limit) {
  const std::string_view hay(reinterpret_cast<const char*>(d.data()), std::min(d.size(), limit));
  const std::size_t p = from < hay.size() ? hay.find(needle, from) : std::string_view::npos;
  return p;
}

}  // namespace

std::optional<Object> Parser::fail(std::string why) {
  m_error = std::move(why);
  return std::nullopt;
}

std::optional<Object> Parser::parse_object(int depth) { return parse_after(m_lexer.next(), depth); }

std::optional<Object> Parser::parse_after(Token t, int depth) {
  if (depth > limits::kMaxNesting) return fail("nesting too deep");
  switch (t.type) {
    case TokenType::kEof: return fail("unexpected end of file");
    case TokenType::kError: return fail(t.text);
    case TokenType::kReal: return Object(t.real, t.begin);
    case TokenType::kName: return Object(Name{std::move(t.text)}, t.begin);
    case TokenType::kString:
    case TokenType::kHexString:
      return Object(String{std::move(t.text), t.type == TokenType::kHexString, t.begin, t.end}, t.begin);
    case TokenType::kArrayOpen: return parse_array(t.begin, depth + 1);
    case TokenType::kDictOpen: return parse_dict(t.begin, depth + 1);
    case TokenType::kArrayClose:
    case TokenType::kDictClose: return fail("unexpected closing delimiter");
    case TokenType::kKeyword:
      if (t.text == "true") return Object(true, t.begin);
      if (t.text == "false") return Object(false, t.begin);
      if (t.text == "null") return Object(Null{}, t.begin);
      return fail("unexpected keyword " + t.text.substr(0, 32));
    case TokenType::kInteger: {
      // "n g R" needs two tokens of look-ahead.
      if (is_ref_number(t)) {
        const std::size_t save = m_lexer.position();
        const Token gen = m_lexer.next();
        if (gen.type == TokenType::kInteger && gen.integer >= 0 && gen.integer <= 65535) {
          const Token r = m_lexer.next();
          if (r.type == TokenType::kKeyword && r.text == "R") {
            return Object(Ref{static_cast<std::uint32_t>(t.integer), static_cast<std::uint32_t>(gen.integer)}, t.begin);
          }
        }
        m_lexer.seek(save);
      }
      return Object(t.integer, t.begin);
    }
  }
  return fail("unknown token");
}

std::optional<Object> Parser::parse_array(std::size_t begin, int depth) {
  auto items = std::make_shared<Array>();
  for (;;) {
    Token t = m_lexer.next();
    if (t.type == TokenType::kArrayClose) return Object(std::shared_ptr<const Array>(std::move(items)), begin);
    if (items->size() >= limits::kMaxContainerItems) return fail("array too large");
    auto o = parse_after(std::move(t), depth);
    if (!o) return std::nullopt;
    items->push_back(std::move(*o));
  }
}

std::optional<Object> Parser::parse_dict(std::size_t begin, int depth) {
  auto dict = std::make_shared<Dict>();
  for (;;) {
    Token key = m_lexer.next();
    if (key.type == TokenType::kDictClose) return Object(std::shared_ptr<const Dict>(std::move(dict)), begin);
    if (key.type != TokenType::kName) return fail("dictionary key is not a name");
    if (dict->entries.size() >= limits::kMaxContainerItems) return fail("dictionary too large");
    auto value = parse_object(depth);
    if (!value) return std::nullopt;
    dict->entries.emplace_back(std::move(key.text), std::move(*value));
  }
}

std::optional<IndirectObject> Parser::parse_indirect(std::size_t offset, const LengthResolver& resolve_length) {
  auto data = m_lexer.data();
  m_lexer.seek(offset);
  const Token num = m_lexer.next();
  const Token gen = m_lexer.next();
  const Token obj = m_lexer.next();
  if (!is_ref_number(num) || gen.type != TokenType::kInteger || gen.integer < 0 || gen.integer > 65535 ||
      obj.type != TokenType::kKeyword || obj.text != "obj") {
    m_error = "no object header at offset " + std::to_string(offset);
    return std::nullopt;
  }
  IndirectObject io;
  io.ref = {static_cast<std::uint32_t>(num.integer), static_cast<std::uint32_t>(gen.integer)};
  io.begin = num.begin;
  auto value = parse_object();
  if (!value) return std::nullopt;

  const std::size_t after_value = m_lexer.position();
  Token t = m_lexer.next();
  if (t.type == TokenType::kKeyword && t.text == "stream" && value->as_dict() != nullptr &&
      value->as_stream() == nullptr) {
    // "stream" is followed by CRLF or LF (a lone CR is tolerated).
    std::size_t p = t.end;
    if (p < data.size() && data[p] == '\r') ++p;
    if (p < data.size() && data[p] == '\n') ++p;
    const std::size_t data_begin = p;
    std::optional<std::int64_t> length;
    if (const Object* l = value->as_dict()->find("Length")) {
      if (const auto* i = l->as_int())
        length = *i;
      else if (const auto* r = l->as_ref(); r != nullptr && resolve_length)
        length = resolve_length(*r);
    }
    // Trust /Length only if "endstream" follows it; otherwise search.
    std::size_t data_end = std::string_view::npos;
    if (length && *length >= 0 && static_cast<std::size_t>(*length) <= data.size() - data_begin) {
      Lexer probe(data, data_begin + static_cast<std::size_t>(*length));
      const Token e = probe.next();
      if (e.type == TokenType::kKeyword && e.text == "endstream")
        data_end = data_begin + static_cast<std::size_t>(*length);
    }
    if (data_end == std::string_view::npos) {
      const std::size_t e = find_bytes(data, "endstream", data_begin, data.size());
      if (e == std::string_view::npos) {
        m_error = "stream without endstream";
        return std::nullopt;
      }
      data_end = e;
      // The EOL before "endstream" is not data.
      if (data_end > data_begin && data[data_end - 1] == '\n') --data_end;
      if (data_end > data_begin && data[data_end - 1] == '\r') --data_end;
    }
    Stream s;
    const auto* dict_obj = std::get_if<std::shared_ptr<const Dict>>(&value->value());
    s.dict = *dict_obj;
    s.data_begin = data_begin;
    s.data_length = data_end - data_begin;
    io.object = Object(std::move(s), value->offset());
    m_lexer.seek(data_end);
    const Token es = m_lexer.next();
    if (es.type != TokenType::kKeyword || es.text != "endstream") {
      m_error = "stream data not followed by endstream";
      return std::nullopt;
    }
    t = m_lexer.next();
  } else {
    io.object = std::move(*value);
  }
  if (t.type == TokenType::kKeyword && t.text == "endobj") {
    io.end = t.end;
  } else {
    // Missing endobj is common and harmless; the caller may warn.
    io.end = after_value;
    m_lexer.seek(after_value);
  }
  return io;
}

}  // namespace sealcheck::pdf
