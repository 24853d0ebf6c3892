// CMaps (ISO 32000-1 9.7.5 and 9.10.3): how a composite font's bytes split
// into codes, which CID a code selects, and which Unicode text a code
// stands for (ToUnicode). Parsed from the program text with the PDF lexer;
// bounded by limits.h (statements and codes mapped), so a hostile CMap
// costs at most a fixed amount of time and memory.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sealcheck::text {

struct CharCode final {
  std::uint32_t value = 0;
  std::uint8_t length = 1;  // bytes
  bool in_codespace = true;
};

class CMap final {
 public:
  // Parses a CMap program. On a program over the limits, `error` says so and
  // the CMap maps nothing (callers then report the text as unmapped).
  static CMap parse(std::span<const std::uint8_t> program);

  // Codespace: the byte ranges that make a code of 1 to 4 bytes.
  void add_codespace(std::uint8_t length, std::uint32_t low, std::uint32_t high);
  bool has_codespace() const { return !m_codespace.empty(); }
  // The next code at s[i]; advances i by its length (at least 1). A code
  // outside every codespace range takes the shortest range's length.
  CharCode next_code(std::string_view s, std::size_t& i) const;

  // ToUnicode: the text of a code, or nullptr when the CMap maps it to none.
  const std::u32string* unicode(std::uint32_t code) const;
  // Encoding CMaps: the CID of a code, or -1.
  std::int64_t cid(const CharCode& code) const;

  bool vertical() const { return m_vertical; }
  const std::string& error() const { return m_error; }
  // The predefined CMap this one builds on (usecmap), if any.
  const std::string& base() const { return m_base; }
  std::size_t unicode_count() const { return m_unicode.size(); }
  // Every mapping held (text and CIDs): what parsing it cost.
  std::size_t size() const { return m_unicode.size() + m_cid.size(); }

 private:
  struct Space {
    std::uint8_t length;
    std::uint32_t low, high;
  };
  bool map_unicode(std::uint32_t code, std::u32string text);
  bool map_cid(std::uint8_t length, std::uint32_t code, std::uint32_t cid);
  // Sorts the mappings for lookup; of a code defined twice, the later
  // definition stays (as in viewers).
  void finish();

  std::vector<Space> m_codespace;
  // Flat, sorted by code once parsed: no allocation per mapping.
  struct UnicodeEntry {
    std::uint32_t code;
    std::u32string text;
  };
  std::vector<UnicodeEntry> m_unicode;
  // (length << 56 | code << 24 | definition order) -> CID: the order makes
  // a plain sort keep definitions in sequence.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> m_cid;
  std::string m_base;
  std::string m_error;
  bool m_vertical = false;
};

// UTF-16BE bytes to code points (unpaired surrogates become U+FFFD).
std::u32string utf16be_to_u32(std::string_view bytes);

}  // namespace sealcheck::text
