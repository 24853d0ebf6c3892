// CMS SignedData seals through OpenSSL (RSA, ECDSA with SHA-2): one
// SignerInfo, the signer by its sid, our own digest against messageDigest,
// contentType, the ESS signing-certificate binding, the signature; then the
// chain and key usage shared by every format.
#include <openssl/cms.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <span>

#include "crypto/digest.h"
#include "crypto/seal_common.h"
#include "crypto/seal_formats.h"
#include "crypto/timestamp.h"
#include "sealcheck/certs.h"
#include "sealcheck/time.h"

namespace sealcheck::seal {
namespace {

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
    default: return "other";
  }
}

// BSI TR-03111's plain ECDSA (ecdsa-plain-SHA*, 0.4.0.127.0.7.1.1.4.1.N):
// the signature value is r || s, each as long as the curve's order, rather
// than a DER ECDSA-Sig-Value. The digest it names, or NID_undef if the
// algorithm is not one of them.
int plain_ecdsa_digest(const X509_ALGOR* alg) {
  static constexpr unsigned char kArc[] = {0x04, 0x00, 0x7f, 0x00, 0x07, 0x01, 0x01, 0x04, 0x01};
  const ASN1_OBJECT* oid = nullptr;
  if (alg != nullptr) X509_ALGOR_get0(&oid, nullptr, nullptr, alg);
  if (oid == nullptr || OBJ_length(oid) != sizeof kArc + 1 || std::memcmp(OBJ_get0_data(oid), kArc, sizeof kArc) != 0) {
    return NID_undef;
  }
  switch (OBJ_get0_data(oid)[sizeof kArc]) {
    case 1: return NID_sha1;
    case 2: return NID_sha224;
    case 3: return NID_sha256;
    case 4: return NID_sha384;
    case 5: return NID_sha512;
    default: return NID_undef;
  }
}

// Rewrites a plain r || s signature value of `si` as DER, for OpenSSL to
// verify; false if it is not two halves of the key's order size.
bool plain_to_der(CMS_SignerInfo* si, EVP_PKEY* key) {
  ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
  if (sig == nullptr || key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return false;
  const int half = (EVP_PKEY_get_bits(key) + 7) / 8;
  if (ASN1_STRING_length(sig) != 2 * half) return false;
  const unsigned char* v = ASN1_STRING_get0_data(sig);
  ECDSA_SIG* pair = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(v, half, nullptr);
  BIGNUM* s = BN_bin2bn(v + half, half, nullptr);
  unsigned char* der = nullptr;
  int len = 0;
  if (pair && r && s && ECDSA_SIG_set0(pair, r, s) == 1) {
    r = s = nullptr;  // owned by pair now
    len = i2d_ECDSA_SIG(pair, &der);
  }
  BN_free(r);
  BN_free(s);
  ECDSA_SIG_free(pair);
  const bool ok = len > 0 && ASN1_OCTET_STRING_set(sig, der, len) == 1;
  OPENSSL_free(der);
  return ok;
}

// The SignerInfo's signature over `digest` alone (no signed attributes):
// PKCS#1 v1.5 for RSA keys, ECDSA over the digest for EC keys. Other key
// types (RSA-PSS among them) do not verify here.
bool signature_over_digest(CMS_SignerInfo* si, EVP_PKEY* key, const EVP_MD* md, std::span<const unsigned char> digest) {
  const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
  const int type = key ? EVP_PKEY_get_base_id(key) : EVP_PKEY_NONE;
  if (sig == nullptr || (type != EVP_PKEY_RSA && type != EVP_PKEY_EC)) return false;
  ossl::PKeyCtx ctx(EVP_PKEY_CTX_new(key, nullptr));
  const bool ok = ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
                  (type != EVP_PKEY_RSA || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) == 1) &&
                  EVP_PKEY_CTX_set_signature_md(ctx.get(), md) == 1 &&
                  EVP_PKEY_verify(ctx.get(), ASN1_STRING_get0_data(sig),
                                  static_cast<std::size_t>(ASN1_STRING_length(sig)), digest.data(), digest.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

// A failed step returns early; the report marks the rest not checked.
std::optional<CmsOutcome> check_openssl_cms(const CmsInput& in) {
  CmsOutcome out;
  auto& checks = out.checks;
  // --- structure: SignedData, detached, exactly one SignerInfo ------------
  const unsigned char* p = in.cms_der.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(in.cms_der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    checks.push_back(fail(CheckId::kCms, Code::kCmsUnparseable));
    return out;
  }
  if (CMS_is_detached(cms.get()) != 1) {
    checks.push_back(fail(CheckId::kCms, Code::kNotDetached));
    return out;
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1) {
    checks.push_back(fail(CheckId::kCms, Code::kSignerInfoCount));
    return out;
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);

  // --- digest algorithm ---------------------------------------------------
  X509_ALGOR* digest_alg = nullptr;
  X509_ALGOR* sig_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, &sig_alg);
  const int digest_nid = digest_alg ? OBJ_obj2nid(digest_alg->algorithm) : NID_undef;
  const EVP_MD* md = digest_for(digest_nid);
  const std::string digest_name = digest_nid == NID_undef ? "unknown" : OBJ_nid2sn(digest_nid);
  Check algorithm_check = weak_digest(digest_nid) ? fail(CheckId::kAlgorithm, Code::kDigestWeak, digest_name)
                          : md == nullptr         ? fail(CheckId::kAlgorithm, Code::kDigestUnsupported, digest_name)
                                                  : pass(CheckId::kAlgorithm, Code::kDigestStrong);

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
    checks.push_back(fail(CheckId::kCms, Code::kSignerCertNotFound));
    checks.push_back(algorithm_check);
    return out;
  }
  out.seal.signer = name_text(X509_get_subject_name(signer));
  out.seal.certificate_sha256 = fingerprint(signer);
  out.seal.issuer = name_text(X509_get_issuer_name(signer));
  ossl::PKey signer_key(X509_get_pubkey(signer));
  out.seal.algorithm = std::string(digest_nid == NID_undef ? "unknown" : OBJ_nid2sn(digest_nid)) + " with " +
                       key_type_name(signer_key.get());
  // Keys we do not verify -- Ed25519 and Ed448 (trimmed from the wasm
  // OpenSSL, refused natively too so both builds agree) and any OpenSSL
  // cannot decode -- leave no conclusion, never "forged".
  {
    ASN1_OBJECT* key_alg = nullptr;
    X509_PUBKEY_get0_param(&key_alg, nullptr, nullptr, nullptr, X509_get_X509_PUBKEY(signer));
    const int key_nid = key_alg ? OBJ_obj2nid(key_alg) : NID_undef;
    const int type = signer_key ? EVP_PKEY_get_base_id(signer_key.get()) : EVP_PKEY_NONE;
    if (key_nid == NID_ED25519 || key_nid == NID_ED448 ||
        (type != EVP_PKEY_RSA && type != EVP_PKEY_RSA_PSS && type != EVP_PKEY_EC && type != EVP_PKEY_SM2)) {
      ERR_clear_error();
      // Named by its OID: the wasm build cannot even decode such a key.
      if (key_nid != NID_undef) out.seal.algorithm = digest_name + " with " + OBJ_nid2sn(key_nid);
      checks.push_back(
          fail(CheckId::kCms, Code::kSignatureUnsupported,
               std::string("signer key ") + (key_nid == NID_undef ? "of an unknown kind" : OBJ_nid2sn(key_nid))));
      checks.push_back(algorithm_check);
      return out;
    }
  }

  // A plain (r || s) ECDSA value is read as what it is; its algorithm must
  // name the digest the SignerInfo uses.
  if (const int plain = plain_ecdsa_digest(sig_alg); plain != NID_undef) {
    if (plain != digest_nid || !plain_to_der(si, signer_key.get())) {
      checks.push_back(fail(CheckId::kCms, Code::kSignatureBad, "plain ECDSA signature value malformed"));
      checks.push_back(algorithm_check);
      return out;
    }
  }

  // --- messageDigest over the covered bytes, then the signature -----------
  if (md == nullptr) {
    // Not broken, just not one we check: no conclusion (indeterminate).
    checks.push_back(fail(CheckId::kCms, Code::kDigestUnsupported, digest_name));
    checks.push_back(algorithm_check);
    return out;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  {
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 || !digest_update_chunked(ctx.get(), in.covered.first) ||
        !digest_update_chunked(ctx.get(), in.covered.second) ||
        EVP_DigestFinal_ex(ctx.get(), digest, &digest_len) != 1) {
      checks.push_back(fail(CheckId::kCms, Code::kCmsUnparseable, "digest failed"));
      checks.push_back(algorithm_check);
      return out;
    }
  }
  // RFC 5652 5.4: without signed attributes the signature is over the
  // content's digest itself (PKCS#7 as older signers write it). Nothing
  // then binds a certificate or a time to the signature: said, not refused.
  if (CMS_signed_get_attr_count(si) <= 0) {
    if (!signature_over_digest(si, signer_key.get(), md, {digest, digest_len})) {
      checks.push_back(fail(CheckId::kCms, Code::kSignatureBad));
      checks.push_back(algorithm_check);
      return out;
    }
    checks.push_back(pass(CheckId::kCms, Code::kCmsIntact));
    checks.push_back(algorithm_check);
    checks.push_back({CheckId::kSigningCertificate, Status::kWarn, Code::kSignedAttributesAbsent, {}});
    const auto signed_at = claimed_time(in, std::nullopt, "signingTime", out);
    trust_and_key_usage(in, signer, certs.get(), signed_at, out);
    return out;
  }
  // lastpos -3: exactly one messageDigest attribute, or none is returned.
  const auto* claimed = static_cast<const ASN1_OCTET_STRING*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  if (claimed == nullptr || static_cast<unsigned>(ASN1_STRING_length(claimed)) != digest_len ||
      std::memcmp(ASN1_STRING_get0_data(claimed), digest, digest_len) != 0) {
    checks.push_back(fail(CheckId::kCms, Code::kDigestMismatch));
    checks.push_back(algorithm_check);
    return out;
  }
  // RFC 5652 5.3: with signed attributes, contentType must be there and
  // name the content that was signed.
  const auto* content_type = static_cast<const ASN1_OBJECT*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_contentType), -3, V_ASN1_OBJECT));
  const ASN1_OBJECT* econtent_type = CMS_get0_eContentType(cms.get());
  if (content_type == nullptr || econtent_type == nullptr || OBJ_cmp(content_type, econtent_type) != 0) {
    checks.push_back(fail(CheckId::kCms, Code::kContentTypeMismatch));
    checks.push_back(algorithm_check);
    return out;
  }
  // ESS signing-certificate(-v2) (RFC 5035, required by PAdES): when present
  // it must name the certificate that signed, or the certificate was swapped.
  const SigningCertBinding binding = signing_certificate_binding(si, signer, certs.get());
  if (binding == SigningCertBinding::kMismatch) {
    checks.push_back(fail(CheckId::kCms, Code::kSigningCertificateMismatch));
    checks.push_back(algorithm_check);
    return out;
  }
  CMS_SignerInfo_set1_signer_cert(si, signer);
  if (CMS_SignerInfo_verify(si) != 1) {
    checks.push_back(fail(CheckId::kCms, Code::kSignatureBad));
    checks.push_back(algorithm_check);
    return out;
  }
  checks.push_back(pass(CheckId::kCms, Code::kCmsIntact));
  checks.push_back(algorithm_check);
  if (in.cades && binding == SigningCertBinding::kAbsent) {
    checks.push_back({CheckId::kSigningCertificate, Status::kWarn, Code::kNoSigningCertificateAttr, {}});
  }

  // --- signing time: the signed attribute, else the dictionary's /M -------
  std::optional<std::int64_t> signed_at;
  const int st_index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (st_index >= 0) {
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, st_index);
    ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attr, 0);
    if (value != nullptr && (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME)) {
      signed_at = asn1_time_to_unix(value->value.asn1_string);
    }
  }
  signed_at = claimed_time(in, signed_at, "signingTime", out);

  // --- a signature timestamp proves the time (RFC 3161) --------------------
  // At most one, with one value; it replaces the claimed time only once
  // every one of its checks holds. A bad one fails its own check.
  const int ts_index = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
  if (ts_index >= 0) {
    X509_ATTRIBUTE* attr = CMS_unsigned_get_attr(si, ts_index);
    const ASN1_TYPE* value = X509_ATTRIBUTE_count(attr) == 1 ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
    const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
    const bool one = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, ts_index) < 0 &&
                     value != nullptr && value->type == V_ASN1_SEQUENCE && sig != nullptr;
    const ASN1_STRING* seq = one ? value->value.sequence : nullptr;
    apply_signature_timestamp(
        in,
        one ? std::optional<DerSpan>(
                  DerSpan{ASN1_STRING_get0_data(seq), static_cast<std::size_t>(ASN1_STRING_length(seq))})
            : std::nullopt,
        sig ? DerSpan{ASN1_STRING_get0_data(sig), static_cast<std::size_t>(ASN1_STRING_length(sig))} : DerSpan{},
        signed_at, out);
  }
  trust_and_key_usage(in, signer, certs.get(), signed_at, out, carried_revocation(cms.get(), si));
  return out;
}

}  // namespace sealcheck::seal
