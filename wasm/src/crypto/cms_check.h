// CMS SignedData checks for one detached PDF signature, each a small step
// with its own reason code (Botan's habit): structure, digest algorithm,
// signer certificate by sid, messageDigest, signature, chain, key usage.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sealcheck/report.h"
#include "sealcheck/time.h"

namespace sealcheck {

struct CoveredBytes final {
  std::span<const std::uint8_t> first;
  std::span<const std::uint8_t> second;
};

// Revocation data for the seal certificate (DER CRLs and OCSPResponses).
struct RevocationData final {
  std::vector<std::vector<std::uint8_t>> crls, ocsps;
};

struct CmsInput final {
  std::span<const std::uint8_t> cms_der;  // may carry trailing zero padding
  CoveredBytes covered;
  const std::vector<std::vector<std::uint8_t>>* trust_anchors = nullptr;  // DER
  std::int64_t validation_time = 0;
  bool cades = false;                       // SubFilter ETSI.CAdES.detached: PAdES rules apply
  std::string sm2_id = "1234567812345678";  // the SM2 seal's distinguishing ID (certificates: the default)
  // The signature dictionary's /M when it is a readable date (the seal
  // covers it): the seal's time when the seal itself states none.
  std::optional<PdfDate> dictionary_time;
  // Time-stamping authorities' anchors (DER), from the signed trust list:
  // a signature timestamp is trusted through these alone.
  const std::vector<std::vector<std::uint8_t>>* tsa_anchors = nullptr;
  // Revocation data the file carries outside the seal (its /DSS); the
  // seal's own (CMS crls, revocationInfoArchival) is added.
  const RevocationData* file_revocation = nullptr;
  // GB/T 35275 SignedData as OFD signers (Type="Sign") write it may carry
  // the covered bytes' SM3 digest as its content instead of being detached.
  bool digest_content_allowed = false;
};

struct CmsOutcome final {
  // kCms, kAlgorithm, kTrust, kKeyUsage (and kEseal, kSigningTime,
  // kSigningCertificate) as far as the checks got; the report adds the
  // rest as not checked.
  std::vector<Check> checks;
  SealInfo seal;  // filled as far as the checks got
  // The signing time the seal states (signed attribute, or the GB/T 38540
  // timeInfo), once its signature verified; nullopt when it states none.
  std::optional<std::int64_t> signed_at;
  bool electronic_seal = false;  // a GB/T 38540 seal: its own step (kEseal) applies
  bool time_proven = false;      // signed_at is a verified timestamp's time
};

CmsOutcome check_cms(const CmsInput& input);

}  // namespace sealcheck
