// What the seal formats share (crypto/seal_*.cc): check rows, certificate
// names and times, the chain to a trust anchor at a given time with the
// signer's key usage, and the SM2/SM3 helpers of the SM2 and GB/T 38540
// formats. Internal to the core.
#pragma once

#include <openssl/cms.h>
#include <openssl/x509.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/cms_check.h"
#include "crypto/der.h"
#include "crypto/ossl.h"

namespace sealcheck::seal {

using Bytes = std::vector<std::uint8_t>;
inline constexpr unsigned kSm3Size = 32;

Check pass(CheckId id, Code code);
Check fail(CheckId id, Code code, std::string detail = {});

// Distinguished names as UTF-8 text, RFC 2253 order, non-ASCII unescaped
// (so Chinese names stay readable).
std::string name_text(const X509_NAME* name);
std::optional<std::int64_t> asn1_time_to_unix(const ASN1_TIME* t);
// A DER UTCTime or GeneralizedTime TLV as Unix seconds.
std::optional<std::int64_t> der_time(DerSpan tlv);
// One whole DER certificate, nothing after it; null otherwise.
ossl::X509Ptr certificate_of(DerSpan der);
// Hex SHA-256 of the certificate's DER.
std::string fingerprint(X509* cert);

// Whether `cert` chains to a trust anchor (by signatures, at time `at`),
// reported as check `id`. `at_is_seal_time`: `at` is the seal's time, not
// the validation time standing in for a time the seal does not state.
// `chain`: when given, the verified chain (leaf first) on success.
Check chain_check(const CmsInput& in, CheckId id, X509* cert, STACK_OF(X509) * certs, std::int64_t at,
                  bool at_is_seal_time = true, ossl::X509Stack* chain = nullptr);

// Two statements of a seal's time further apart than this disagree.
inline constexpr std::int64_t kSealTimeAgreementSeconds = kClockToleranceSeconds;

// The time a seal claims for itself: its own statement (`own`, named by
// `own_source`: the signingTime attribute, a GB/T 38540 timeInfo) or, when
// it states none, the signature dictionary's /M, which the seal covers
// (PAdES signers write only that). Both present and apart: neither is
// taken, and a kSigningTime row says so. Fills out.signed_at and the
// seal's time and its source.
std::optional<std::int64_t> claimed_time(const CmsInput& in, std::optional<std::int64_t> own, const char* own_source,
                                         CmsOutcome& out);

// The chain to a trust anchor (at the seal's time, else the validation
// time), the signing time's plausibility, the certificate's expiry since,
// and the signer's key usage: the same for every seal format.
// `carried`: revocation data the seal itself carries (in.file_revocation
// is added): a CRL or OCSP response of the signer certificate's issuer,
// signed by it (or its OCSP responder), decides kSealRevocation.
void trust_and_key_usage(const CmsInput& in, X509* signer, STACK_OF(X509) * certs,
                         std::optional<std::int64_t> signed_at, CmsOutcome& out, const RevocationData& carried = {});

// A signature timestamp attribute found on the seal (`token`: its one value,
// nullopt when there is not exactly one): verified over `signature`; once it
// holds, its time replaces the claimed one (signed_at, out's time, source,
// time_proven). A bad one fails its own kTimestamp row.
void apply_signature_timestamp(const CmsInput& in, std::optional<DerSpan> token, DerSpan signature,
                               std::optional<std::int64_t>& signed_at, CmsOutcome& out);

// What a SignerInfo's CMS carries: SignedData.crls and the signed attribute
// adbe-revocationInfoArchival (its CRLs and OCSP responses).
RevocationData carried_revocation(CMS_ContentInfo* cms, CMS_SignerInfo* si);

// The ESS signing-certificate(-v2) attributes (RFC 5035) of a SignerInfo:
// at most one of each, and each present one must name `signer` first.
enum class SigningCertBinding { kAbsent, kMatch, kMismatch };
SigningCertBinding signing_certificate_binding(CMS_SignerInfo* si, X509* signer, STACK_OF(X509) * bag);

// The uncompressed SM2 public key of `cert`, or empty.
Bytes sm2_point(X509* cert);
// SM3 over the covered bytes into `digest` (kSm3Size bytes); false if SM3
// is unavailable.
bool sm3_of_covered(const CmsInput& in, unsigned char* digest);

}  // namespace sealcheck::seal
