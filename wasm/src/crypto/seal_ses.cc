// GB/T 38540-2020 electronic seals: an SES_Signature (with its SESeal) in
// /Contents, read by hand (crypto/ses.cc).
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "crypto/seal_common.h"
#include "crypto/seal_formats.h"
#include "crypto/ses.h"
#include "sealcheck/certs.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"

namespace sealcheck::seal {
namespace {

const char* const kOidSm2WithSm3 = "1.2.156.10197.1.501";

enum class Verified { kNo, kYes, kNormalised };

// A signature by `point` over one of the forms the SES structures are
// signed in (ses_signed_forms), with any of `ids`: as written, as DER from
// a raw r || s, or (kNormalised) as DER re-encoded from non-minimal
// INTEGERs, which OpenSSL 3 refuses as written.
Verified ses_signature_verifies(const Bytes& point, DerSpan structure, DerSpan cert_tlv, DerSpan alg_tlv,
                                DerSpan signature, std::initializer_list<std::string_view> ids) {
  if (point.empty()) return Verified::kNo;
  const Bytes as_is(signature.begin(), signature.end());
  const Bytes raw_converted = ses_der_signature(signature);
  const std::optional<Bytes> normalised = ses_normalised_signature(signature);
  for (const auto& message : ses_signed_forms(structure, cert_tlv, alg_tlv)) {
    for (std::string_view id : ids) {
      if (sm2_verify(point, message, as_is, id)) return Verified::kYes;
      if (raw_converted != as_is && sm2_verify(point, message, raw_converted, id)) return Verified::kYes;
      if (normalised && sm2_verify(point, message, *normalised, id)) return Verified::kNormalised;
    }
  }
  return Verified::kNo;
}

// GM/T 0031 v1's timeInfo as text: "2020-01-25T07:31:56.377Z",
// "20200125073156Z", UTCTime's "200125073156Z", or "2020-01-25 07:31:56"
// (no zone: Beijing time, as the producers mean it). A timestamp token or
// anything else: nullopt.
std::optional<std::int64_t> v1_time(DerSpan text) {
  std::string digits;
  std::size_t i = 0;
  for (; i < text.size() && digits.size() < 14; ++i) {
    const char c = static_cast<char>(text[i]);
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != ':' && c != 'T' && c != ' ') {
      break;
    }
  }
  if (digits.size() == 12) digits = (digits[0] < '5' ? "20" : "19") + digits;  // UTCTime's two-digit year
  if (digits.size() != 14) return std::nullopt;
  // Fractions of a second, then the zone.
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9';) ++i;
  }
  std::int64_t offset = 8 * 3600;
  if (i < text.size() && text[i] == 'Z') {
    offset = 0;
  } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    int zone[4], n = 0;
    for (std::size_t k = i + 1; k < text.size() && n < 4; ++k) {
      if (text[k] >= '0' && text[k] <= '9') zone[n++] = text[k] - '0';
    }
    if (n != 4) return std::nullopt;
    offset = ((zone[0] * 10 + zone[1]) * 3600 + (zone[2] * 10 + zone[3]) * 60) * (text[i] == '-' ? -1 : 1);
  }
  std::uint8_t tlv[17] = {0x18, 15};
  std::copy(digits.begin(), digits.end(), tlv + 2);
  tlv[16] = 'Z';
  const auto t = der_time({tlv, sizeof tlv});
  if (!t) return std::nullopt;
  return *t - offset;
}

// The signer's certificate is listed in the seal: byte for byte
// (certListType 1) or by a digest named SM3 or SHA-256 (type 2).
bool signer_listed(const SesSeal& seal, DerSpan signer_der) {
  for (DerSpan c : seal.certs) {
    if (c.size() == signer_der.size() && std::equal(c.begin(), c.end(), signer_der.begin())) return true;
  }
  for (const SesCertDigest& d : seal.cert_digests) {
    std::string alg;
    for (char ch : d.algorithm) {
      if (ch != '-' && ch != '_') alg += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    const EVP_MD* md = alg == "sm3" ? EVP_sm3() : alg == "sha256" ? EVP_sha256() : nullptr;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (md == nullptr || EVP_Digest(signer_der.data(), signer_der.size(), digest, &len, md, nullptr) != 1) continue;
    if (d.value.size() == len && std::memcmp(d.value.data(), digest, len) == 0) return true;
  }
  return false;
}

// GB/T 38540-2020, 8.2 (verification): the document digest, the signer's
// signature, the seal maker's signature on the seal, the seal's validity at
// the signing time, the signer listed in the seal; then the signer's chain
// and key usage as for every seal, and the maker's chain.
CmsOutcome check(const CmsInput& in, const SesParse& parsed) {
  CmsOutcome out;
  auto& checks = out.checks;
  // A failed step ends the check; the report marks the rest not checked.
  auto stop = [&](Check c) {
    checks.push_back(std::move(c));
    return out;
  };
  out.electronic_seal = true;
  if (parsed.shape == SesShape::kOtherVersion) {
    return stop(fail(CheckId::kCms, Code::kSignatureUnsupported, "GM/T 0031 electronic seal (version 2 or 3)"));
  }
  if (parsed.shape != SesShape::kOk) {
    return stop(fail(CheckId::kCms, Code::kCmsUnparseable, "GB/T 38540 SES_Signature"));
  }
  const SesSignatureView& v = parsed.view;
  const SesSeal& seal = v.seal;
  out.seal.algorithm = v.version == 1 ? "SM3 with SM2 (GM/T 0031 v1)" : "SM3 with SM2 (GB/T 38540)";
  if (v.algorithm != kOidSm2WithSm3 || seal.algorithm != kOidSm2WithSm3) {
    const std::string detail = v.algorithm + " / " + seal.algorithm;
    checks.push_back(fail(CheckId::kCms, Code::kDigestUnsupported, detail));
    return stop(fail(CheckId::kAlgorithm, Code::kDigestUnsupported, detail));
  }
  const Check algorithm_check = pass(CheckId::kAlgorithm, Code::kDigestStrong);

  ossl::X509Ptr signer = certificate_of(v.signer_cert);
  if (!signer) return stop(fail(CheckId::kCms, Code::kSignerCertNotFound));
  out.seal.signer = name_text(X509_get_subject_name(signer.get()));
  out.seal.issuer = name_text(X509_get_issuer_name(signer.get()));
  out.seal.certificate_sha256 = to_hex(sha256(v.signer_cert));

  // dataHash = SM3 over the covered bytes.
  unsigned char digest[kSm3Size];
  if (!sm3_of_covered(in, digest)) {
    checks.push_back(fail(CheckId::kCms, Code::kDigestUnsupported, "SM3"));
    return stop(algorithm_check);
  }
  if (v.data_hash.size() != kSm3Size || std::memcmp(v.data_hash.data(), digest, kSm3Size) != 0) {
    checks.push_back(fail(CheckId::kCms, Code::kDigestMismatch));
    return stop(algorithm_check);
  }
  // The signer's signature over TBS_Sign, with the seal's ID.
  const Verified signed_by =
      ses_signature_verifies(sm2_point(signer.get()), v.to_sign, v.cert_tlv, v.alg_tlv, v.signature, {in.sm2_id});
  if (signed_by == Verified::kNo) {
    checks.push_back(fail(CheckId::kCms, Code::kSignatureBad));
    return stop(algorithm_check);
  }
  checks.push_back(pass(CheckId::kCms, Code::kCmsIntact));
  Check algorithm_row = algorithm_check;

  // The seal: its maker's signature, validity period, the signer listed.
  // The seal's validity is judged at its own timeInfo; everything after,
  // at the seal's time (which a disagreeing /M leaves unknown).
  const std::optional<std::int64_t> own_time = v.version == 1 ? v1_time(v.time_info) : der_time(v.time_info);
  std::optional<std::int64_t> signed_at = claimed_time(in, own_time, "timeInfo", out);
  ossl::X509Ptr maker = certificate_of(seal.maker_cert);
  const Verified maker_verified =
      maker ? ses_signature_verifies(sm2_point(maker.get()), seal.info, seal.cert_tlv, seal.alg_tlv, seal.signed_value,
                                     {kSm2DefaultId, in.sm2_id})
            : Verified::kNo;
  const bool maker_signed = maker_verified != Verified::kNo;
  if (signed_by == Verified::kNormalised || maker_verified == Verified::kNormalised) {
    algorithm_row = {CheckId::kAlgorithm, Status::kWarn, Code::kSignatureReencoded,
                     signed_by == Verified::kNormalised ? "the signer's signature" : "the seal maker's signature"};
  }
  const auto created = der_time(seal.created);
  const auto valid_start = der_time(seal.valid_start);
  const auto valid_end = der_time(seal.valid_end);
  if (!maker_signed) {
    checks.push_back(fail(CheckId::kEseal, Code::kSealMakerSignatureBad));
  } else if (!signer_listed(seal, v.signer_cert)) {
    checks.push_back(fail(CheckId::kEseal, Code::kSignerNotInSeal));
  } else if (!own_time || !valid_start || !valid_end || !created || *own_time < *valid_start ||
             *own_time > *valid_end || *created > *own_time + kClockToleranceSeconds) {
    std::string detail;
    if (valid_start && valid_end) detail = format_beijing(*valid_start) + " – " + format_beijing(*valid_end);
    if (created && own_time && *created > *own_time + kClockToleranceSeconds) {
      detail = "made " + format_beijing(*created) + ", after it was used";
    }
    checks.push_back(fail(CheckId::kEseal, Code::kSealOutsideValidity, std::move(detail)));
  } else {
    // The maker vouches for the seal only if the maker is trusted, and is
    // not the seal's own user (who could otherwise name the seal anything).
    // The maker's certificate is judged when the maker signed: at the
    // seal's createDate (the chain model), not when the seal is used. A
    // seal outlives its maker's certificate as a certificate outlives its
    // CA's signing key; a seal made after its maker's certificate expired
    // (or before it began) was never good.
    const bool self_made = seal.maker_cert.size() == v.signer_cert.size() &&
                           std::equal(seal.maker_cert.begin(), seal.maker_cert.end(), v.signer_cert.begin());
    Check maker_chain = self_made ? fail(CheckId::kEseal, Code::kSealMakerUntrusted, "the signer made its own seal")
                                  : chain_check(in, CheckId::kEseal, maker.get(), nullptr, *created);
    if (maker_chain.status == Status::kPass) {
      checks.push_back(pass(CheckId::kEseal, Code::kElectronicSealIntact));
      SealInfo::ElectronicSeal e;
      e.id = seal.es_id;
      e.name = seal.name;
      e.type = seal.type;
      e.valid_from = format_beijing(*valid_start);
      e.valid_to = format_beijing(*valid_end);
      e.maker = name_text(X509_get_subject_name(maker.get()));
      out.seal.eseal = std::move(e);
    } else {
      if (maker_chain.code == Code::kChainUntrusted || maker_chain.code == Code::kNoTrustAnchors) {
        maker_chain.code = Code::kSealMakerUntrusted;
      }
      if (!self_made) maker_chain.detail = "seal maker" + (maker_chain.detail.empty() ? "" : ": " + maker_chain.detail);
      checks.push_back(std::move(maker_chain));
    }
  }
  checks.push_back(algorithm_row);
  // The seal's timeStamp (RFC 3161, over the signature value): once it
  // verifies, its time is the seal's.
  if (v.has_timestamp) apply_signature_timestamp(in, v.timestamp, v.signature, signed_at, out);
  trust_and_key_usage(in, signer.get(), nullptr, signed_at, out);
  return out;
}

}  // namespace

std::optional<CmsOutcome> check_gbt38540(const CmsInput& in) {
  const SesParse parsed = parse_ses_signature(in.cms_der);
  if (parsed.shape == SesShape::kNotSes) return std::nullopt;
  return check(in, parsed);
}

}  // namespace sealcheck::seal
