// What a signature's /ByteRange covers, graded like pyHanko:
//   unclear < gap-not-contents < tail-uncovered < entire-file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "pdf/signatures.h"
#include "sealcheck/codes.h"

namespace sealcheck {

enum class CoverageLevel { kUnclear, kGapNotContents, kTailUncovered, kEntireFile };

struct Coverage final {
  CoverageLevel level = CoverageLevel::kUnclear;
  Code code = Code::kByteRangeMalformed;
  // Valid when level >= kTailUncovered: the two covered ranges.
  std::size_t first_length = 0;  // [0, first_length)
  std::size_t second_start = 0;  // [second_start, second_start + second_length)
  std::size_t second_length = 0;
  // The decoded /Contents (the CMS blob), trailing zero padding kept.
  std::span<const std::uint8_t> contents;
};

std::string_view coverage_name(CoverageLevel level) noexcept;

// Grades one signature against the whole file. `sig.contents` must outlive
// the result (contents points into it).
Coverage grade_coverage(std::span<const std::uint8_t> file, const pdf::SignatureField& sig);

}  // namespace sealcheck
