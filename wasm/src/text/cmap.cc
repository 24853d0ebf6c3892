#include "text/cmap.h"

#include <algorithm>
#include <optional>

#include "pdf/lexer.h"
#include "sealcheck/limits.h"
#include "text/glyph_names.h"

namespace sealcheck::text {
namespace {

using pdf::Token;
using pdf::TokenType;

std::optional<std::uint32_t> code_of(const Token& t, std::uint8_t& length) {
  if (t.type != TokenType::kHexString && t.type != TokenType::kString) return std::nullopt;
  if (t.text.empty() || t.text.size() > 4) return std::nullopt;
  std::uint32_t v = 0;
  for (const char c : t.text) v = v << 8 | static_cast<unsigned char>(c);
  length = static_cast<std::uint8_t>(t.text.size());
  return v;
}

bool byte_in(std::uint32_t v, std::uint32_t low, std::uint32_t high, std::uint8_t length) {
  for (int k = 0; k < length; ++k) {
    const std::uint32_t shift = 8u * static_cast<std::uint32_t>(length - 1 - k);
    const std::uint32_t b = v >> shift & 0xff;
    if (b < (low >> shift & 0xff) || b > (high >> shift & 0xff)) return false;
  }
  return true;
}

}  // namespace

std::u32string utf16be_to_u32(std::string_view b) {
  std::u32string out;
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
    const char32_t u = static_cast<unsigned char>(b[i]) << 8 | static_cast<unsigned char>(b[i + 1]);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
      const char32_t lo = static_cast<unsigned char>(b[i + 2]) << 8 | static_cast<unsigned char>(b[i + 3]);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        out.push_back(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    out.push_back(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
  }
  return out;
}

void CMap::add_codespace(std::uint8_t length, std::uint32_t low, std::uint32_t high) {
  if (length >= 1 && length <= 4 && m_codespace.size() < 64) m_codespace.push_back({length, low, high});
}

CharCode CMap::next_code(std::string_view s, std::size_t& i) const {
  std::uint32_t v = 0;
  std::uint8_t shortest = 4;
  for (const Space& r : m_codespace) shortest = std::min(shortest, r.length);
  if (m_codespace.empty()) shortest = 1;
  for (std::uint8_t n = 1; n <= 4 && i + n <= s.size(); ++n) {
    v = v << 8 | static_cast<unsigned char>(s[i + n - 1]);
    for (const Space& r : m_codespace) {
      if (r.length == n && byte_in(v, r.low, r.high, n)) {
        i += n;
        return {v, n, true};
      }
    }
  }
  // Not in any range: consume the shortest code length, as viewers do.
  const std::size_t n = std::min<std::size_t>(shortest, s.size() - i);
  std::uint32_t w = 0;
  for (std::size_t k = 0; k < n; ++k) w = w << 8 | static_cast<unsigned char>(s[i + k]);
  i += n;
  return {w, static_cast<std::uint8_t>(n), m_codespace.empty()};
}

const std::u32string* CMap::unicode(std::uint32_t code) const {
  const auto it = std::lower_bound(m_unicode.begin(), m_unicode.end(), code,
                                   [](const UnicodeEntry& e, std::uint32_t c) { return e.code < c; });
  return it == m_unicode.end() || it->code != code ? nullptr : &it->text;
}

std::int64_t CMap::cid(const CharCode& code) const {
  const std::uint64_t key = static_cast<std::uint64_t>(code.length) << 56 | static_cast<std::uint64_t>(code.value)
                                                                                << 24;
  const auto it = std::lower_bound(m_cid.begin(), m_cid.end(), key + (1u << 24),
                                   [](const auto& e, std::uint64_t k) { return e.first < k; });
  // The entry just before is the last definition of this code, if any.
  if (it == m_cid.begin() || (std::prev(it)->first & ~std::uint64_t{0xFFFFFF}) != key) return -1;
  return std::prev(it)->second;
}

bool CMap::map_unicode(std::uint32_t code, std::u32string text) {
  if (m_unicode.size() >= limits::kMaxCMapCodes) {
    m_error = "the CMap maps more codes than the limit";
    return false;
  }
  m_unicode.push_back({code, std::move(text)});
  return true;
}

bool CMap::map_cid(std::uint8_t length, std::uint32_t code, std::uint32_t cid) {
  if (m_cid.size() >= limits::kMaxCMapCodes) {
    m_error = "the CMap maps more codes than the limit";
    return false;
  }
  // kMaxCMapCodes < 2^24: the definition order fits below the code.
  m_cid.emplace_back(static_cast<std::uint64_t>(length) << 56 | static_cast<std::uint64_t>(code) << 24 | m_cid.size(),
                     cid);
  return true;
}

void CMap::finish() {
  // Sorted by code; of a code defined twice only the later definition is
  // kept (as in viewers): the index sort breaks ties by definition order.
  std::vector<UnicodeEntry> sorted;
  sorted.reserve(m_unicode.size());
  std::vector<std::uint32_t> order(m_unicode.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return m_unicode[a].code != m_unicode[b].code ? m_unicode[a].code < m_unicode[b].code : a < b;
  });
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && m_unicode[order[i + 1]].code == m_unicode[order[i]].code) continue;
    sorted.push_back(std::move(m_unicode[order[i]]));
  }
  m_unicode = std::move(sorted);
  std::sort(m_cid.begin(), m_cid.end());
}

CMap CMap::parse(std::span<const std::uint8_t> program) {
  CMap m;
  pdf::Lexer lx(program);
  std::vector<Token> operands;
  std::size_t statements = 0;
  auto fail = [&](const char* why) {
    m.m_error = why;
    m.m_unicode.clear();
    m.m_cid.clear();
    return m;
  };
  for (;;) {
    Token t = lx.next();
    if (t.type == TokenType::kEof) break;
    if (t.type == TokenType::kError) continue;
    if (t.type != TokenType::kKeyword) {
      if (operands.size() >= 4096) return fail("a CMap section is too long");
      operands.push_back(std::move(t));
      continue;
    }
    const std::string& op = t.text;
    if (++statements > limits::kMaxCMapStatements) return fail("the CMap has more statements than the limit");
    if (op == "usecmap" && !operands.empty() && operands.back().type == TokenType::kName) {
      m.m_base = operands.back().text;
    } else if (op == "def" && operands.size() >= 2 && operands[operands.size() - 2].type == TokenType::kName &&
               operands[operands.size() - 2].text == "WMode" && operands.back().type == TokenType::kInteger) {
      m.m_vertical = operands.back().integer == 1;
    } else if (op == "endcodespacerange") {
      for (std::size_t k = 0; k + 1 < operands.size(); k += 2) {
        std::uint8_t l1 = 0, l2 = 0;
        const auto lo = code_of(operands[k], l1), hi = code_of(operands[k + 1], l2);
        if (lo && hi && l1 == l2) m.add_codespace(l1, *lo, *hi);
      }
    } else if (op == "endbfchar") {
      for (std::size_t k = 0; k + 1 < operands.size(); k += 2) {
        std::uint8_t l = 0;
        const auto code = code_of(operands[k], l);
        if (!code) continue;
        const Token& dst = operands[k + 1];
        std::u32string text;
        if (dst.type == TokenType::kHexString || dst.type == TokenType::kString) {
          text = utf16be_to_u32(dst.text);
        } else if (dst.type == TokenType::kName) {
          if (const auto u = unicode_of_glyph_name(dst.text)) text.push_back(*u);
        }
        if (!m.map_unicode(*code, std::move(text))) return fail("the CMap maps more codes than the limit");
      }
    } else if (op == "endbfrange") {
      std::size_t k = 0;
      while (k + 2 < operands.size()) {
        std::uint8_t l1 = 0, l2 = 0;
        const auto lo = code_of(operands[k], l1), hi = code_of(operands[k + 1], l2);
        const Token& dst = operands[k + 2];
        if (dst.type == TokenType::kArrayOpen) {
          // <lo> <hi> [<d1> <d2> ...]: one destination per code.
          std::size_t j = k + 3;
          std::uint32_t code = lo.value_or(0);
          while (j < operands.size() && operands[j].type != TokenType::kArrayClose) {
            if (lo && hi && code <= *hi) {
              if (!m.map_unicode(code, utf16be_to_u32(operands[j].text)))
                return fail("the CMap maps more codes than the limit");
              ++code;
            }
            ++j;
          }
          k = j + 1;
          continue;
        }
        k += 3;
        if (!lo || !hi || *hi < *lo || (dst.type != TokenType::kHexString && dst.type != TokenType::kString)) continue;
        if (*hi - *lo >= limits::kMaxCMapCodes) return fail("a CMap range is larger than the limit");
        const std::u32string base = utf16be_to_u32(dst.text);
        for (std::uint32_t c = *lo;; ++c) {
          std::u32string text = base;
          if (!text.empty()) text.back() += c - *lo;
          if (!m.map_unicode(c, std::move(text))) return fail("the CMap maps more codes than the limit");
          if (c == *hi) break;
        }
      }
    } else if (op == "endcidchar") {
      for (std::size_t k = 0; k + 1 < operands.size(); k += 2) {
        std::uint8_t l = 0;
        const auto code = code_of(operands[k], l);
        if (code && operands[k + 1].type == TokenType::kInteger && operands[k + 1].integer >= 0 &&
            !m.map_cid(l, *code, static_cast<std::uint32_t>(operands[k + 1].integer)))
          return fail("the CMap maps more codes than the limit");
      }
    } else if (op == "endcidrange") {
      for (std::size_t k = 0; k + 2 < operands.size(); k += 3) {
        std::uint8_t l1 = 0, l2 = 0;
        const auto lo = code_of(operands[k], l1), hi = code_of(operands[k + 1], l2);
        if (!lo || !hi || *hi < *lo || l1 != l2 || operands[k + 2].type != TokenType::kInteger ||
            operands[k + 2].integer < 0)
          continue;
        if (*hi - *lo >= limits::kMaxCMapCodes) return fail("a CMap range is larger than the limit");
        for (std::uint32_t c = *lo;; ++c) {
          if (!m.map_cid(l1, c, static_cast<std::uint32_t>(operands[k + 2].integer) + (c - *lo)))
            return fail("the CMap maps more codes than the limit");
          if (c == *hi) break;
        }
      }
    }
    operands.clear();
  }
  m.finish();
  return m;
}

}  // namespace sealcheck::text
