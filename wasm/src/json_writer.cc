#include "json_writer.h"

#include <cstdio>

namespace sealcheck {

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) m_out.push_back(',');
    m_first.back() = false;
  }
}

void JsonWriter::open(char c) {
  separate();
  m_out.push_back(c);
  m_first.push_back(true);
}

void JsonWriter::close(char c) {
  m_out.push_back(c);
  m_first.pop_back();
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  quoted(k);
  m_out.push_back(':');
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view v) {
  separate();
  quoted(v);
  return *this;
}

JsonWriter& JsonWriter::number(long long v) {
  separate();
  m_out += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
  separate();
  m_out += v ? "true" : "false";
  return *this;
}

// Escapes control characters, quotes and backslashes. Invalid UTF-8 is
// replaced by U+FFFD so the output is always valid JSON.
void JsonWriter::quoted(std::string_view v) {
  m_out.push_back('"');
  std::size_t i = 0;
  while (i < v.size()) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            static constexpr char kHex[] = "0123456789abcdef";
            m_out += "\\u00";
            m_out.push_back(kHex[c >> 4]);
            m_out.push_back(kHex[c & 15]);
          } else {
            m_out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // Validate one UTF-8 sequence.
    std::size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
    if (c >= 0xf5) len = 0;
    bool ok = len != 0 && i + len <= v.size();
    unsigned cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(v[i + k]);
      if ((cc & 0xc0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (ok && ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
               (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))) {
      ok = false;
    }
    if (ok) {
      m_out.append(v.substr(i, len));
      i += len;
    } else {
      m_out += "\xef\xbf\xbd";
      ++i;
    }
  }
  m_out.push_back('"');
}

}  // namespace sealcheck
