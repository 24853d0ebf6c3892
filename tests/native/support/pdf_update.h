// Incremental updates written by hand, for tests and the corpus generator:
// objects (number -> body) appended after the file with an xref section for
// them and a trailer chained to the previous one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <zlib.h>

#include "pdf/document.h"

namespace sealcheck::testing {

// extra_trailer is pasted into the trailer dictionary; raw_xref replaces
// the generated table.
inline std::vector<std::uint8_t> append_update(const std::vector<std::uint8_t>& file,
                                               const std::map<std::uint32_t, std::string>& objects,
                                               const std::string& extra_trailer = "",
                                               const std::string* raw_xref = nullptr) {
  pdf::Document doc = pdf::Document::load(file);
  if (!doc.usable()) throw std::runtime_error("base unreadable");
  const auto size = *doc.trailer()->find("Size")->as_int();
  std::string out(file.begin(), file.end());
  std::map<std::uint32_t, std::size_t> offsets;
  std::uint32_t max_num = 0;
  for (const auto& [num, body] : objects) {
    offsets[num] = out.size();
    out += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
    max_num = std::max(max_num, num);
  }
  const std::size_t xref = out.size();
  if (raw_xref) {
    out += *raw_xref;
  } else {
    out += "xref\n";
    for (const auto& [num, off] : offsets) {
      char line[64];
      std::snprintf(line, sizeof line, "%u 1\n%010zu 00000 n \n", num, off);
      out += line;
    }
  }
  const std::int64_t new_size = std::max<std::int64_t>(size, max_num + 1);
  out += "trailer\n<< /Size " + std::to_string(new_size) + " /Root 1 0 R /Prev " +
         std::to_string(doc.revisions().back().xref_offset) + extra_trailer + " >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return {out.begin(), out.end()};
}

// A stream object's body with the right /Length; `dict_extra` goes into
// its dictionary (e.g. "/Filter /ASCIIHexDecode").
inline std::string stream_body(const std::string& data, const std::string& dict_extra = "") {
  return "<< /Length " + std::to_string(data.size()) + (dict_extra.empty() ? "" : " " + dict_extra) + " >>\nstream\n" +
         data + "\nendstream";
}

// zlib's deflate of `data` (for FlateDecode streams).
inline std::string deflate(const std::string& data) {
  uLongf n = compressBound(data.size());
  std::string out(n, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(data.data()), data.size());
  out.resize(n);
  return out;
}

// ASCII85 by the textbook rule (groups of four bytes in base 85, a final
// group of n bytes as n + 1 characters), then "~>". Written here, not taken
// from the reader under test.
inline std::string ascii85(const std::string& data) {
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 4) {
    std::uint32_t v = 0;
    const std::size_t n = std::min<std::size_t>(4, data.size() - i);
    for (std::size_t k = 0; k < 4; ++k) v = v << 8 | (k < n ? static_cast<std::uint8_t>(data[i + k]) : 0);
    char g[5];
    for (int k = 4; k >= 0; --k) g[k] = static_cast<char>('!' + v % 85), v /= 85;
    out.append(g, n + 1);
    if (i % 64 == 60) out += '\n';
  }
  return out + "~>";
}

}  // namespace sealcheck::testing
