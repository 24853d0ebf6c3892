// UTF-8 in one place: the JSON reader, PDF text strings and the
// certificate-data checks all agree on what is well-formed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sealcheck {

// The code point at t[i], advancing i past it; nullopt (i unchanged) when
// the bytes there are not well-formed UTF-8: no overlongs, no surrogates,
// nothing above U+10FFFF, no truncated sequence.
inline std::optional<char32_t> utf8_next(std::string_view t, std::size_t& i) {
  const auto c = static_cast<unsigned char>(t[i]);
  const std::size_t len = c < 0x80                 ? 1
                          : c >= 0xc2 && c <= 0xdf ? 2
                          : c >= 0xe0 && c <= 0xef ? 3
                          : c >= 0xf0 && c <= 0xf4 ? 4
                                                   : 0;
  if (len == 0 || i + len > t.size()) return std::nullopt;
  char32_t cp = len == 1 ? c : c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(t[i + k]);
    if ((cc & 0xc0) != 0x80) return std::nullopt;
    cp = cp << 6 | (cc & 0x3f);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
    return std::nullopt;
  }
  i += len;
  return cp;
}

inline bool utf8_valid(std::string_view t) {
  for (std::size_t i = 0; i < t.size();) {
    if (!utf8_next(t, i)) return false;
  }
  return true;
}

inline void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

}  // namespace sealcheck
