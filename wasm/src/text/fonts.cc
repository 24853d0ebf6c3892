#include "text/fonts.h"

#include <algorithm>
#include <cmath>

#include "sealcheck/limits.h"
#include "text/gbk.h"
#include "text/pdf_access.h"

namespace sealcheck::text {
namespace {

// "uni4E2D", "uni4E2D6587" (several), "u4E2D", "u1F600".
std::u32string unicode_of_name(std::string_view name) {
  std::u32string out;
  if (const auto u = unicode_of_glyph_name(name)) {
    out.push_back(*u);
    return out;
  }
  auto hex = [](std::string_view h) -> std::optional<char32_t> {
    char32_t v = 0;
    for (const char c : h) {
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<char32_t>(d);
    }
    return v;
  };
  auto usable = [](char32_t c) { return c > 0x1F && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF); };
  if (name.size() >= 7 && name.substr(0, 3) == "uni" && (name.size() - 3) % 4 == 0) {
    for (std::size_t i = 3; i < name.size(); i += 4) {
      const auto c = hex(name.substr(i, 4));
      if (!c || !usable(*c)) return {};
      out.push_back(*c);
    }
    return out;
  }
  if (name.size() >= 5 && name.size() <= 7 && name[0] == 'u') {
    if (const auto c = hex(name.substr(1)); c && usable(*c)) out.push_back(*c);
  }
  return out;
}

BaseEncoding base_named(std::string_view n) {
  if (n == "WinAnsiEncoding") return BaseEncoding::kWinAnsi;
  if (n == "MacRomanEncoding") return BaseEncoding::kMacRoman;
  if (n == "StandardEncoding") return BaseEncoding::kStandard;
  return BaseEncoding::kNone;
}

}  // namespace

std::shared_ptr<const Font> Font::load(pdf::Document& doc, const pdf::Object& font_obj, const Tables& tables) {
  auto f = std::make_shared<Font>();
  const pdf::Object resolved = doc.resolve(font_obj);
  const pdf::Dict* fd = resolved.as_dict();
  if (fd == nullptr) return f;
  const pdf::Object subtype = get(doc, *fd, "Subtype");
  if (const pdf::Object tu = get(doc, *fd, "ToUnicode"); tu.as_stream()) {
    if (auto bytes = stream_data(doc, tu, limits::kMaxCMapBytes)) {
      f->m_to_unicode = CMap::parse(*bytes);
      f->m_has_to_unicode = f->m_to_unicode.error().empty() && f->m_to_unicode.unicode_count() > 0;
    }
  }

  if (subtype.is_name("Type0")) {
    f->m_kind = Kind::kComposite;
    f->m_default_width = 1000;
    const pdf::Object enc = get(doc, *fd, "Encoding");
    if (const pdf::Name* n = enc.as_name()) {
      const std::string& e = n->value;
      f->m_vertical = e.size() > 2 && e.substr(e.size() - 2) == "-V";
      const std::string stem = e.size() > 2 ? e.substr(0, e.size() - 2) : e;
      if (stem == "Identity") {
        f->m_collection = Collection::kIdentity;
        f->m_encoding.add_codespace(2, 0x0000, 0xFFFF);
      } else if (stem == "UniGB-UCS2") {
        f->m_collection = Collection::kUcs2;
        f->m_encoding.add_codespace(2, 0x0000, 0xFFFF);
      } else if (stem == "UniGB-UTF16") {
        f->m_collection = Collection::kUtf16;
        f->m_encoding.add_codespace(2, 0x0000, 0xD7FF);
        f->m_encoding.add_codespace(4, 0xD800DC00, 0xDBFFDFFF);
        f->m_encoding.add_codespace(2, 0xE000, 0xFFFF);
      } else if (stem == "GBK-EUC" || stem == "GB-EUC") {
        f->m_collection = Collection::kGbk;
        f->m_encoding.add_codespace(1, 0x00, 0x80);
        if (stem == "GBK-EUC") {
          f->m_encoding.add_codespace(2, 0x8140, 0xFEFE);
        } else {
          f->m_encoding.add_codespace(2, 0xA1A1, 0xFEFE);
        }
        f->m_gbk = tables.gbk;
        f->m_needs_gbk = tables.gbk.size() != kGbkTableBytes && !f->m_has_to_unicode;
      } else {
        // Another predefined CMap: codes split as two bytes, text unmapped
        // unless the font's ToUnicode says.
        f->m_encoding.add_codespace(2, 0x0000, 0xFFFF);
      }
    } else if (enc.as_stream()) {
      if (auto bytes = stream_data(doc, enc, limits::kMaxCMapBytes)) f->m_encoding = CMap::parse(*bytes);
      f->m_collection = Collection::kEmbedded;
      f->m_vertical = f->m_encoding.vertical();
      if (!f->m_encoding.has_codespace()) f->m_encoding.add_codespace(2, 0x0000, 0xFFFF);
    }
    const pdf::Object kids = get(doc, *fd, "DescendantFonts");
    const pdf::Array* ka = kids.as_array();
    const pdf::Object cid_font = ka && !ka->empty() ? doc.resolve(ka->front()) : pdf::Object{};
    if (const pdf::Dict* cd = cid_font.as_dict()) {
      if (const auto dw = number_of(get(doc, *cd, "DW"))) f->m_default_width = *dw;
      const pdf::Object w = get(doc, *cd, "W");
      if (const pdf::Array* wa = w.as_array()) {
        // [c [w1 w2 ...]] and [c_first c_last w] (bounded by the array's size).
        for (std::size_t i = 0; i + 1 < wa->size() && f->m_cid_widths.size() < limits::kMaxCMapCodes;) {
          const auto first = number_of(doc.resolve((*wa)[i]));
          const pdf::Object second = doc.resolve((*wa)[i + 1]);
          if (!first || *first < 0 || *first > 0xFFFFFF) break;
          if (const pdf::Array* list = second.as_array()) {
            for (std::size_t k = 0; k < list->size(); ++k) {
              const auto v = number_of(doc.resolve((*list)[k]));
              const auto cid = static_cast<std::uint32_t>(*first) + static_cast<std::uint32_t>(k);
              if (v) f->m_cid_widths.push_back({cid, cid, *v});
            }
            i += 2;
          } else if (i + 2 < wa->size()) {
            const auto last = number_of(second);
            const auto v = number_of(doc.resolve((*wa)[i + 2]));
            if (last && v && *last >= *first && *last <= 0xFFFFFF)
              f->m_cid_widths.push_back({static_cast<std::uint32_t>(*first), static_cast<std::uint32_t>(*last), *v});
            i += 3;
          } else {
            break;
          }
        }
        // A later entry wins: keep the last of equal starts, sorted by start.
        for (std::size_t k = 0; k < f->m_cid_widths.size(); ++k)
          f->m_cid_widths[k].order = static_cast<std::uint32_t>(k);
        std::sort(f->m_cid_widths.begin(), f->m_cid_widths.end(), [](const CidWidths& a, const CidWidths& b) {
          return a.first != b.first ? a.first < b.first : a.order < b.order;
        });
      }
    }
    return f;
  }

  // Simple fonts.
  f->m_kind = subtype.is_name("Type3") ? Kind::kType3 : Kind::kSimple;
  BaseEncoding base = f->m_kind == Kind::kType3 ? BaseEncoding::kNone : BaseEncoding::kStandard;
  const pdf::Object enc = get(doc, *fd, "Encoding");
  const pdf::Dict* enc_dict = enc.as_dict();
  if (const pdf::Name* n = enc.as_name()) {
    base = base_named(n->value);
  } else if (enc_dict) {
    const pdf::Object b = get(doc, *enc_dict, "BaseEncoding");
    if (const pdf::Name* n = b.as_name()) base = base_named(n->value);
  }
  // A symbolic font's built-in encoding is unknown without parsing the font
  // program: only ToUnicode and /Differences speak for it.
  const pdf::Object descriptor = get(doc, *fd, "FontDescriptor");
  if (const pdf::Dict* desc = descriptor.as_dict()) {
    const auto flags = number_of(get(doc, *desc, "Flags"));
    if (flags && *flags >= 0 && *flags < 4294967296.0 && (static_cast<std::int64_t>(*flags) & 4) && !enc.as_name() &&
        !(enc_dict && enc_dict->find("BaseEncoding")))
      base = BaseEncoding::kNone;
    if (const auto mw = number_of(get(doc, *desc, "MissingWidth"))) f->m_default_width = *mw;
  }
  for (int c = 0; c < 256; ++c) {
    f->m_simple[c] = unicode_of_code(base, static_cast<std::uint8_t>(c));
  }
  if (enc_dict) {
    const pdf::Object diffs = get(doc, *enc_dict, "Differences");
    if (const pdf::Array* da = diffs.as_array()) {
      std::int64_t code = -1;
      for (const pdf::Object& item : *da) {
        const pdf::Object v = doc.resolve(item);
        if (const auto* i = v.as_int()) {
          code = *i;
        } else if (const pdf::Name* name = v.as_name(); name && code >= 0 && code < 256) {
          const std::u32string u = unicode_of_name(name->value);
          f->m_simple[code] = u.size() == 1 ? u[0] : 0;
          std::erase_if(f->m_simple_long, [&](const auto& e) { return e.first == code; });
          if (u.size() > 1) f->m_simple_long.emplace_back(static_cast<std::uint8_t>(code), u);
          ++code;
        }
      }
    }
  }
  if (f->m_kind == Kind::kType3) {
    const pdf::Object fm = get(doc, *fd, "FontMatrix");
    const pdf::Array* m = fm.as_array();
    double a = 0.001, d = 0.001;
    if (m && m->size() == 6) {
      a = number_of(doc.resolve((*m)[0])).value_or(0.001);
      d = number_of(doc.resolve((*m)[3])).value_or(0.001);
    }
    f->m_width_scale = a;
    f->m_em = std::abs(d) * 1000;
  }
  const auto first = number_of(get(doc, *fd, "FirstChar"));
  const pdf::Object widths = get(doc, *fd, "Widths");
  if (const pdf::Array* wa = widths.as_array(); wa && first && *first >= 0 && *first < 256) {
    f->m_first_char = static_cast<int>(*first);
    for (std::size_t i = 0; i < wa->size() && i < 256; ++i) {
      f->m_widths.push_back(number_of(doc.resolve((*wa)[i])).value_or(f->m_default_width));
    }
  } else if (f->m_kind == Kind::kSimple) {
    f->m_default_width = 500;  // a standard font without /Widths: an average Latin advance
  }
  return f;
}

std::u32string Font::unicode_of(const CharCode& code) const {
  if (m_has_to_unicode) {
    if (const std::u32string* u = m_to_unicode.unicode(code.value)) return *u;
  }
  if (m_kind != Kind::kComposite) {
    if (code.value >= 256) return {};
    if (m_simple[code.value] != 0) return std::u32string(1, m_simple[code.value]);
    for (const auto& [c, u] : m_simple_long) {
      if (c == code.value) return u;
    }
    return {};
  }
  switch (m_collection) {
    case Collection::kUcs2:
      return code.value >= 0x20 && !(code.value >= 0xD800 && code.value <= 0xDFFF) ? std::u32string(1, code.value)
                                                                                   : std::u32string();
    case Collection::kUtf16: {
      std::string bytes;
      for (int k = code.length - 1; k >= 0; --k) bytes.push_back(static_cast<char>(code.value >> (8 * k) & 0xff));
      std::u32string u = utf16be_to_u32(bytes);
      return u.size() == 1 && u[0] >= 0x20 && u[0] != 0xFFFD ? u : std::u32string();
    }
    case Collection::kGbk:
      if (code.length == 1) return code.value >= 0x20 && code.value < 0x7F ? std::u32string(1, code.value) : U"";
      if (const char32_t u = gbk_lookup(m_gbk, code.value)) return std::u32string(1, u);
      return {};
    case Collection::kNone:
    case Collection::kIdentity:
    case Collection::kEmbedded: return {};
  }
  return {};
}

double Font::width_of(const CharCode& code) const {
  if (m_kind != Kind::kComposite) {
    const int i = static_cast<int>(code.value) - m_first_char;
    const double w = i >= 0 && i < static_cast<int>(m_widths.size()) ? m_widths[i] : m_default_width;
    return w * m_width_scale;
  }
  // The CID: known for Identity and embedded CMaps; the predefined Unicode
  // and GBK CMaps put the printable ASCII range at Adobe-GB1 CIDs 1..95
  // (proportional Latin); other codes take the default (full) width.
  std::int64_t cid = -1;
  switch (m_collection) {
    case Collection::kIdentity: cid = code.value; break;
    case Collection::kEmbedded: cid = m_encoding.cid(code); break;
    case Collection::kUcs2:
    case Collection::kUtf16:
    case Collection::kGbk:
      if (code.value >= 0x20 && code.value <= 0x7E) cid = code.value - 0x1F;
      break;
    case Collection::kNone: break;
  }
  if (cid >= 0) {
    const auto c = static_cast<std::uint32_t>(cid);
    auto it = std::upper_bound(m_cid_widths.begin(), m_cid_widths.end(), c,
                               [](std::uint32_t v, const CidWidths& w) { return v < w.first; });
    // Ranges do not overlap in any sane font: the nearest start decides.
    if (it != m_cid_widths.begin() && c <= std::prev(it)->last) return std::prev(it)->width * 0.001;
  }
  return m_default_width * 0.001;
}

void Font::decode(std::string_view bytes, std::vector<ShownGlyph>& out) const {
  for (std::size_t i = 0; i < bytes.size();) {
    CharCode code;
    if (m_kind == Kind::kComposite) {
      code = m_encoding.next_code(bytes, i);
    } else {
      code = {static_cast<unsigned char>(bytes[i]), 1, true};
      ++i;
    }
    ShownGlyph g;
    g.text = unicode_of(code);
    g.width = width_of(code);
    g.word_space = code.length == 1 && code.value == 32;
    out.push_back(std::move(g));
  }
}

}  // namespace sealcheck::text
