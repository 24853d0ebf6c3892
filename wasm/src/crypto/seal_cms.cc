// CMS SignedData seals through OpenSSL (RSA, ECDSA with SHA-2): one
// SignerInfo, the signer by its sid, our own digest against messageDigest,
// contentType, the ESS signing-certificate binding, the signature; then the
// chain and key usage shared by every format.
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/objects.h>

#include <cstring>

#include "crypto/digest.h"
#include "crypto/seal_common.h"
#include "crypto/seal_formats.h"
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
    case EVP_PKEY_ED25519: return "Ed25519";
    default: return "other";
  }
}

enum class SigningCertBinding { kAbsent, kMatch, kMismatch };

// At most one signingCertificate and one signingCertificateV2 attribute
// (lastpos -3 returns nothing for duplicates, which then count as a
// mismatch); each present one must list the signer first.
SigningCertBinding signing_certificate_binding(CMS_SignerInfo* si, X509* signer, STACK_OF(X509) * bag) {
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

  // --- messageDigest over the covered bytes, then the signature -----------
  if (CMS_signed_get_attr_count(si) <= 0) {
    checks.push_back(fail(CheckId::kCms, Code::kNoSignedAttributes));
    checks.push_back(algorithm_check);
    return out;
  }
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
  trust_and_key_usage(in, signer, certs.get(), signed_at, out);
  return out;
}

}  // namespace sealcheck::seal
