#include "coverage.h"

#include <algorithm>
#include <string_view>

#include "sealcheck/limits.h"

namespace sealcheck {

std::string_view coverage_name(CoverageLevel level) noexcept {
  switch (level) {
    case CoverageLevel::kMalformed: return "unclear";
    case CoverageLevel::kGapNotContents: return "gap-not-contents";
    case CoverageLevel::kTailUncovered: return "tail-uncovered";
    case CoverageLevel::kEntireFile: return "entire-file";
  }
  return "unclear";
}

namespace {

int hex_value(std::uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_pdf_space(std::uint8_t c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

}  // namespace

// Early returns, most fundamental defect first. Each return states the best
// grade the file can still claim.
Coverage grade_coverage(std::span<const std::uint8_t> file, const std::vector<std::int64_t>& br,
                        std::size_t declaration_offset) {
  Coverage c;
  const auto size = static_cast<std::int64_t>(file.size());

  // Exactly [0 a b c] with 0 < a < b, c >= 0 and b + c inside the file.
  // Anything else (negative, zero-length, overlapping, beyond EOF) is not a
  // range a genuine signer writes.
  if (br.size() != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0 ||
      br[2] + br[3] > size) {
    return c;
  }
  const auto a = static_cast<std::size_t>(br[1]);
  const auto b = static_cast<std::size_t>(br[2]);
  const auto len2 = static_cast<std::size_t>(br[3]);

  // The /ByteRange declaration itself must be inside the signed bytes.
  if (declaration_offset >= a && !(declaration_offset >= b && declaration_offset < b + len2)) {
    c.code = Code::kSignatureNotSigned;
    return c;
  }

  // The gap [a, b) must be exactly one hex string "<...>" (the /Contents
  // value), and "/Contents" must be the key right before it. A gap holding
  // anything else lets an attacker hide bytes the signature never saw.
  c.level = CoverageLevel::kGapNotContents;
  c.code = Code::kGapNotContents;
  if (file[a] != '<' || file[b - 1] != '>' || b - a < 2) return c;
  const std::size_t hex_chars = b - a - 2;
  if (hex_chars > limits::kMaxContentsHexChars || hex_chars % 2 != 0) return c;
  std::size_t k = a;
  while (k > 0 && is_pdf_space(file[k - 1])) --k;
  static constexpr std::string_view kContents = "/Contents";
  if (k < kContents.size() ||
      std::string_view(reinterpret_cast<const char*>(file.data()) + k - kContents.size(), kContents.size()) !=
          kContents) {
    return c;
  }
  c.contents.reserve(hex_chars / 2);
  for (std::size_t i = a + 1; i + 1 < b; i += 2) {
    const int hi = hex_value(file[i]);
    const int lo = hex_value(file[i + 1]);
    if (hi < 0 || lo < 0) {
      c.contents.clear();
      return c;
    }
    c.contents.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }

  c.first_length = a;
  c.second_start = b;
  c.second_length = len2;

  // Missing, empty or all-zero /Contents: there is no signature to check.
  if (std::all_of(c.contents.begin(), c.contents.end(), [](std::uint8_t v) { return v == 0; })) {
    c.level = CoverageLevel::kMalformed;
    c.code = Code::kContentsMalformed;
    return c;
  }

  // The second range must reach the end of the file; only end-of-line bytes
  // may follow (some writers add one after %%EOF).
  const std::size_t end = b + len2;
  const bool only_eol = std::all_of(file.begin() + static_cast<std::ptrdiff_t>(end), file.end(),
                                    [](std::uint8_t v) { return v == '\r' || v == '\n'; });
  if (!only_eol || file.size() - end > 2) {
    c.level = CoverageLevel::kTailUncovered;
    c.code = Code::kTailUncovered;
    return c;
  }
  c.level = CoverageLevel::kEntireFile;
  c.code = Code::kCoverageEntireFile;
  return c;
}

}  // namespace sealcheck
