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

}  // namespace sealcheck::testing
