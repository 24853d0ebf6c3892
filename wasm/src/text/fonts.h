// Fonts as far as text extraction needs them: how a shown string splits
// into codes, what Unicode text each code stands for, and how far each one
// advances. Simple fonts (Type1, TrueType, Type3) and composite (Type0)
// fonts with Identity, embedded, or the predefined Chinese CMaps
// (UniGB-UCS2, UniGB-UTF16, GBK-EUC, GB-EUC, each -H or -V).
//
// Which text a code stands for, in order: the font's ToUnicode CMap; the
// predefined CMap's own character collection (UCS-2, UTF-16, GBK); the
// simple font's /Differences glyph name or base encoding. A code none of
// them maps is reported as unmapped (U+FFFD), never guessed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/document.h"
#include "text/cmap.h"
#include "text/glyph_names.h"

namespace sealcheck::text {

// Data tables a host may supply. GBK: the GBK code table (see gbk.h);
// without it, GBK-EUC and GB-EUC text is unmapped and reported as such.
struct Tables final {
  std::span<const std::uint8_t> gbk;
};

struct ShownGlyph final {
  std::u32string text;      // empty: the code maps to no text
  double width = 0;         // horizontal advance, text space (1 = the font size)
  bool word_space = false;  // the single-byte code 32: word spacing applies
};

class Font final {
 public:
  // Never fails: an unreadable font yields one whose codes are unmapped.
  static std::shared_ptr<const Font> load(pdf::Document& doc, const pdf::Object& font, const Tables& tables);

  void decode(std::string_view bytes, std::vector<ShownGlyph>& out) const;
  bool vertical() const { return m_vertical; }
  // The em's height in text space: 1, or for a Type 3 font what its
  // FontMatrix makes of 1000 glyph units.
  double em() const { return m_em; }
  // A GBK-encoded font met without the GBK table.
  bool needs_gbk() const { return m_needs_gbk; }
  // The mappings its CMaps hold (a page's fonts share one budget of them).
  std::size_t cmap_size() const { return m_to_unicode.size() + m_encoding.size(); }

 private:
  enum class Kind { kSimple, kType3, kComposite };
  enum class Collection { kNone, kIdentity, kEmbedded, kUcs2, kUtf16, kGbk };

  std::u32string unicode_of(const CharCode& code) const;
  double width_of(const CharCode& code) const;

  Kind m_kind = Kind::kSimple;
  Collection m_collection = Collection::kNone;
  bool m_vertical = false;
  bool m_needs_gbk = false;
  double m_em = 1;
  double m_width_scale = 0.001;  // glyph units -> text space
  CMap m_encoding;               // composite fonts: the code split (and CIDs when embedded)
  CMap m_to_unicode;
  bool m_has_to_unicode = false;
  std::span<const std::uint8_t> m_gbk;
  // Simple fonts: code -> Unicode from the encoding and /Differences.
  // One character per code (0: none); a name standing for several
  // ("uni4E2D6587") in m_simple_long.
  std::array<char32_t, 256> m_simple{};
  std::vector<std::pair<std::uint8_t, std::u32string>> m_simple_long;
  // Widths: simple fonts by code, composite by CID (/W ranges).
  std::vector<double> m_widths;
  int m_first_char = 0;
  double m_default_width = 0;  // glyph units
  struct CidWidths {
    std::uint32_t first, last;
    double width;
    std::uint32_t order = 0;  // as written: of equal starts, the later wins
  };
  std::vector<CidWidths> m_cid_widths;
};

}  // namespace sealcheck::text
