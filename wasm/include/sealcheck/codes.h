// Reason codes for every check, Botan-style numbered bands:
//   0..99      the check passed
//   500..799   a warning: reported, does not change the verdict
//   800..999   the check could not be completed: at worst "indeterminate"
//   1000..     the document is proven bad: "invalid"
// Messages live in one table (codes.cc), in Chinese and English.
#pragma once

#include <string_view>

namespace sealcheck {

enum class Code : int {
  // passes
  kOk = 0,
  kInputPdf = 1,
  kSignatureFound = 2,
  kCoverageEntireFile = 3,
  kCmsIntact = 4,
  kDigestStrong = 5,
  kChainTrusted = 6,
  kKeyUsageOk = 7,

  // warnings
  kNoSigningTime = 500,

  // indeterminate
  kSignatureUnsupported = 800,
  kMultipleSignatures = 801,
  kChainUntrusted = 802,
  kNoTrustAnchors = 803,
  kSignerCertNotFound = 804,
  kFileTooLarge = 806,
  kNoSignedAttributes = 807,
  kUnreadable = 808,

  // invalid
  kEmptyFile = 1000,
  kNotPdf = 1001,
  kBytesBeforeHeader = 1002,
  kNoSignature = 1003,
  kByteRangeMalformed = 1004,
  kContentsMalformed = 1005,
  kGapNotContents = 1006,
  kTailUncovered = 1007,
  kDigestMismatch = 1008,
  kSignatureBad = 1009,
  kDigestWeak = 1010,
  kChainBroken = 1011,
  kCertExpiredAtSigning = 1012,
  kKeyUsageWrong = 1013,
  kNotDetached = 1014,
  kSignerInfoCount = 1015,
  kCmsUnparseable = 1016,
  kSignatureNotSigned = 1017,
};

struct Message final {
  std::string_view id;  // stable, e.g. "tail-uncovered"
  std::string_view zh;
  std::string_view en;
};

// The message for a code; never fails (unknown codes get a generic text).
const Message& message_for(Code code) noexcept;

inline bool is_warning(Code c) noexcept {
  const int v = static_cast<int>(c);
  return v >= 500 && v < 800;
}
inline bool is_indeterminate(Code c) noexcept {
  const int v = static_cast<int>(c);
  return v >= 800 && v < 1000;
}
inline bool is_invalid(Code c) noexcept { return static_cast<int>(c) >= 1000; }

}  // namespace sealcheck
