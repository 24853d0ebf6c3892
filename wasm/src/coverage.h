// What a signature's /ByteRange covers, graded like pyHanko:
//   malformed < gap-not-contents < tail-uncovered < entire-file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sealcheck/codes.h"

namespace sealcheck {

enum class CoverageLevel { kMalformed, kGapNotContents, kTailUncovered, kEntireFile };

struct Coverage final {
  CoverageLevel level = CoverageLevel::kMalformed;
  Code code = Code::kByteRangeMalformed;
  // Valid when level >= kTailUncovered: the two covered ranges.
  std::size_t first_length = 0;   // [0, first_length)
  std::size_t second_start = 0;   // [second_start, second_start + second_length)
  std::size_t second_length = 0;
  // The decoded /Contents (the CMS blob), trailing zero padding kept.
  std::vector<std::uint8_t> contents;
};

std::string_view coverage_name(CoverageLevel level) noexcept;

// byte_range: the integers the signature dictionary declares.
// declaration_offset: where "/ByteRange" sits in the file (it must itself be
// covered, or the declaration could have been rewritten).
Coverage grade_coverage(std::span<const std::uint8_t> file, const std::vector<std::int64_t>& byte_range,
                        std::size_t declaration_offset);

}  // namespace sealcheck
