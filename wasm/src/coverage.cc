#include "coverage.h"

#include <algorithm>

#include "sealcheck/limits.h"

namespace sealcheck {

std::string_view coverage_name(CoverageLevel level) noexcept {
  switch (level) {
    case CoverageLevel::kUnclear: return "unclear";
    case CoverageLevel::kGapNotContents: return "gap-not-contents";
    case CoverageLevel::kTailUncovered: return "tail-uncovered";
    case CoverageLevel::kEntireFile: return "entire-file";
  }
  return "unclear";
}

// Early returns, most fundamental defect first; each return states the best
// grade the signature can still claim.
Coverage grade_coverage(std::span<const std::uint8_t> file, const pdf::SignatureField& sig) {
  Coverage c;
  const auto size = static_cast<std::int64_t>(file.size());

  // Exactly [0 a b c] with 0 < a < b, c >= 0 and b + c inside the file.
  // Anything else (missing, null, negative, zero-length, overlapping,
  // beyond EOF) is not a range a genuine signer writes.
  if (!sig.byte_range) return c;
  const std::vector<std::int64_t>& br = *sig.byte_range;
  if (br.size() != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0 || br[2] > size ||
      br[3] > size - br[2]) {
    return c;
  }
  const auto a = static_cast<std::size_t>(br[1]);
  const auto b = static_cast<std::size_t>(br[2]);
  const auto end = b + static_cast<std::size_t>(br[3]);

  // /Contents must be a hex string holding something other than zeros.
  if (!sig.contents || !sig.contents->hex ||
      std::all_of(sig.contents->bytes.begin(), sig.contents->bytes.end(), [](char v) { return v == 0; })) {
    c.code = Code::kContentsMalformed;
    return c;
  }

  // The gap must be exactly this dictionary's /Contents token: bytes an
  // attacker can change without breaking the signature must be nothing
  // but the signature itself. A dictionary inside an object stream has no
  // bytes of its own in the file, so it can never satisfy this.
  // Some signers leave the delimiters '<' '>' inside the signed ranges and
  // the gap is only the hex digits between them: the same token, as safe.
  c.level = CoverageLevel::kGapNotContents;
  c.code = Code::kGapNotContents;
  const bool whole_token = sig.contents->begin == a && sig.contents->end == b;
  const bool digits_only = sig.contents->begin + 1 == a && sig.contents->end == b + 1;
  if (!sig.container_span || !(whole_token || digits_only) || sig.contents->begin < sig.container_span->first ||
      sig.contents->end > sig.container_span->second) {
    return c;
  }
  if (sig.contents->end - sig.contents->begin - 2 > limits::kMaxContentsHexChars) return c;

  // The rest of the signature dictionary (its /ByteRange above all) must be
  // inside the signed bytes too.
  if (sig.container_span->second > end) {
    c.level = CoverageLevel::kUnclear;
    c.code = Code::kSignatureNotSigned;
    return c;
  }

  c.first_length = a;
  c.second_start = b;
  c.second_length = end - b;
  c.contents = {reinterpret_cast<const std::uint8_t*>(sig.contents->bytes.data()), sig.contents->bytes.size()};

  // The second range must reach the end of the file; at most one end of
  // line may follow (some writers add one after %%EOF).
  const std::size_t rest = file.size() - end;
  const bool only_eol = std::all_of(file.begin() + static_cast<std::ptrdiff_t>(end), file.end(),
                                    [](std::uint8_t v) { return v == '\r' || v == '\n'; });
  if (!only_eol || rest > 2) {
    c.level = CoverageLevel::kTailUncovered;
    c.code = Code::kTailUncovered;
    return c;
  }
  c.level = CoverageLevel::kEntireFile;
  c.code = Code::kCoverageEntireFile;
  return c;
}

}  // namespace sealcheck
