// Hand-built PDFs for parser and coverage tests: a catalog, one signature
// field and its signature dictionary, with a /ByteRange placeholder the
// test fills in (any text that fits, so malformed arrays can be written).
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

namespace sealcheck::testing {

struct MiniPdf {
  std::string bytes;
  std::size_t range_pos = 0;  // where the /ByteRange value placeholder starts
  std::size_t gap_start = 0;  // the /Contents token
  std::size_t gap_end = 0;

  static constexpr std::size_t kRangeWidth = 48;

  std::span<const std::uint8_t> span() const {
    return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
  }

  // Replaces the /ByteRange value by `text`, padded with spaces.
  void set_range_text(const std::string& text) {
    std::string v = text;
    if (v.size() > kRangeWidth) v.resize(kRangeWidth);
    if (!v.empty() && v.back() == ']') {
      v.pop_back();
      v += std::string(kRangeWidth - v.size() - 1, ' ') + "]";
    } else {
      v += std::string(kRangeWidth - v.size(), ' ');
    }
    bytes.replace(range_pos, kRangeWidth, v);
  }

  void set_range(const std::vector<std::int64_t>& v) {
    std::string t = "[";
    for (std::size_t i = 0; i < v.size(); ++i) t += (i ? " " : "") + std::to_string(v[i]);
    set_range_text(t + "]");
  }

  // The range a genuine signer writes.
  std::vector<std::int64_t> exact() const {
    return {0, static_cast<std::int64_t>(gap_start), static_cast<std::int64_t>(gap_end),
            static_cast<std::int64_t>(bytes.size() - gap_end)};
  }

  static MiniPdf make(const std::string& contents = "<3082abcd>", const std::string& sig_extra = "") {
    MiniPdf m;
    std::vector<std::size_t> offsets;
    m.bytes = "%PDF-1.7\n";
    auto obj = [&](const std::string& body) {
      offsets.push_back(m.bytes.size());
      m.bytes += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    obj("<< /Type /Catalog /Pages 4 0 R /AcroForm << /Fields [2 0 R] /SigFlags 3 >> >>");
    obj("<< /FT /Sig /T (Seal) /V 3 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] >>");
    const std::string head =
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached " + sig_extra + "/ByteRange ";
    offsets.push_back(m.bytes.size());
    m.bytes += "3 0 obj\n" + head;
    m.range_pos = m.bytes.size();
    m.bytes += std::string(kRangeWidth, ' ') + " /Contents ";
    m.gap_start = m.bytes.size();
    m.bytes += contents;
    m.gap_end = m.bytes.size();
    m.bytes += " >>\nendobj\n";
    obj("<< /Type /Pages /Kids [] /Count 0 >>");
    const std::size_t xref = m.bytes.size();
    m.bytes += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t o : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
      m.bytes += line;
    }
    m.bytes += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
               std::to_string(xref) + "\n%%EOF\n";
    m.set_range(m.exact());
    return m;
  }
};

}  // namespace sealcheck::testing
