// Embedded files of the final revision, by name (the EmbeddedFiles name
// tree), read the way our preview (pdf.js) reads them, and refused where
// the two could disagree. Bounded: tree depth, entries visited, decoded
// size, filter chain.
//
// One reading or none:
//  - names are PDF text strings, compared once decoded (PDFDocEncoding,
//    UTF-16 or UTF-8 with a byte-order mark), so "abc" and <FEFF00610062
//    0063> are the same name; two entries of one decoded name, or a name
//    only a repaired decoding gives, are ambiguous;
//  - a tree node with /Kids is read through its kids only (as pdf.js does);
//    if its own /Names also holds the name, that is ambiguous; a node
//    reached twice is too;
//  - the file specification's /EF may name the data under /UF, /F, /Unix,
//    /Mac and /DOS: all those present must be the same bytes;
//  - a repeated key in any dictionary on the way is ambiguous (readers
//    keep different duplicates).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/document.h"

namespace sealcheck::pdf {

inline constexpr std::size_t kMaxAttachmentBytes = 1u << 20;

struct AttachmentLookup final {
  enum class Status { kFound, kAbsent, kAmbiguous, kUnsupportedEncoding, kUnreadable };
  Status status = Status::kAbsent;
  std::vector<std::uint8_t> bytes;  // kFound: the decoded data
  std::string detail;               // what was ambiguous or unreadable
};

AttachmentLookup find_attachment(Document& doc, std::string_view name);

}  // namespace sealcheck::pdf
