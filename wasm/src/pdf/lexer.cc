#include "pdf/lexer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "sealcheck/limits.h"

namespace sealcheck::pdf {

bool is_pdf_whitespace(std::uint8_t c) noexcept {
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

bool is_pdf_delimiter(std::uint8_t c) noexcept {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
         c == '%';
}

int hex_digit(std::uint8_t c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

namespace {

bool is_regular(std::uint8_t c) { return !is_pdf_whitespace(c) && !is_pdf_delimiter(c); }

}  // namespace

void Lexer::skip_whitespace_and_comments() noexcept {
  while (m_pos < m_data.size()) {
    const std::uint8_t c = m_data[m_pos];
    if (is_pdf_whitespace(c)) {
      ++m_pos;
    } else if (c == '%') {
      while (m_pos < m_data.size() && m_data[m_pos] != '\n' && m_data[m_pos] != '\r') ++m_pos;
    } else {
      return;
    }
  }
}

Token Lexer::error(std::size_t start, const char* why) {
  Token t;
  t.type = TokenType::kError;
  t.begin = start;
  t.end = m_pos;
  t.text = why;
  return t;
}

Token Lexer::next() {
  skip_whitespace_and_comments();
  const std::size_t start = m_pos;
  Token t;
  t.begin = start;
  if (m_pos >= m_data.size()) {
    t.end = m_pos;
    return t;  // kEof
  }
  const std::uint8_t c = m_data[m_pos];
  switch (c) {
    case '[':
    case ']':
    case '{':
    case '}':
      ++m_pos;
      t.type = c == '[' ? TokenType::kArrayOpen : c == ']' ? TokenType::kArrayClose : TokenType::kKeyword;
      t.text.assign(1, static_cast<char>(c));
      t.end = m_pos;
      return t;
    case '/': return name(start);
    case '(': return literal_string(start);
    case '<':
      if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '<') {
        m_pos += 2;
        t.type = TokenType::kDictOpen;
        t.end = m_pos;
        return t;
      }
      return hex_string(start);
    case '>':
      if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '>') {
        m_pos += 2;
        t.type = TokenType::kDictClose;
        t.end = m_pos;
        return t;
      }
      ++m_pos;
      return error(start, "stray '>'");
    case ')': ++m_pos; return error(start, "stray ')'");
    default: break;
  }
  if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') return number(start);
  while (m_pos < m_data.size() && is_regular(m_data[m_pos])) {
    if (m_pos - start > limits::kMaxNameBytes) return error(start, "keyword too long");
    ++m_pos;
  }
  t.type = TokenType::kKeyword;
  t.text.assign(reinterpret_cast<const char*>(m_data.data()) + start, m_pos - start);
  t.end = m_pos;
  return t;
}

// A PDF real, [+-]digits.digits (no exponent: ISO 32000 7.3.3), already
// checked by the caller. Mantissa over a power of ten, both exact, makes
// one correctly rounded division for up to 19 significant digits and 22
// decimals -- what strtod gives, without the C library's float scanner
// (several kilobytes of the wasm engine). Digits beyond are dropped.
double decimal_value(std::string_view text) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) ++i;
  std::uint64_t mantissa = 0;
  int significant = 0, scale = 0, dropped = 0;
  bool after_dot = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '.') {
      after_dot = true;
      continue;
    }
    if (significant < 19) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[i] - '0');
      if (mantissa != 0) ++significant;
      if (after_dot) ++scale;
    } else if (!after_dot) {
      ++dropped;  // an integer part too long to keep: scale it up instead
    }
  }
  double v = static_cast<double>(mantissa);
  for (; dropped > 0; --dropped) v *= 10;
  for (; scale > 22; scale -= 22) v /= kPow10[22];
  v /= kPow10[scale];
  return negative ? -v : v;
}

Token Lexer::number(std::size_t start) {
  std::size_t p = m_pos;
  bool dot = false, digits = false;
  if (m_data[p] == '+' || m_data[p] == '-') ++p;
  while (p < m_data.size() && (std::isdigit(m_data[p]) || (m_data[p] == '.' && !dot))) {
    if (m_data[p] == '.')
      dot = true;
    else
      digits = true;
    ++p;
  }
  // Anything glued to a number ("12abc", "1.2.3") is not a number.
  if (!digits || (p < m_data.size() && is_regular(m_data[p]))) {
    while (p < m_data.size() && is_regular(m_data[p])) ++p;
    m_pos = p;
    return error(start, "malformed number");
  }
  m_pos = p;
  if (p - start > limits::kMaxNumberChars) return error(start, "number too long");
  const std::string text(reinterpret_cast<const char*>(m_data.data()) + start, p - start);
  Token t;
  t.begin = start;
  t.end = p;
  if (dot) {
    t.type = TokenType::kReal;
    t.real = decimal_value(text);
    return t;
  }
  errno = 0;
  const long long v = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE) return error(start, "integer out of range");
  t.type = TokenType::kInteger;
  t.integer = v;
  return t;
}

Token Lexer::name(std::size_t start) {
  ++m_pos;  // '/'
  Token t;
  t.type = TokenType::kName;
  t.begin = start;
  while (m_pos < m_data.size() && is_regular(m_data[m_pos])) {
    std::uint8_t c = m_data[m_pos++];
    if (c == '#' && m_pos + 1 < m_data.size() && hex_digit(m_data[m_pos]) >= 0 && hex_digit(m_data[m_pos + 1]) >= 0) {
      c = static_cast<std::uint8_t>(hex_digit(m_data[m_pos]) << 4 | hex_digit(m_data[m_pos + 1]));
      m_pos += 2;
    }
    if (t.text.size() >= limits::kMaxNameBytes) return error(start, "name too long");
    t.text.push_back(static_cast<char>(c));
  }
  t.end = m_pos;
  return t;
}

Token Lexer::literal_string(std::size_t start) {
  ++m_pos;  // '('
  Token t;
  t.type = TokenType::kString;
  t.begin = start;
  int depth = 1;
  while (m_pos < m_data.size()) {
    if (t.text.size() >= limits::kMaxStringBytes) return error(start, "string too long");
    std::uint8_t c = m_data[m_pos++];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) {
        t.end = m_pos;
        return t;
      }
    } else if (c == '\\') {
      if (m_pos >= m_data.size()) break;
      c = m_data[m_pos++];
      switch (c) {
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '\r':  // line continuation
          if (m_pos < m_data.size() && m_data[m_pos] == '\n') ++m_pos;
          continue;
        case '\n': continue;
        default:
          if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int k = 0; k < 2 && m_pos < m_data.size() && m_data[m_pos] >= '0' && m_data[m_pos] <= '7'; ++k) {
              v = v * 8 + (m_data[m_pos++] - '0');
            }
            c = static_cast<std::uint8_t>(v & 0xff);
          }
          break;  // \( \) \\ and unknown escapes: the character itself
      }
    } else if (c == '\r') {
      // An unescaped end of line in a string reads as \n.
      if (m_pos < m_data.size() && m_data[m_pos] == '\n') ++m_pos;
      c = '\n';
    }
    t.text.push_back(static_cast<char>(c));
  }
  return error(start, "unterminated string");
}

Token Lexer::hex_string(std::size_t start) {
  ++m_pos;  // '<'
  Token t;
  t.type = TokenType::kHexString;
  t.begin = start;
  // Signature values are hex strings of tens of kilobytes: size the output
  // once from the distance to the closing '>' rather than growing it a byte
  // at a time.
  const auto* const base = m_data.data();
  const void* close = std::memchr(base + m_pos, '>', m_data.size() - m_pos);
  if (close == nullptr) {
    m_pos = m_data.size();
    return error(start, "unterminated hex string");
  }
  const std::size_t end = static_cast<std::size_t>(static_cast<const std::uint8_t*>(close) - base);
  t.text.resize(std::min((end - m_pos + 1) / 2, limits::kMaxStringBytes));
  std::size_t n = 0;
  int high = -1;
  for (; m_pos < end; ++m_pos) {
    const std::uint8_t c = base[m_pos];
    if (is_pdf_whitespace(c)) continue;
    const int v = hex_digit(c);
    if (v < 0) {
      ++m_pos;
      return error(start, "bad hex digit");
    }
    if (high < 0) {
      high = v;
    } else {
      if (n == t.text.size()) return error(start, "string too long");
      t.text[n++] = static_cast<char>(high << 4 | v);
      high = -1;
    }
  }
  if (high >= 0) {
    if (n == t.text.size()) return error(start, "string too long");
    t.text[n++] = static_cast<char>(high << 4);
  }
  t.text.resize(n);
  m_pos = end + 1;
  t.end = m_pos;
  return t;
}

}  // namespace sealcheck::pdf
