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

// A signature by `point` over one of the forms the SES structures are
// signed in (ses_signed_forms), with any of `ids`.
bool ses_signature_verifies(const Bytes& point, DerSpan structure, DerSpan cert_tlv, DerSpan alg_tlv, DerSpan signature,
                            std::initializer_list<std::string_view> ids) {
  if (point.empty()) return false;
  const Bytes as_is(signature.begin(), signature.end());
  const Bytes raw_converted = ses_der_signature(signature);
  for (const auto& message : ses_signed_forms(structure, cert_tlv, alg_tlv)) {
    for (std::string_view id : ids) {
      if (sm2_verify(point, message, as_is, id)) return true;
      if (raw_converted != as_is && sm2_verify(point, message, raw_converted, id)) return true;
    }
  }
  return false;
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
    return stop(fail(CheckId::kCms, Code::kSignatureUnsupported, "GM/T 0031 electronic seal (version 1 to 3)"));
  }
  if (parsed.shape != SesShape::kOk) {
    return stop(fail(CheckId::kCms, Code::kCmsUnparseable, "GB/T 38540 SES_Signature"));
  }
  const SesSignatureView& v = parsed.view;
  const SesSeal& seal = v.seal;
  out.seal.algorithm = "SM3 with SM2 (GB/T 38540)";
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
  if (!ses_signature_verifies(sm2_point(signer.get()), v.to_sign, v.cert_tlv, v.alg_tlv, v.signature, {in.sm2_id})) {
    checks.push_back(fail(CheckId::kCms, Code::kSignatureBad));
    return stop(algorithm_check);
  }
  checks.push_back(pass(CheckId::kCms, Code::kCmsIntact));

  // The seal: its maker's signature, validity period, the signer listed.
  // The seal's validity is judged at its own timeInfo; everything after,
  // at the seal's time (which a disagreeing /M leaves unknown).
  const std::optional<std::int64_t> own_time = der_time(v.time_info);
  const std::optional<std::int64_t> signed_at = claimed_time(in, own_time, "timeInfo", out);
  ossl::X509Ptr maker = certificate_of(seal.maker_cert);
  const bool maker_signed =
      maker && ses_signature_verifies(sm2_point(maker.get()), seal.info, seal.cert_tlv, seal.alg_tlv, seal.signed_value,
                                      {kSm2DefaultId, in.sm2_id});
  const auto valid_start = der_time(seal.valid_start);
  const auto valid_end = der_time(seal.valid_end);
  if (!maker_signed) {
    checks.push_back(fail(CheckId::kEseal, Code::kSealMakerSignatureBad));
  } else if (!signer_listed(seal, v.signer_cert)) {
    checks.push_back(fail(CheckId::kEseal, Code::kSignerNotInSeal));
  } else if (!own_time || !valid_start || !valid_end || *own_time < *valid_start || *own_time > *valid_end) {
    std::string detail;
    if (valid_start && valid_end) detail = format_beijing(*valid_start) + " – " + format_beijing(*valid_end);
    checks.push_back(fail(CheckId::kEseal, Code::kSealOutsideValidity, std::move(detail)));
  } else {
    // The maker vouches for the seal only if the maker is trusted, and is
    // not the seal's own user (who could otherwise name the seal anything).
    const bool self_made = seal.maker_cert.size() == v.signer_cert.size() &&
                           std::equal(seal.maker_cert.begin(), seal.maker_cert.end(), v.signer_cert.begin());
    Check maker_chain = self_made ? fail(CheckId::kEseal, Code::kSealMakerUntrusted, "the signer made its own seal")
                                  : chain_check(in, CheckId::kEseal, maker.get(), nullptr, *own_time);
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
      if (!self_made) maker_chain.detail = "seal maker: " + maker_chain.detail;
      checks.push_back(std::move(maker_chain));
    }
  }
  checks.push_back(algorithm_check);
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
