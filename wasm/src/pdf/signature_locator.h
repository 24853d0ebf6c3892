// Finds signature dictionaries' /ByteRange and /Contents.
//
// THIN VERSION (issue 2): a byte scanner, not a PDF parser. It is strict
// rather than clever: anything it does not fully understand is reported as
// such and never leads to "valid". Issue 3 replaces it with a real object
// parser that reads the final revision's AcroForm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sealcheck::pdf {

struct SignatureCandidate final {
  std::size_t byte_range_offset = 0;  // where "/ByteRange" starts
  // The raw numbers between [ and ]; nullopt when it is not an array of
  // integers (null, a reference, garbage ...).
  std::optional<std::vector<std::int64_t>> byte_range;
};

struct ScanResult final {
  bool header_at_zero = false;     // "%PDF-" at offset 0
  bool header_found_later = false; // "%PDF-" within the first 1024 bytes, not at 0
  std::vector<SignatureCandidate> candidates;
  bool truncated_scan = false;     // more than limits::kMaxSignatures
};

ScanResult scan(std::span<const std::uint8_t> file);

}  // namespace sealcheck::pdf
