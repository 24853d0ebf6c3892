#include "sealcheck/json.h"

#include <cmath>
#include <cstdlib>

#include "utf8.h"

namespace sealcheck::json {
namespace {

// Length of the well-formed UTF-8 sequence at t[p], or 0.
std::size_t utf8_sequence_length(std::string_view t, std::size_t p) {
  std::size_t i = p;
  return utf8_next(t, i) ? i - p : 0;
}

class Reader final {
 public:
  explicit Reader(std::string_view t) : m_t(t) {}

  std::optional<Value> document() {
    auto v = value(0);
    ws();
    if (v && m_p != m_t.size()) return fail("trailing characters");
    return v;
  }
  const std::string& error() const { return m_error; }

 private:
  std::optional<Value> fail(const char* what) {
    if (m_error.empty()) m_error = std::string(what) + " at offset " + std::to_string(m_p);
    return std::nullopt;
  }
  void ws() {
    while (m_p < m_t.size() && (m_t[m_p] == ' ' || m_t[m_p] == '\t' || m_t[m_p] == '\n' || m_t[m_p] == '\r')) ++m_p;
  }
  bool literal(std::string_view word) {
    if (m_t.substr(m_p, word.size()) != word) return false;
    m_p += word.size();
    return true;
  }

  std::optional<Value> value(int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    ws();
    if (m_p >= m_t.size()) return fail("unexpected end");
    const char c = m_t[m_p];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      auto s = string();
      if (!s) return std::nullopt;
      return Value{std::move(*s)};
    }
    if (literal("true")) return Value{true};
    if (literal("false")) return Value{false};
    if (literal("null")) return Value{nullptr};
    return number();
  }

  std::optional<Value> object(int depth) {
    ++m_p;
    auto obj = std::make_shared<Object>();
    ws();
    if (m_p < m_t.size() && m_t[m_p] == '}') {
      ++m_p;
      return Value{obj};
    }
    for (;;) {
      ws();
      if (m_p >= m_t.size() || m_t[m_p] != '"') return fail("expected a key");
      auto key = string();
      if (!key) return std::nullopt;
      ws();
      if (m_p >= m_t.size() || m_t[m_p] != ':') return fail("expected ':'");
      ++m_p;
      auto v = value(depth + 1);
      if (!v) return std::nullopt;
      // Duplicate keys are ambiguous: refuse rather than pick one.
      if (!obj->emplace(std::move(*key), std::move(*v)).second) return fail("duplicate key");
      ws();
      if (m_p < m_t.size() && m_t[m_p] == ',') {
        ++m_p;
        continue;
      }
      if (m_p < m_t.size() && m_t[m_p] == '}') {
        ++m_p;
        return Value{obj};
      }
      return fail("expected ',' or '}'");
    }
  }

  std::optional<Value> array(int depth) {
    ++m_p;
    auto arr = std::make_shared<Array>();
    ws();
    if (m_p < m_t.size() && m_t[m_p] == ']') {
      ++m_p;
      return Value{arr};
    }
    for (;;) {
      auto v = value(depth + 1);
      if (!v) return std::nullopt;
      arr->push_back(std::move(*v));
      ws();
      if (m_p < m_t.size() && m_t[m_p] == ',') {
        ++m_p;
        continue;
      }
      if (m_p < m_t.size() && m_t[m_p] == ']') {
        ++m_p;
        return Value{arr};
      }
      return fail("expected ',' or ']'");
    }
  }

  static void put_utf8(std::string& out, std::uint32_t cp) { utf8_append(out, cp); }

  std::optional<std::uint32_t> hex4() {
    if (m_p + 4 > m_t.size()) return std::nullopt;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = m_t[m_p++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> string() {
    ++m_p;  // '"'
    std::string out;
    while (m_p < m_t.size()) {
      // Fast path: a run of plain printable ASCII is copied in one go.
      std::size_t run = m_p;
      while (run < m_t.size()) {
        const auto r = static_cast<unsigned char>(m_t[run]);
        if (r < 0x20 || r >= 0x80 || r == '"' || r == '\\') break;
        ++run;
      }
      out.append(m_t.substr(m_p, run - m_p));
      m_p = run;
      if (m_p >= m_t.size()) break;
      const auto c = static_cast<unsigned char>(m_t[m_p++]);
      if (c == '"') return out;
      if (c < 0x20) {
        fail("control character in string");
        return std::nullopt;
      }
      if (c >= 0x80) {
        // RFC 8259 text is UTF-8: a malformed sequence rejects the text
        // (otherwise what we read could not be written back unchanged).
        const std::size_t len = utf8_sequence_length(m_t, m_p - 1);
        if (len == 0) {
          fail("invalid UTF-8");
          return std::nullopt;
        }
        out.append(m_t.substr(m_p - 1, len));
        m_p += len - 1;
        continue;
      }
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (m_p >= m_t.size()) break;
      const char e = m_t[m_p++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          auto cp = hex4();
          if (!cp) {
            fail("bad \\u escape");
            return std::nullopt;
          }
          if (*cp >= 0xd800 && *cp <= 0xdbff) {
            if (m_p + 2 > m_t.size() || m_t[m_p] != '\\' || m_t[m_p + 1] != 'u') {
              fail("lone surrogate");
              return std::nullopt;
            }
            m_p += 2;
            auto lo = hex4();
            if (!lo || *lo < 0xdc00 || *lo > 0xdfff) {
              fail("bad surrogate pair");
              return std::nullopt;
            }
            *cp = 0x10000 + ((*cp - 0xd800) << 10) + (*lo - 0xdc00);
          } else if (*cp >= 0xdc00 && *cp <= 0xdfff) {
            fail("lone surrogate");
            return std::nullopt;
          }
          put_utf8(out, *cp);
          break;
        }
        default: fail("bad escape"); return std::nullopt;
      }
    }
    fail("unterminated string");
    return std::nullopt;
  }

  std::optional<Value> number() {
    const std::size_t start = m_p;
    if (m_p < m_t.size() && m_t[m_p] == '-') ++m_p;
    auto digits = [&] {
      const std::size_t s = m_p;
      while (m_p < m_t.size() && m_t[m_p] >= '0' && m_t[m_p] <= '9') ++m_p;
      return m_p - s;
    };
    if (m_p < m_t.size() && m_t[m_p] == '0') {
      ++m_p;
    } else if (digits() == 0) {
      return fail("unexpected character");
    }
    if (m_p < m_t.size() && m_t[m_p] == '.') {
      ++m_p;
      if (digits() == 0) return fail("bad number");
    }
    if (m_p < m_t.size() && (m_t[m_p] == 'e' || m_t[m_p] == 'E')) {
      ++m_p;
      if (m_p < m_t.size() && (m_t[m_p] == '+' || m_t[m_p] == '-')) ++m_p;
      if (digits() == 0) return fail("bad number");
    }
    // The value without strtod (whose parser is a tenth of the engine's libc):
    // exact for integers up to 2^53, which is all our formats use; within an
    // ulp or two otherwise.
    const std::string_view text = m_t.substr(start, m_p - start);
    std::size_t i = text[0] == '-' ? 1 : 0;
    std::uint64_t mantissa = 0;
    int exponent = 0, significant = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (significant < 19) {
        mantissa = mantissa * 10 + static_cast<unsigned>(text[i] - '0');
        if (mantissa != 0) ++significant;
      } else {
        ++exponent;
      }
    }
    if (i < text.size() && text[i] == '.') {
      for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        if (significant < 19) {
          mantissa = mantissa * 10 + static_cast<unsigned>(text[i] - '0');
          if (mantissa != 0) ++significant;
          --exponent;
        }
      }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      ++i;
      const bool negative = text[i] == '-';
      if (text[i] == '+' || text[i] == '-') ++i;
      int e = 0;
      for (; i < text.size(); ++i) e = std::min(e * 10 + (text[i] - '0'), 100000);
      exponent += negative ? -e : e;
    }
    double d = static_cast<double>(mantissa);
    if (mantissa != 0) {
      if (exponent > 400) return fail("number out of range");
      for (; exponent > 0; --exponent) d *= 10;
      for (; exponent < 0 && d != 0; ++exponent) d /= 10;
    }
    if (!std::isfinite(d)) return fail("number out of range");
    return Value{text[0] == '-' ? -d : d};
  }

  std::string_view m_t;
  std::size_t m_p = 0;
  std::string m_error;
};

}  // namespace

std::optional<Value> parse(std::string_view text, std::string* error) {
  if (text.size() > kMaxTextBytes) {
    if (error) *error = "text too large";
    return std::nullopt;
  }
  Reader r(text);
  auto v = r.document();
  if (!v && error) *error = r.error();
  return v;
}

const std::string* get_string(const Object& o, std::string_view key) {
  const auto it = o.find(key);
  return it == o.end() ? nullptr : it->second.as_string();
}

}  // namespace sealcheck::json
