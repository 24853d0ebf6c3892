// Immutable results (pyHanko's habit): each check records its own status and
// reason; the verdict is *derived* from them in one place, never stored.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sealcheck/certificate.h"
#include "sealcheck/codes.h"

namespace sealcheck {

enum class Status { kPass, kFail, kWarn, kSkip };
enum class Verdict { kValid, kInvalid, kIndeterminate };

// The checks, in the order every report lists them (the step table). Most
// are required: a report that does not reach one says so with a "skip"
// row. kEseal is required of GB/T 38540 seals only; kSigningCertificate,
// kSigningTime, kTimestamp, kDocumentTimestamp, kSealRevocation and
// kEarlierSeals appear only when they have something to say.
enum class CheckId : unsigned char {
  kInput,
  kStructure,
  kSignature,
  kCoverage,
  kCms,
  kEseal,
  kAlgorithm,
  kSigningCertificate,
  kTrust,
  kSigningTime,
  kTimestamp,
  kDocumentTimestamp,
  kSealRevocation,
  kKeyUsage,
  kEarlierSeals,
  kCertificate,
  kAnnotation,
  kSealPolicy,
  kRevocation,
};
inline constexpr int kCheckCount = static_cast<int>(CheckId::kRevocation) + 1;

std::string_view to_string(Status s) noexcept;
std::string_view to_string(Verdict v) noexcept;
// The check's id in the JSON (INTERFACES.md): "input", "cms", "seal_policy" ...
std::string_view to_string(CheckId id) noexcept;

struct Check final {
  CheckId id;
  Status status;
  Code code;
  std::string detail;  // optional extra text (never shown as HTML)
};

// Puts `checks` in step-table order (stable within one id) and adds a
// "not checked" row for every required step that has none, so every path
// gives a report of one shape and no code lists what it skipped.
// electronic_seal: the seal is a GB/T 38540 one (kEseal is required).
void complete_checks(std::vector<Check>& checks, bool electronic_seal);

// What the seal says about itself; every field comes from signed bytes.
struct SealInfo final {
  std::string signer;     // subject of the signer certificate
  std::string issuer;     // its issuer
  std::string signed_at;  // ISO 8601 +08:00: the seal's time
  // Where signed_at comes from: "signingTime" (signed attribute), "timeInfo"
  // (a GB/T 38540 seal's), "signature-dictionary" (/M): each a claim of the
  // seal itself. Empty when the seal's time is unknown.
  std::string time_source;
  std::string certificate_not_after;  // the signer certificate's, ISO 8601 +08:00
  bool certificate_expired = false;   // at the validation time
  std::string algorithm;              // e.g. "ecdsa-with-SHA256"
  std::string coverage;               // "entire-file" | "tail-uncovered" | "unclear" ...
  std::string certificate_sha256;     // of the signer certificate's DER
  // Where the seal's widget sits: 1-based page (0 unknown) and its /Rect in
  // PDF user space [x1 y1 x2 y2] (an invisible seal has a zero-area rect).
  std::size_t page = 0;
  std::optional<std::array<std::int64_t, 4>> rect;
  // A GB/T 38540 seal's own data (SESeal), once the signer's and the seal
  // maker's signatures over it verify.
  struct ElectronicSeal final {
    std::string id;                    // esID, 印章编码
    std::string name;                  // 印章名称
    std::int64_t type = 0;             // 印章类型
    std::string valid_from, valid_to;  // ISO 8601 +08:00
    std::string maker;                 // the seal maker's certificate subject
  };
  std::optional<ElectronicSeal> eseal;
};

// A seal before the last one on a file sealed several times: reported, but
// it decides nothing (the last seal covers it and everything after it).
struct EarlierSeal final {
  std::size_t index = 0;     // 1-based, in the order the seals were made
  std::string field;         // its form field's name
  std::size_t revision = 0;  // 1-based revision its signed bytes end with; 0: none
  std::size_t covered_bytes = 0;
  SealInfo seal;          // signer, issuer, time, algorithm as far as read
  bool verifies = false;  // its digest and signature check out
  bool trusted = false;   // and its chain reaches a trust anchor
  Code code = Code::kOk;  // its first defect; kOk when it has none
};

// Where each shown detail was read: the sealed page's printed text, the
// embedded data block, or both (then they agree).
struct FieldSources final {
  enum Source : unsigned char { kNone, kPage, kEmbedded, kBoth };
  std::vector<std::pair<std::string, Source>> fields;  // JSON key -> source
  Source annotation = kNone;
};
std::string_view to_string(FieldSources::Source s) noexcept;

struct Report final {
  std::vector<Check> checks;
  std::optional<SealInfo> seal;  // the last seal's: the one judged
  std::vector<EarlierSeal> earlier_seals;
  // Read from the sealed bytes only (absent unless the seal covers the whole
  // file). The ID number is already masked by the issuer.
  std::optional<CertificateDocument> document;
  std::int64_t annotation_days_remaining = -1;  // when the annotation is in force
  std::optional<FieldSources> sources;          // with `document`
  // The sealed pages' text lines (bounded), for a person to compare with
  // the preview; read only from a file whose seal covers it.
  std::vector<std::string> page_text;
  // A data table the engine needed and was not given ("gbk"): a host that
  // can fetch it verifies again with it.
  std::string needs_table;
  // Revocation status (once the certificate number is known).
  struct Revocation final {
    std::string status;  // good | revoked | unknown
    std::uint64_t list_number = 0;
    std::string list_this_update, list_next_update;
    std::string revoked_at, reason_code, reason_zh, reason_en;
  };
  std::optional<Revocation> revocation;
  std::string validation_time;  // ISO 8601 +08:00: always shown
  // The SM2 distinguishing ID seals were checked with, when not the
  // default: the report says under which assumption it was made.
  std::string sm2_id;

  // The only place a verdict is computed:
  //  - any failed check whose code is in the invalid band -> invalid;
  //  - otherwise any failed or skipped required check -> indeterminate;
  //  - otherwise valid. An empty report is indeterminate.
  Verdict verdict() const noexcept;
};

// One JSON object (INTERFACES.md) on one line, for the CLI and the wasm
// build alike, so both print byte-identical output.
std::string to_json(const Report& report, std::string_view file_name);

}  // namespace sealcheck
