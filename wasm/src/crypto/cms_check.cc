#include "crypto/cms_check.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/objects.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "crypto/ossl.h"
#include "crypto/ses.h"
#include "crypto/signed_data.h"
#include "sealcheck/sm2.h"
#include "sealcheck/certs.h"
#include "sealcheck/limits.h"
#include "sealcheck/time.h"

namespace sealcheck {
namespace {

Check pass(const char* id, Code code) { return {id, Status::kPass, code, {}}; }
Check fail(const char* id, Code code, std::string detail = {}) {
  return {id, Status::kFail, code, std::move(detail)};
}
Check skip(const char* id) { return {id, Status::kSkip, Code::kNotChecked, {}}; }

// Distinguished names as UTF-8 text, RFC 2253 order, no escaping of
// non-ASCII (so Chinese names stay readable).
std::string name_text(const X509_NAME* name) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) return {};
  const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) return {};
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::optional<std::int64_t> asn1_time_to_unix(const ASN1_TIME* t) {
  struct tm tm {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                         static_cast<unsigned>(tm.tm_mday)) *
             86400 +
         tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

// Digests known to be broken for signatures: a seal made with one is invalid.
bool weak_digest(int nid) {
  return nid == NID_md2 || nid == NID_md4 || nid == NID_md5 || nid == NID_sha1 || nid == NID_mdc2 ||
         nid == NID_ripemd160 || nid == NID_sha224;
}

// The digests a seal may use: SHA-256, -384, -512, and SHA-1 so that its
// use is reported as weak. Anything else (SHA-3, SM3 until SM2 seals are
// supported, unknown OIDs) cannot be judged: indeterminate, never valid.
// A fixed list rather than EVP_get_digestbynid: that needs OpenSSL's name
// tables filled at start-up (autoalginit), which links every legacy cipher
// into the wasm engine.
const EVP_MD* digest_for(int nid) {
  switch (nid) {
    case NID_sha1: return EVP_sha1();
    case NID_sha256: return EVP_sha256();
    case NID_sha384: return EVP_sha384();
    case NID_sha512: return EVP_sha512();
    default: return nullptr;
  }
}

std::string key_type_name(EVP_PKEY* key) {
  if (key == nullptr) return "unknown";
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "ECDSA";
    case EVP_PKEY_ED25519: return "Ed25519";
    default: return "other";
  }
}

Code map_chain_error(int err) {
  switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return Code::kChainUntrusted;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return Code::kCertExpiredAtSigning;
    default:
      return Code::kChainBroken;
  }
}

// A certificate in the chain that names a trust anchor as its issuer but
// whose signature that anchor's key does not verify: a forgery made to look
// like the authority's, not merely an unknown one.
bool names_anchor_but_forged(STACK_OF(X509) * anchors, X509* signer, STACK_OF(X509) * bag) {
  auto check = [&](X509* cert) {
    for (int i = 0; i < sk_X509_num(anchors); ++i) {
      X509* anchor = sk_X509_value(anchors, i);
      if (X509_NAME_cmp(X509_get_issuer_name(cert), X509_get_subject_name(anchor)) != 0) continue;
      EVP_PKEY* key = X509_get0_pubkey(anchor);
      if (key != nullptr && X509_verify(cert, key) != 1) return true;
    }
    return false;
  };
  if (check(signer)) return true;
  for (int i = 0; bag && i < sk_X509_num(bag); ++i) {
    if (check(sk_X509_value(bag, i))) return true;
  }
  return false;
}

enum class SigningCertBinding { kAbsent, kMatch, kMismatch };

// At most one signingCertificate and one signingCertificateV2 attribute
// (lastpos -3 returns nothing for duplicates, which then count as a
// mismatch); each present one must list the signer first.
SigningCertBinding signing_certificate_binding(CMS_SignerInfo* si, X509* signer, STACK_OF(X509)* bag) {
  const int v1_count = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificate, -1) >= 0;
  const int v2_count = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1) >= 0;
  if (v1_count == 0 && v2_count == 0) return SigningCertBinding::kAbsent;
  auto attr_der = [&](int nid) -> const ASN1_STRING* {
    return static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(nid), -3, V_ASN1_SEQUENCE));
  };
  ESS_SIGNING_CERT* v1 = nullptr;
  ESS_SIGNING_CERT_V2* v2 = nullptr;
  bool ok = true;
  if (v1_count) {
    const ASN1_STRING* s = attr_der(NID_id_smime_aa_signingCertificate);
    const unsigned char* q = s ? ASN1_STRING_get0_data(s) : nullptr;
    v1 = q ? d2i_ESS_SIGNING_CERT(nullptr, &q, ASN1_STRING_length(s)) : nullptr;
    ok = v1 != nullptr;
  }
  if (ok && v2_count) {
    const ASN1_STRING* s = attr_der(NID_id_smime_aa_signingCertificateV2);
    const unsigned char* q = s ? ASN1_STRING_get0_data(s) : nullptr;
    v2 = q ? d2i_ESS_SIGNING_CERT_V2(nullptr, &q, ASN1_STRING_length(s)) : nullptr;
    ok = v2 != nullptr;
  }
  if (ok) {
    // The signer first: OpenSSL requires the first ESSCertID to be chain[0].
    ossl::X509Stack chain(sk_X509_new_null());
    auto push = [&](X509* c) {
      X509_up_ref(c);
      if (sk_X509_push(chain.get(), c) > 0) return true;
      X509_free(c);
      return false;
    };
    ok = chain && push(signer);
    for (int i = 0; ok && bag && i < sk_X509_num(bag); ++i) {
      if (sk_X509_value(bag, i) != signer) ok = push(sk_X509_value(bag, i));
    }
    ok = ok && OSSL_ESS_check_signing_certs(v1, v2, chain.get(), 1) == 1;
  }
  ESS_SIGNING_CERT_free(v1);
  ESS_SIGNING_CERT_V2_free(v2);
  ERR_clear_error();
  return ok ? SigningCertBinding::kMatch : SigningCertBinding::kMismatch;
}

// An SM2-signed certificate is verified with a distinguishing ID (OpenSSL
// 3.0 uses none unless told).
void set_sm2_ids(X509* x, const std::string& id) {
  if (X509_get_signature_nid(x) != NID_SM2_with_SM3) return;
  ASN1_OCTET_STRING* v = ASN1_OCTET_STRING_new();
  if (v == nullptr) return;
  if (ASN1_OCTET_STRING_set(v, reinterpret_cast<const unsigned char*>(id.data()), static_cast<int>(id.size())) != 1) {
    ASN1_OCTET_STRING_free(v);
    return;
  }
  X509_set0_distinguishing_id(x, v);
}

// Whether `cert` chains to a trust anchor (by signatures, at time `at`),
// as check `id`. SM2-signed certificates are checked with GM/T 0015's
// default distinguishing ID, whatever the seal itself used.
Check chain_check(const CmsInput& in, const char* id, X509* cert, STACK_OF(X509) * certs, std::int64_t at) {
  if (in.trust_anchors == nullptr || in.trust_anchors->empty()) return fail(id, Code::kNoTrustAnchors);
  ossl::Store store(X509_STORE_new());
  ossl::X509Stack anchors(sk_X509_new_null());
  for (const auto& der : *in.trust_anchors) {
    if (sk_X509_num(anchors.get()) == static_cast<int>(limits::kMaxTrustAnchors)) break;
    const unsigned char* q = der.data();
    ossl::X509Ptr anchor(d2i_X509(nullptr, &q, static_cast<long>(der.size())));
    if (anchor && X509_STORE_add_cert(store.get(), anchor.get()) == 1) sk_X509_push(anchors.get(), anchor.release());
  }
  const std::string cert_id(kSm2DefaultId);
  set_sm2_ids(cert, cert_id);
  for (int i = 0; certs && i < sk_X509_num(certs); ++i) set_sm2_ids(sk_X509_value(certs, i), cert_id);
  for (int i = 0; i < sk_X509_num(anchors.get()); ++i) set_sm2_ids(sk_X509_value(anchors.get(), i), cert_id);
  ossl::StoreCtx ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), cert, certs) != 1) {
    return fail(id, Code::kChainBroken, "internal error");
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at));
  // An anchor may be an intermediate (a pinned seal CA); strict X.509
  // rules reject malformed extensions.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_X509_STRICT);
  if (X509_verify_cert(ctx.get()) == 1) return pass(id, Code::kChainTrusted);
  const int err = X509_STORE_CTX_get_error(ctx.get());
  Code code = map_chain_error(err);
  std::string detail = X509_verify_cert_error_string(err);
  if (code == Code::kChainUntrusted && names_anchor_but_forged(anchors.get(), cert, certs)) {
    code = Code::kChainBroken;
    detail = "a certificate names a trusted authority as its issuer but was not signed by it";
  }
  return fail(id, code, std::move(detail));
}

// The chain to a trust anchor (at the signing time), the signing time's
// plausibility, and the signer's key usage: the same for every seal format.
void trust_and_key_usage(const CmsInput& in, X509* signer, STACK_OF(X509) * certs, std::optional<std::int64_t> signed_at,
                         std::vector<Check>& checks) {
  checks.push_back(chain_check(in, "trust", signer, certs, signed_at.value_or(in.validation_time)));
  if (!signed_at) checks.push_back({"signing_time", Status::kWarn, Code::kNoSigningTime, {}});
  // A seal dated after the moment we judge for cannot be judged then
  // (five minutes of clock skew tolerated).
  if (signed_at && *signed_at > in.validation_time + 300) {
    checks.push_back({"signing_time", Status::kFail, Code::kSigningTimeInFuture, format_beijing(*signed_at)});
  }

  // --- the signer's key usage ---------------------------------------------
  const std::uint32_t ku = X509_get_key_usage(signer);
  const bool has_ku = (X509_get_extension_flags(signer) & EXFLAG_KUSAGE) != 0;
  if (has_ku && (ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0) {
    checks.push_back(pass("key_usage", Code::kKeyUsageOk));
  } else {
    checks.push_back(fail("key_usage", Code::kKeyUsageWrong));
  }
}

// --- SM2 seals: SignedData read by hand (OpenSSL's CMS cannot check SM2) --

using Bytes = std::vector<std::uint8_t>;

const char* const kOidSm3 = "1.2.156.10197.1.401";
const char* const kOidData = "1.2.840.113549.1.7.1";
const char* const kOidGmtData = "1.2.156.10197.6.1.4.2.1";

constexpr unsigned kSm3Size = 32;

// `c`, then the checks in `rest` skipped: how a seal check ends early.
CmsOutcome stop_after(CmsOutcome& out, Check c, std::initializer_list<const char*> rest) {
  out.checks.push_back(std::move(c));
  for (const char* id : rest) out.checks.push_back(skip(id));
  return out;
}

std::optional<std::int64_t> der_time(DerSpan tlv) {
  const unsigned char* q = tlv.data();
  ASN1_TIME* t = d2i_ASN1_TIME(nullptr, &q, static_cast<long>(tlv.size()));
  const auto out = asn1_time_to_unix(t);
  ASN1_TIME_free(t);
  ERR_clear_error();
  return out;
}

ossl::X509Ptr certificate_of(DerSpan der) {
  const unsigned char* q = der.data();
  ossl::X509Ptr x(d2i_X509(nullptr, &q, static_cast<long>(der.size())));
  if (x && q != der.data() + der.size()) x.reset();
  ERR_clear_error();
  return x;
}

// The uncompressed SM2 public key of `cert`, or empty.
Bytes sm2_point(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  Bytes point(65);
  std::size_t len = 0;
  if (key == nullptr || !EVP_PKEY_is_a(key, "SM2") ||
      EVP_PKEY_get_octet_string_param(key, "pub", point.data(), point.size(), &len) != 1 || len != point.size()) {
    ERR_clear_error();
    return {};
  }
  return point;
}

// SM3 over the covered bytes into `digest` (32 bytes); false if SM3 is
// unavailable.
bool sm3_of_covered(const CmsInput& in, unsigned char* digest) {
  ossl::MdCtx md(EVP_MD_CTX_new());
  unsigned int len = 0;
  const bool ok = md && EVP_DigestInit_ex(md.get(), EVP_sm3(), nullptr) == 1 &&
                  digest_update_chunked(md.get(), in.covered.first) && digest_update_chunked(md.get(), in.covered.second) &&
                  EVP_DigestFinal_ex(md.get(), digest, &len) == 1 && len == kSm3Size;
  ERR_clear_error();
  return ok;
}

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

bool same_bytes(DerSpan a, const Bytes& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

CmsOutcome check_sm2(const CmsInput& in, const SignedDataView& v) {
  CmsOutcome out;
  auto& checks = out.checks;
  auto stop = [&](Check c, std::initializer_list<const char*> rest) { return stop_after(out, std::move(c), rest); };
  if (!v.detached) return stop(fail("cms", Code::kNotDetached), {"algorithm", "trust", "key_usage"});
  if (v.signers.size() != 1) return stop(fail("cms", Code::kSignerInfoCount), {"algorithm", "trust", "key_usage"});
  const SignedDataSigner& si = v.signers[0];
  const std::string data_oid = v.gmt_oids ? kOidGmtData : kOidData;
  Check algorithm_check = si.digest_algorithm == kOidSm3 && sm2_signature_algorithm(si.signature_algorithm)
                              ? pass("algorithm", Code::kDigestStrong)
                              : fail("algorithm", Code::kDigestUnsupported, si.digest_algorithm + " / " + si.signature_algorithm);
  if (algorithm_check.status != Status::kPass) {
    checks.push_back(fail("cms", Code::kDigestUnsupported, si.digest_algorithm));
    return stop(algorithm_check, {"trust", "key_usage"});
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
  if (signer == nullptr) return stop(fail("cms", Code::kSignerCertNotFound), {"algorithm", "trust", "key_usage"});
  out.seal.signer = name_text(X509_get_subject_name(signer));
  out.seal.issuer = name_text(X509_get_issuer_name(signer));
  out.seal.algorithm = "SM3 with SM2";
  {
    unsigned char* der = nullptr;
    const int len = i2d_X509(signer, &der);
    if (len > 0) out.seal.certificate_sha256 = to_hex(sha256({der, static_cast<std::size_t>(len)}));
    OPENSSL_free(der);
  }
  const Bytes point = sm2_point(signer);
  if (point.empty()) {
    checks.push_back(fail("cms", Code::kSignatureBad, "the signer's key is not an SM2 key"));
    return stop(algorithm_check, {"trust", "key_usage"});
  }

  // Signed attributes: contentType, messageDigest = SM3(covered bytes).
  if (!si.signed_attributes) return stop(fail("cms", Code::kNoSignedAttributes), {"algorithm", "trust", "key_usage"});
  const DerSpan attrs = *si.signed_attributes;
  const auto content_type = signed_attribute(attrs, "1.2.840.113549.1.9.3");
  if (!content_type || content_type->size() < 2 || (*content_type)[0] != 0x06 ||
      oid_text(content_type->subspan(2)) != v.encapsulated_type || v.encapsulated_type != data_oid) {
    checks.push_back(fail("cms", Code::kContentTypeMismatch));
    return stop(algorithm_check, {"trust", "key_usage"});
  }
  unsigned char digest[kSm3Size];
  if (!sm3_of_covered(in, digest)) {
    checks.push_back(fail("cms", Code::kDigestUnsupported, "SM3"));
    return stop(algorithm_check, {"trust", "key_usage"});
  }
  const auto claimed = signed_attribute(attrs, "1.2.840.113549.1.9.4");
  if (!claimed || claimed->size() != 2 + kSm3Size || (*claimed)[0] != 0x04 ||
      std::memcmp(claimed->data() + 2, digest, kSm3Size) != 0) {
    checks.push_back(fail("cms", Code::kDigestMismatch));
    return stop(algorithm_check, {"trust", "key_usage"});
  }
  if (!sm2_verify(point, signed_attributes_to_sign(attrs), si.signature, in.sm2_id)) {
    checks.push_back(fail("cms", Code::kSignatureBad));
    return stop(algorithm_check, {"trust", "key_usage"});
  }
  checks.push_back(pass("cms", Code::kCmsIntact));
  checks.push_back(algorithm_check);

  std::optional<std::int64_t> signed_at;
  if (const auto t = signed_attribute(attrs, "1.2.840.113549.1.9.5")) signed_at = der_time(*t);
  if (signed_at) out.seal.signed_at = format_beijing(*signed_at);
  out.signed_at = signed_at;
  trust_and_key_usage(in, signer, certs.get(), signed_at, checks);
  return out;
}

// --- GB/T 38540 electronic seals: SES_Signature in /Contents -------------

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
CmsOutcome check_ses(const CmsInput& in, const SesParse& parsed) {
  CmsOutcome out;
  auto& checks = out.checks;
  auto stop = [&](Check c, std::initializer_list<const char*> rest) { return stop_after(out, std::move(c), rest); };
  if (parsed.shape == SesShape::kOtherVersion) {
    return stop(fail("cms", Code::kSignatureUnsupported, "GM/T 0031 electronic seal (version 1 to 3)"),
                {"eseal", "algorithm", "trust", "key_usage"});
  }
  if (parsed.shape != SesShape::kOk) {
    return stop(fail("cms", Code::kCmsUnparseable, "GB/T 38540 SES_Signature"), {"eseal", "algorithm", "trust", "key_usage"});
  }
  const SesSignatureView& v = parsed.view;
  const SesSeal& seal = v.seal;
  out.seal.algorithm = "SM3 with SM2 (GB/T 38540)";
  if (v.algorithm != kOidSm2WithSm3 || seal.algorithm != kOidSm2WithSm3) {
    const std::string detail = v.algorithm + " / " + seal.algorithm;
    checks.push_back(fail("cms", Code::kDigestUnsupported, detail));
    return stop(fail("algorithm", Code::kDigestUnsupported, detail), {"eseal", "trust", "key_usage"});
  }
  const Check algorithm_check = pass("algorithm", Code::kDigestStrong);

  ossl::X509Ptr signer = certificate_of(v.signer_cert);
  if (!signer) return stop(fail("cms", Code::kSignerCertNotFound), {"eseal", "algorithm", "trust", "key_usage"});
  out.seal.signer = name_text(X509_get_subject_name(signer.get()));
  out.seal.issuer = name_text(X509_get_issuer_name(signer.get()));
  out.seal.certificate_sha256 = to_hex(sha256(v.signer_cert));

  // dataHash = SM3 over the covered bytes.
  unsigned char digest[kSm3Size];
  if (!sm3_of_covered(in, digest)) {
    checks.push_back(fail("cms", Code::kDigestUnsupported, "SM3"));
    return stop(algorithm_check, {"eseal", "trust", "key_usage"});
  }
  if (v.data_hash.size() != kSm3Size || std::memcmp(v.data_hash.data(), digest, kSm3Size) != 0) {
    checks.push_back(fail("cms", Code::kDigestMismatch));
    return stop(algorithm_check, {"eseal", "trust", "key_usage"});
  }
  // The signer's signature over TBS_Sign, with the seal's ID.
  if (!ses_signature_verifies(sm2_point(signer.get()), v.to_sign, v.cert_tlv, v.alg_tlv, v.signature, {in.sm2_id})) {
    checks.push_back(fail("cms", Code::kSignatureBad));
    return stop(algorithm_check, {"eseal", "trust", "key_usage"});
  }
  checks.push_back(pass("cms", Code::kCmsIntact));

  // The seal: its maker's signature, validity period, the signer listed.
  const std::optional<std::int64_t> signed_at = der_time(v.time_info);
  if (signed_at) out.seal.signed_at = format_beijing(*signed_at);
  out.signed_at = signed_at;
  ossl::X509Ptr maker = certificate_of(seal.maker_cert);
  const bool maker_signed =
      maker && ses_signature_verifies(sm2_point(maker.get()), seal.info, seal.cert_tlv, seal.alg_tlv, seal.signed_value,
                                      {kSm2DefaultId, in.sm2_id});
  const auto valid_start = der_time(seal.valid_start);
  const auto valid_end = der_time(seal.valid_end);
  if (!maker_signed) {
    checks.push_back(fail("eseal", Code::kSealMakerSignatureBad));
  } else if (!signer_listed(seal, v.signer_cert)) {
    checks.push_back(fail("eseal", Code::kSignerNotInSeal));
  } else if (!signed_at || !valid_start || !valid_end || *signed_at < *valid_start || *signed_at > *valid_end) {
    std::string detail;
    if (valid_start && valid_end) detail = format_beijing(*valid_start) + " – " + format_beijing(*valid_end);
    checks.push_back(fail("eseal", Code::kSealOutsideValidity, std::move(detail)));
  } else {
    // The maker vouches for the seal only if the maker is trusted, and is
    // not the seal's own user (who could otherwise name the seal anything).
    const bool self_made = seal.maker_cert.size() == v.signer_cert.size() &&
                           std::equal(seal.maker_cert.begin(), seal.maker_cert.end(), v.signer_cert.begin());
    Check maker_chain = self_made ? fail("eseal", Code::kSealMakerUntrusted, "the signer made its own seal")
                                  : chain_check(in, "eseal", maker.get(), nullptr, *signed_at);
    if (maker_chain.status == Status::kPass) {
      checks.push_back(pass("eseal", Code::kElectronicSealIntact));
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
  trust_and_key_usage(in, signer.get(), nullptr, signed_at, checks);
  return out;
}

}  // namespace

CmsOutcome check_cms(const CmsInput& in) {
  CmsOutcome out;
  auto& checks = out.checks;
  auto skip_rest = [&](std::initializer_list<const char*> ids) {
    for (const char* id : ids) checks.push_back(skip(id));
    return out;
  };

  // --- GB/T 38540 seals (SES_Signature), read by hand -----------------------
  if (const SesParse ses = parse_ses_signature(in.cms_der); ses.shape != SesShape::kNotSes) return check_ses(in, ses);

  // --- SM2 seals (GM/T 0010 or PKCS#7 OIDs): our own SignedData checks ---
  if (const auto view = parse_signed_data(in.cms_der); view && is_sm2_seal(*view)) return check_sm2(in, *view);

  // --- structure: SignedData, detached, exactly one SignerInfo ------------
  const unsigned char* p = in.cms_der.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(in.cms_der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    checks.push_back(fail("cms", Code::kCmsUnparseable));
    return skip_rest({"algorithm", "trust", "key_usage"});
  }
  if (CMS_is_detached(cms.get()) != 1) {
    checks.push_back(fail("cms", Code::kNotDetached));
    return skip_rest({"algorithm", "trust", "key_usage"});
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1) {
    checks.push_back(fail("cms", Code::kSignerInfoCount));
    return skip_rest({"algorithm", "trust", "key_usage"});
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);

  // --- digest algorithm ---------------------------------------------------
  X509_ALGOR* digest_alg = nullptr;
  X509_ALGOR* sig_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, &sig_alg);
  const int digest_nid = digest_alg ? OBJ_obj2nid(digest_alg->algorithm) : NID_undef;
  const EVP_MD* md = digest_for(digest_nid);
  const std::string digest_name = digest_nid == NID_undef ? "unknown" : OBJ_nid2sn(digest_nid);
  Check algorithm_check = weak_digest(digest_nid) ? fail("algorithm", Code::kDigestWeak, digest_name)
                          : md == nullptr         ? fail("algorithm", Code::kDigestUnsupported, digest_name)
                                                  : pass("algorithm", Code::kDigestStrong);

  // --- signer certificate, chosen by the SignerInfo's sid ------------------
  ossl::X509Stack certs(CMS_get1_certs(cms.get()));
  X509* signer = nullptr;
  for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
    X509* x = sk_X509_value(certs.get(), i);
    if (CMS_SignerInfo_cert_cmp(si, x) == 0) {
      signer = x;
      break;
    }
  }
  if (signer == nullptr) {
    checks.push_back(fail("cms", Code::kSignerCertNotFound));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  out.seal.signer = name_text(X509_get_subject_name(signer));
  {
    unsigned char* der = nullptr;
    const int len = i2d_X509(signer, &der);
    if (len > 0) out.seal.certificate_sha256 = to_hex(sha256({der, static_cast<std::size_t>(len)}));
    OPENSSL_free(der);
  }
  out.seal.issuer = name_text(X509_get_issuer_name(signer));
  ossl::PKey signer_key(X509_get_pubkey(signer));
  out.seal.algorithm = std::string(digest_nid == NID_undef ? "unknown" : OBJ_nid2sn(digest_nid)) +
                       " with " + key_type_name(signer_key.get());

  // --- messageDigest over the covered bytes, then the signature -----------
  if (CMS_signed_get_attr_count(si) <= 0) {
    checks.push_back(fail("cms", Code::kNoSignedAttributes));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  if (md == nullptr) {
    // Not broken, just not one we check: no conclusion (indeterminate).
    checks.push_back(fail("cms", Code::kDigestUnsupported, digest_name));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  {
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
        !digest_update_chunked(ctx.get(), in.covered.first) || !digest_update_chunked(ctx.get(), in.covered.second) ||
        EVP_DigestFinal_ex(ctx.get(), digest, &digest_len) != 1) {
      checks.push_back(fail("cms", Code::kCmsUnparseable, "digest failed"));
      checks.push_back(algorithm_check);
      return skip_rest({"trust", "key_usage"});
    }
  }
  // lastpos -3: exactly one messageDigest attribute, or none is returned.
  const auto* claimed = static_cast<const ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  if (claimed == nullptr || static_cast<unsigned>(ASN1_STRING_length(claimed)) != digest_len ||
      std::memcmp(ASN1_STRING_get0_data(claimed), digest, digest_len) != 0) {
    checks.push_back(fail("cms", Code::kDigestMismatch));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  // RFC 5652 5.3: with signed attributes, contentType must be there and
  // name the content that was signed.
  const auto* content_type = static_cast<const ASN1_OBJECT*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_contentType), -3, V_ASN1_OBJECT));
  const ASN1_OBJECT* econtent_type = CMS_get0_eContentType(cms.get());
  if (content_type == nullptr || econtent_type == nullptr || OBJ_cmp(content_type, econtent_type) != 0) {
    checks.push_back(fail("cms", Code::kContentTypeMismatch));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  // ESS signing-certificate(-v2) (RFC 5035, required by PAdES): when present
  // it must name the certificate that signed, or the certificate was swapped.
  const SigningCertBinding binding = signing_certificate_binding(si, signer, certs.get());
  if (binding == SigningCertBinding::kMismatch) {
    checks.push_back(fail("cms", Code::kSigningCertificateMismatch));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  CMS_SignerInfo_set1_signer_cert(si, signer);
  if (CMS_SignerInfo_verify(si) != 1) {
    checks.push_back(fail("cms", Code::kSignatureBad));
    checks.push_back(algorithm_check);
    return skip_rest({"trust", "key_usage"});
  }
  checks.push_back(pass("cms", Code::kCmsIntact));
  checks.push_back(algorithm_check);
  if (in.cades && binding == SigningCertBinding::kAbsent) {
    checks.push_back({"signing_certificate", Status::kWarn, Code::kNoSigningCertificateAttr, {}});
  }

  // --- signing time: from the signed attributes only ----------------------
  std::optional<std::int64_t> signed_at;
  const int st_index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (st_index >= 0) {
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, st_index);
    ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attr, 0);
    if (value != nullptr && (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME)) {
      signed_at = asn1_time_to_unix(value->value.asn1_string);
    }
  }
  if (signed_at) out.seal.signed_at = format_beijing(*signed_at);
  out.signed_at = signed_at;

  trust_and_key_usage(in, signer, certs.get(), signed_at, checks);
  return out;
}

}  // namespace sealcheck
