#include "pdf/text_string.h"

#include <cstdint>
#include <optional>

#include "utf8.h"

namespace sealcheck::pdf {
namespace {

// PDFDocEncoding where it differs from Latin-1 (ISO 32000 Annex D, as
// pdf.js's table has it: 0x9F and 0xAD stay as they are).
char32_t pdfdoc(std::uint8_t b) {
  static constexpr char16_t k18[8] = {0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC};
  static constexpr char16_t k80[33] = {0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039,
                                       0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A,
                                       0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017D, 0x0131,
                                       0x0142, 0x0153, 0x0161, 0x017E, 0x009F, 0x20AC};
  if (b >= 0x18 && b <= 0x1F) return k18[b - 0x18];
  if (b >= 0x80 && b <= 0xA0) return k80[b - 0x80];
  return b;
}

std::string from_pdfdoc(std::string_view s) {
  std::string out;
  for (const char c : s) utf8_append(out, pdfdoc(static_cast<std::uint8_t>(c)));
  return out;
}

std::optional<std::string> from_utf16(std::string_view s, bool big_endian) {
  std::string out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    const auto unit = [&](std::size_t k) {
      const auto a = static_cast<std::uint8_t>(s[k]), b = static_cast<std::uint8_t>(s[k + 1]);
      return static_cast<char16_t>(big_endian ? (a << 8 | b) : (b << 8 | a));
    };
    const char16_t u = unit(i);
    if (u >= 0xDC00 && u <= 0xDFFF) return std::nullopt;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= s.size()) return std::nullopt;
      const char16_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      utf8_append(out, 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00));
      i += 2;
      continue;
    }
    utf8_append(out, u);
  }
  return out;
}

}  // namespace

TextString decode_text_string(std::string_view s) {
  TextString t;
  const bool be = s.size() >= 2 && s[0] == '\xFE' && s[1] == '\xFF';
  const bool le = s.size() >= 2 && s[0] == '\xFF' && s[1] == '\xFE';
  if (be || le) {
    std::string_view body = s.substr(2);
    if (body.size() % 2 == 1) {
      body.remove_suffix(1);  // pdf.js drops the odd byte
      t.exact = false;
    }
    if (auto u = from_utf16(body, be)) {
      t.utf8 = std::move(*u);
      return t;
    }
  } else if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") {
    if (utf8_valid(s.substr(3))) {
      t.utf8 = std::string(s.substr(3));
      return t;
    }
  } else {
    t.utf8 = from_pdfdoc(s);
    return t;
  }
  // A marked string that does not decode: pdf.js reads its bytes as
  // PDFDocEncoding instead.
  t.utf8 = from_pdfdoc(s);
  t.exact = false;
  return t;
}

}  // namespace sealcheck::pdf
