// SM2 seals: a SignedData with SM3 and SM2 under the PKCS#7 or the GM/T
// 0010 OIDs, read by hand (OpenSSL 3.0's CMS cannot check SM2 with an ID).
#include <openssl/x509.h>

#include <cstring>

#include "crypto/seal_common.h"
#include "crypto/seal_formats.h"
#include "crypto/ses.h"
#include "crypto/signed_data.h"
#include "sealcheck/certs.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"

namespace sealcheck::seal {
namespace {

const char* const kOidSm3 = "1.2.156.10197.1.401";
const char* const kOidData = "1.2.840.113549.1.7.1";
const char* const kOidGmtData = "1.2.156.10197.6.1.4.2.1";

bool sm2_signature_algorithm(const std::string& oid) {
  return oid == "1.2.156.10197.1.501" || oid == "1.2.156.10197.1.301.1" || oid == "1.2.156.10197.1.301";
}

bool is_sm2_seal(const SignedDataView& v) {
  if (v.gmt_oids) return true;
  return v.signers.size() == 1 &&
         (v.signers[0].digest_algorithm == kOidSm3 || sm2_signature_algorithm(v.signers[0].signature_algorithm));
}

Bytes der_of_name(const X509_NAME* name) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_NAME(name, &der);
  Bytes out;
  if (len > 0) out.assign(der, der + len);
  OPENSSL_free(der);
  return out;
}

// An SM2 signature value as DER, as raw r || s (64 bytes) as some GM/T
// 0010 writers put it, or (`reencoded` set) as DER re-encoded from
// non-minimal INTEGERs, which OpenSSL 3 refuses as written.
bool sm2_verifies(const Bytes& point, std::span<const std::uint8_t> message, DerSpan signature, std::string_view id,
                  bool& reencoded) {
  if (sm2_verify(point, message, signature, id)) return true;
  const Bytes der = ses_der_signature(signature);
  if (der.size() != signature.size() && sm2_verify(point, message, der, id)) return true;
  const auto normalised = ses_normalised_signature(signature);
  reencoded = normalised && sm2_verify(point, message, *normalised, id);
  return reencoded;
}

bool same_bytes(DerSpan a, const Bytes& b) { return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin()); }

CmsOutcome check(const CmsInput& in, const SignedDataView& v) {
  CmsOutcome out;
  auto& checks = out.checks;
  // A failed step ends the check; the report marks the rest not checked.
  auto stop = [&](Check c) {
    checks.push_back(std::move(c));
    return out;
  };
  // Attached content: only the covered bytes' own SM3 digest, where the
  // host allows it (GB/T 35275 as OFD signers write it).
  if (!v.detached && !in.digest_content_allowed) return stop(fail(CheckId::kCms, Code::kNotDetached));
  if (v.signers.size() != 1) return stop(fail(CheckId::kCms, Code::kSignerInfoCount));
  const SignedDataSigner& si = v.signers[0];
  Check algorithm_check =
      si.digest_algorithm == kOidSm3 && sm2_signature_algorithm(si.signature_algorithm)
          ? pass(CheckId::kAlgorithm, Code::kDigestStrong)
          : fail(CheckId::kAlgorithm, Code::kDigestUnsupported, si.digest_algorithm + " / " + si.signature_algorithm);
  if (algorithm_check.status != Status::kPass) {
    checks.push_back(fail(CheckId::kCms, Code::kDigestUnsupported, si.digest_algorithm));
    return stop(algorithm_check);
  }

  // The signer's certificate, by issuer and serial number.
  ossl::X509Stack certs(sk_X509_new_null());
  X509* signer = nullptr;
  for (DerSpan der : v.certificates) {
    ossl::X509Ptr x = certificate_of(der);
    if (!x) continue;
    unsigned char* serial = nullptr;
    const int serial_len = i2d_ASN1_INTEGER(X509_get0_serialNumber(x.get()), &serial);
    const bool match = signer == nullptr && serial_len > 0 &&
                       same_bytes(si.serial, Bytes(serial, serial + serial_len)) &&
                       same_bytes(si.issuer, der_of_name(X509_get_issuer_name(x.get())));
    OPENSSL_free(serial);
    if (match) signer = x.get();
    if (sk_X509_push(certs.get(), x.get()) > 0) x.release();
  }
  if (signer == nullptr) return stop(fail(CheckId::kCms, Code::kSignerCertNotFound));
  out.seal.signer = name_text(X509_get_subject_name(signer));
  out.seal.issuer = name_text(X509_get_issuer_name(signer));
  out.seal.algorithm = "SM3 with SM2";
  out.seal.certificate_sha256 = fingerprint(signer);
  const Bytes point = sm2_point(signer);
  if (point.empty()) {
    checks.push_back(fail(CheckId::kCms, Code::kSignatureBad, "the signer's key is not an SM2 key"));
    return stop(algorithm_check);
  }

  unsigned char digest[kSm3Size];
  if (!sm3_of_covered(in, digest)) {
    checks.push_back(fail(CheckId::kCms, Code::kDigestUnsupported, "SM3"));
    return stop(algorithm_check);
  }
  bool reencoded = false;
  const auto reencoded_row = [&] {
    return reencoded ? Check{CheckId::kAlgorithm, Status::kWarn, Code::kSignatureReencoded, "the signer's signature"}
                     : algorithm_check;
  };
  if (!v.detached) {
    // The content states what was signed: the digest, as bytes or (some
    // writers) as its base64 text.
    const Bytes raw(digest, digest + kSm3Size);
    const std::string text = to_base64(raw);
    const bool as_bytes = v.content.size() == kSm3Size && std::equal(raw.begin(), raw.end(), v.content.begin());
    const bool as_text = v.content.size() == text.size() && std::equal(text.begin(), text.end(), v.content.begin());
    if (!as_bytes && !as_text) {
      checks.push_back(fail(CheckId::kCms, Code::kDigestMismatch, "the signed content is not the covered bytes' SM3"));
      return stop(algorithm_check);
    }
    if (!si.signed_attributes) {
      // No signed attributes: the signature is over that content itself.
      if (!sm2_verifies(point, v.content, si.signature, in.sm2_id, reencoded)) {
        checks.push_back(fail(CheckId::kCms, Code::kSignatureBad));
        return stop(algorithm_check);
      }
      checks.push_back(pass(CheckId::kCms, Code::kCmsIntact));
      checks.push_back(reencoded_row());
      trust_and_key_usage(in, signer, certs.get(), claimed_time(in, std::nullopt, "signingTime", out), out);
      return out;
    }
  }

  // Signed attributes: contentType, messageDigest = SM3(covered bytes) (or,
  // content attached, SM3 of that content, as CMS has it).
  if (!si.signed_attributes) return stop(fail(CheckId::kCms, Code::kNoSignedAttributes));
  const DerSpan attrs = *si.signed_attributes;
  const auto content_type = signed_attribute(attrs, "1.2.840.113549.1.9.3");
  // Data, named by PKCS#7 or GM/T 0010: producers mix the two (GM/T outer
  // OIDs, a PKCS#7 encapsulated type, a GM/T contentType attribute); both
  // must say "data", in either naming.
  const auto is_data = [](std::string_view oid) { return oid == kOidData || oid == kOidGmtData; };
  if (!content_type || content_type->size() < 2 || (*content_type)[0] != 0x06 ||
      !is_data(oid_text(content_type->subspan(2))) || !is_data(v.encapsulated_type)) {
    checks.push_back(fail(CheckId::kCms, Code::kContentTypeMismatch));
    return stop(algorithm_check);
  }
  unsigned char content_digest[kSm3Size];
  const bool content_digested =
      !v.detached && EVP_Digest(v.content.data(), v.content.size(), content_digest, nullptr, EVP_sm3(), nullptr) == 1;
  const auto claimed = signed_attribute(attrs, "1.2.840.113549.1.9.4");
  const auto claims = [&](const unsigned char* d) { return std::memcmp(claimed->data() + 2, d, kSm3Size) == 0; };
  if (!claimed || claimed->size() != 2 + kSm3Size || (*claimed)[0] != 0x04 ||
      !(claims(digest) || (content_digested && claims(content_digest)))) {
    checks.push_back(fail(CheckId::kCms, Code::kDigestMismatch));
    return stop(algorithm_check);
  }
  if (!sm2_verifies(point, signed_attributes_to_sign(attrs), si.signature, in.sm2_id, reencoded)) {
    checks.push_back(fail(CheckId::kCms, Code::kSignatureBad));
    return stop(algorithm_check);
  }
  checks.push_back(pass(CheckId::kCms, Code::kCmsIntact));
  checks.push_back(reencoded_row());

  std::optional<std::int64_t> signed_at;
  if (const auto t = signed_attribute(attrs, "1.2.840.113549.1.9.5")) signed_at = der_time(*t);
  signed_at = claimed_time(in, signed_at, "signingTime", out);
  // A signature timestamp (RFC 3161) over the SM2 signature value, as on
  // any other seal.
  if (si.unsigned_attributes) {
    std::size_t count = 0;
    const auto token = unsigned_attribute(*si.unsigned_attributes, "1.2.840.113549.1.9.16.2.14", &count);
    if (count > 0) apply_signature_timestamp(in, token, si.signature, signed_at, out);
  }
  trust_and_key_usage(in, signer, certs.get(), signed_at, out);
  return out;
}

}  // namespace

std::optional<CmsOutcome> check_sm2_signed_data(const CmsInput& in) {
  const auto view = parse_signed_data(in.cms_der);
  if (!view || !is_sm2_seal(*view)) return std::nullopt;
  return check(in, *view);
}

}  // namespace sealcheck::seal
