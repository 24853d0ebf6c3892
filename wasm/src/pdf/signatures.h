// Finding signature dictionaries: the AcroForm's signature fields of the
// final revision, plus any other signature dictionary in use (reported too:
// a seal a viewer might show must not escape our checks).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pdf/document.h"

namespace sealcheck::pdf {

struct SignatureField final {
  std::string field_name;            // /T of the field (as raw bytes), empty if none
  bool in_acroform = false;          // reached from /AcroForm /Fields
  std::uint32_t container = 0;       // the indirect object holding the dictionary
  std::shared_ptr<const Dict> dict;  // the signature dictionary
  // Byte span of the container object; nullopt when it sits in an object
  // stream (its bytes then cannot be the signed ones).
  std::optional<std::pair<std::size_t, std::size_t>> container_span;
  // /ByteRange as integers; nullopt when missing or not a direct array of
  // integers (null, a reference, reals ...).
  std::optional<std::vector<std::int64_t>> byte_range;
  std::optional<String> contents;     // /Contents when a direct string
  std::string sub_filter;             // /SubFilter name, empty if none
  std::optional<std::string> m_date;  // /M when a direct string (the time of signing, as written)
  bool duplicate_keys = false;        // /ByteRange, /Contents, /SubFilter or /M twice
  // Where the seal shows: its widget's /Rect (rounded outward, PDF user
  // space) and the 1-based page holding the widget; 0 / nullopt if unknown.
  std::optional<std::array<std::int64_t, 4>> widget_rect;
  std::size_t page = 0;
};

struct Discovery final {
  std::vector<SignatureField> signatures;  // in file order of their containers
  bool truncated = false;                  // more than limits::kMaxSignatures
};

Discovery find_signatures(Document& doc);

}  // namespace sealcheck::pdf
