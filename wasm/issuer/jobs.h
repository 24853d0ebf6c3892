// The issuer's jobs, as the command line runs them (qpdf's QPDFJob shape):
// the CLI maps its arguments onto a job and prints the result; everything
// else, the ledger's transaction, the file written before the commit, the
// order lists are published in, lives here.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "issuer/ledger.h"
#include "issuer/pdf_sign.h"
#include "issuer/pki.h"
#include "sealcheck/certificate.h"

namespace sealcheck::issuer {

// A rule of the issuer said no (the command line exits 1 with the message).
struct Refused final : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What /Contents holds: a CMS SignedData (SM2 for an SM2 PKI) or a
// GB/T 38540 SES_Signature carrying the seal's SESeal (SM2 PKIs only).
// kOfd: the file is an OFD document instead, sealed GB/T 38540-style.
enum class SealFormat { kCms, kGbt38540, kOfd };

// Throws Refused when the format needs what the PKI lacks.
void apply_seal_format(Signer& signer, const LoadedSeal& seal, SealFormat format);

struct IssueJob final {
  PkiPaths pki;
  std::string ledger;
  std::vector<std::uint8_t> data;  // CERT.json
  std::string out;
  std::int64_t at = 0;    // sealing time
  std::string seal_body;  // whose seal ("" = the certificate's issuing body; "ministry")
  SealFormat format = SealFormat::kCms;
  bool embed_data = true;  // false: the details only on the page
  bool timestamp = false;  // a signature timestamp from the PKI's TSA, at `at`
  bool add_seal = false;   // seal the sealed file once more (a file sealed twice)
  bool ofd = false;        // an OFD document (GB/T 38540 seal; the data block an attachment)
};
struct IssueResult final {
  std::string number, holder, seal_name;
};
IssueResult run(const IssueJob& job);

struct AnnotateJob final {
  PkiPaths pki;
  std::string ledger;
  std::vector<std::uint8_t> in;  // the certificate (PDF or OFD), sealed by this issuer
  std::string scenario, from;    // from: YYYY-MM-DD
  long days = 0;
  std::string out;
  std::int64_t at = 0;  // the application (and sealing) time
  SealFormat format = SealFormat::kCms;
  bool embed_data = true;  // false: the details only on the page
  bool timestamp = false;  // a signature timestamp from the PKI's TSA, at `at`
  bool add_seal = false;   // seal the sealed file once more (a file sealed twice)
  bool ofd = false;        // an OFD document (GB/T 38540 seal; the data block an attachment)
};
struct AnnotateResult final {
  std::string number;
  Annotation annotation;
};
AnnotateResult run(const AnnotateJob& job);

struct RevokeJob final {
  std::string ledger;
  std::string number;  // canonical (is_canonical_number)
  std::string reason;  // one of revocation_reasons()
  std::int64_t at = 0;
};
void run(const RevokeJob& job);

// Records that a seal of the PKI (the one for `body`) was retired, or that
// its key was compromised, at `at`; published in the next trust list.
struct SealEventJob final {
  PkiPaths pki;
  std::string ledger;
  std::string body;
  SealEvent::Kind kind = SealEvent::Kind::kRetired;
  std::int64_t at = 0;
};
struct SealEventResult final {
  std::string seal_name;
  std::string certificate_sha256;
};
SealEventResult run(const SealEventJob& job);

struct PublishJob final {
  PkiPaths pki;
  std::string ledger;
  std::string out;  // directory
  std::int64_t at = 0;
  long valid_days = 7;
  // A directory an earlier publish wrote for an earlier PKI generation: its
  // trust anchors, seals (given `until` = `at` unless they already have one)
  // and TSAs stay listed, so what they sealed keeps its verdict.
  std::string previous;
};
struct PublishResult final {
  std::uint64_t list_number = 0;
  std::size_t revoked = 0;
  std::int64_t next_update = 0;
};
PublishResult run(const PublishJob& job);

}  // namespace sealcheck::issuer
