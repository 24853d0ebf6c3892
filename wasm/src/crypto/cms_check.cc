#include "crypto/cms_check.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/objects.h>

#include <cstring>
#include <string>

#include "crypto/ossl.h"
#include "crypto/signed_data.h"
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

}  // namespace

CmsOutcome check_cms(const CmsInput& in) {
  CmsOutcome out;
  auto& checks = out.checks;
  auto skip_rest = [&](std::initializer_list<const char*> ids) {
    for (const char* id : ids) checks.push_back(skip(id));
    return out;
  };

  // --- structure: SignedData, detached, exactly one SignerInfo ------------
  const unsigned char* p = in.cms_der.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(in.cms_der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    // A GM/T 0010 SignedData (SM2 seals) is a format we do not check yet:
    // no conclusion, not a forgery.
    if (const auto gmt = parse_signed_data(in.cms_der); gmt && gmt->gmt_oids) {
      checks.push_back(fail("cms", Code::kSignatureUnsupported, "GM/T 0010 SignedData (SM2)"));
      return skip_rest({"algorithm", "trust", "key_usage"});
    }
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

  // --- chain to a trust anchor, by signatures, at signing time ------------
  if (in.trust_anchors == nullptr || in.trust_anchors->empty()) {
    checks.push_back(fail("trust", Code::kNoTrustAnchors));
  } else {
    ossl::Store store(X509_STORE_new());
    ossl::X509Stack anchors(sk_X509_new_null());
    for (const auto& der : *in.trust_anchors) {
      if (sk_X509_num(anchors.get()) == static_cast<int>(limits::kMaxTrustAnchors)) break;
      const unsigned char* q = der.data();
      ossl::X509Ptr anchor(d2i_X509(nullptr, &q, static_cast<long>(der.size())));
      if (anchor && X509_STORE_add_cert(store.get(), anchor.get()) == 1) sk_X509_push(anchors.get(), anchor.release());
    }
    ossl::StoreCtx ctx(X509_STORE_CTX_new());
    if (!store || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, certs.get()) != 1) {
      checks.push_back(fail("trust", Code::kChainBroken, "internal error"));
    } else {
      X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
      X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(signed_at.value_or(in.validation_time)));
      // An anchor may be an intermediate (a pinned seal CA); strict X.509
      // rules reject malformed extensions.
      X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_X509_STRICT);
      if (X509_verify_cert(ctx.get()) == 1) {
        checks.push_back(pass("trust", Code::kChainTrusted));
      } else {
        const int err = X509_STORE_CTX_get_error(ctx.get());
        Code code = map_chain_error(err);
        std::string detail = X509_verify_cert_error_string(err);
        if (code == Code::kChainUntrusted && names_anchor_but_forged(anchors.get(), signer, certs.get())) {
          code = Code::kChainBroken;
          detail = "a certificate names a trusted authority as its issuer but was not signed by it";
        }
        checks.push_back(fail("trust", code, std::move(detail)));
      }
    }
  }
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
  return out;
}

}  // namespace sealcheck
