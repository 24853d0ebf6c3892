// Reason codes for every check, Botan-style numbered bands:
//   0..99      the check passed
//   500..799   a warning: reported, does not change the verdict
//   800..999   the check could not be completed: at worst "indeterminate"
//   1000..     the document is proven bad: "invalid"
// Messages live in one table (codes.cc), in Chinese and English.
#pragma once

#include <string_view>

namespace sealcheck {

// X(name, number): the one list of codes. Adding a code here without a row
// in codes.cc fails the test suite.
#define SEALCHECK_CODES(X)                    \
  /* passes */                                \
  X(kOk, 0)                                   \
  X(kInputPdf, 1)                             \
  X(kSignatureFound, 2)                       \
  X(kCoverageEntireFile, 3)                   \
  X(kCmsIntact, 4)                            \
  X(kDigestStrong, 5)                         \
  X(kChainTrusted, 6)                         \
  X(kKeyUsageOk, 7)                           \
  X(kStructureOk, 8)                          \
  X(kCertificateDataOk, 9)                    \
  X(kAnnotationValid, 10)                     \
  X(kAnnotationNotRequired, 11)               \
  X(kNotRevoked, 12)                          \
  X(kNotChecked, 13)                          \
  X(kSealAuthorized, 14)                      \
  X(kElectronicSealIntact, 15)                \
  X(kTimestampVerified, 16)                   \
  X(kEarlierSealsVerified, 17)                \
  X(kValidationDataOnly, 18)                  \
  X(kSealCertNotRevoked, 19)                  \
  X(kInputOfd, 20)                            \
                                              \
  /* warnings */                              \
  X(kNoSigningTime, 500)                      \
  X(kStructureRepaired, 501)                  \
  X(kNoSigningCertificateAttr, 502)           \
  X(kCertificateExpiredSince, 503)            \
  X(kSignedAttributesAbsent, 504)             \
  X(kKeyUsageAbsent, 505)                     \
  X(kEarlierSealNotVerified, 506)             \
  X(kEarlierSealPartialRevision, 507)         \
  X(kEarlierSealDatedAfterLast, 508)          \
  X(kSealCertRevokedSince, 509)               \
  X(kSignatureReencoded, 510)                 \
                                              \
  /* indeterminate */                         \
  X(kSignatureUnsupported, 800)               \
  X(kTooManySignatures, 801)                  \
  X(kChainUntrusted, 802)                     \
  X(kNoTrustAnchors, 803)                     \
  X(kSignerCertNotFound, 804)                 \
  X(kFileTooLarge, 806)                       \
  X(kNoSignedAttributes, 807)                 \
  X(kUnreadable, 808)                         \
  X(kEncrypted, 809)                          \
  X(kNoCertificateData, 810)                  \
  X(kCertificateDataMalformed, 811)           \
  X(kSigningTimeInFuture, 812)                \
  X(kRevocationListMissing, 813)              \
  X(kRevocationListBadSignature, 814)         \
  X(kRevocationListMalformed, 815)            \
  X(kRevocationListStale, 816)                \
  X(kRevocationListRollback, 817)             \
  X(kRevocationShardMissing, 818)             \
  X(kRevocationShardBad, 819)                 \
  X(kTrustListMissing, 820)                   \
  X(kTrustListBadSignature, 821)              \
  X(kTrustListMalformed, 822)                 \
  X(kDigestUnsupported, 823)                  \
  X(kSealMakerUntrusted, 824)                 \
  X(kSealTimeUnknown, 825)                    \
  X(kCertificateDataEncodingUnsupported, 826) \
  X(kCertificateNumberMalformed, 827)         \
  X(kCertificateTextMalformed, 828)           \
  X(kCertificateDetailsImageOnly, 829)        \
  X(kCertificateDetailsIncomplete, 830)       \
  X(kPageTextAmbiguous, 831)                  \
  X(kPageTextMalformed, 832)                  \
  X(kPageTextUnmapped, 833)                   \
  X(kPageTextNeedsTable, 834)                 \
  X(kPageTextTooLarge, 835)                   \
  X(kAnnotationTextIncomplete, 836)           \
  X(kAnnotationStartUnknown, 837)             \
  X(kSealTimesDisagree, 838)                  \
  X(kNoSigningTimeCertExpired, 839)           \
  X(kChainUnknownAuthorityKey, 840)           \
  X(kSealCompromisedTimeUnproven, 841)        \
  X(kTimestampUntrusted, 842)                 \
  X(kTimestampInFuture, 843)                  \
  X(kSealCertRevokedTimeUnproven, 844)        \
                                              \
  /* invalid */                               \
  X(kEmptyFile, 1000)                         \
  X(kNotPdf, 1001)                            \
  X(kBytesBeforeHeader, 1002)                 \
  X(kNoSignature, 1003)                       \
  X(kByteRangeMalformed, 1004)                \
  X(kContentsMalformed, 1005)                 \
  X(kGapNotContents, 1006)                    \
  X(kTailUncovered, 1007)                     \
  X(kDigestMismatch, 1008)                    \
  X(kSignatureBad, 1009)                      \
  X(kDigestWeak, 1010)                        \
  X(kChainBroken, 1011)                       \
  X(kCertExpiredAtSigning, 1012)              \
  X(kKeyUsageWrong, 1013)                     \
  X(kNotDetached, 1014)                       \
  X(kSignerInfoCount, 1015)                   \
  X(kCmsUnparseable, 1016)                    \
  X(kSignatureNotSigned, 1017)                \
  X(kStructureUnreadable, 1018)               \
  X(kSignatureAmbiguous, 1019)                \
  X(kModifiedAfterSealing, 1020)              \
  X(kAnnotationMissing, 1021)                 \
  X(kAnnotationExpired, 1022)                 \
  X(kAnnotationNotYetValid, 1023)             \
  X(kAnnotationScenarioUnknown, 1024)         \
  X(kAnnotationWindowTooLong, 1025)           \
  X(kRevoked, 1026)                           \
  X(kSealWrongBody, 1027)                     \
  X(kSealNotListed, 1028)                     \
  X(kSealNotForQualification, 1029)           \
  X(kSealNotYetAuthoritative, 1030)           \
  X(kSigningCertificateMismatch, 1031)        \
  X(kContentTypeMismatch, 1032)               \
  X(kSealMakerSignatureBad, 1033)             \
  X(kSignerNotInSeal, 1034)                   \
  X(kSealOutsideValidity, 1035)               \
  X(kAnnotationMissingSealTimeUnknown, 1036)  \
  X(kSealedBeforeIssueDate, 1037)             \
  X(kSealedBeforeAnnotationApplied, 1038)     \
  X(kCertificateDataAmbiguous, 1039)          \
  X(kStructureAmbiguous, 1040)                \
  X(kCertificateDataConflict, 1041)           \
  X(kSealRetired, 1042)                       \
  X(kSealCompromised, 1043)                   \
  X(kTimestampInvalid, 1044)                  \
  X(kTimestampNotTsa, 1045)                   \
  X(kSealCertRevoked, 1046)

enum class Code : int {
#define SEALCHECK_ENUM_ENTRY(name, number) name = number,
  SEALCHECK_CODES(SEALCHECK_ENUM_ENTRY)
#undef SEALCHECK_ENUM_ENTRY
};

inline constexpr Code kAllCodes[] = {
#define SEALCHECK_LIST_ENTRY(name, number) Code::name,
    SEALCHECK_CODES(SEALCHECK_LIST_ENTRY)
#undef SEALCHECK_LIST_ENTRY
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
