#include "crypto/timestamp.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "crypto/seal_common.h"
#include "sealcheck/time.h"

namespace sealcheck::seal {
namespace {

// The digest an RFC 3161 messageImprint names by its OID, or nullptr;
// `weak` for SHA-1.
const EVP_MD* imprint_digest(const std::string& oid, bool& weak) {
  weak = oid == "1.3.14.3.2.26";
  if (oid == "2.16.840.1.101.3.4.2.1") return EVP_sha256();
  if (oid == "2.16.840.1.101.3.4.2.2") return EVP_sha384();
  if (oid == "2.16.840.1.101.3.4.2.3") return EVP_sha512();
  return nullptr;
}

// A signature timestamp (RFC 3161 TimeStampToken, RFC 3161 appendix A):
// a SignedData over a TSTInfo whose messageImprint is the digest of the
// seal's signature value, signed by a certificate meant only for
// time-stamping, chaining (at its own time) to a TSA anchor of the signed
// trust list -- never to anything the file brings.
// The checks both kinds of timestamp share; `imprinted`: the bytes the
// messageImprint must hash, in order; `not_imprinted`: what to say when it
// does not.
TimestampResult check_token(const CmsInput& in, DerSpan token, std::initializer_list<DerSpan> imprinted, CheckId id,
                            const char* not_imprinted) {
  TimestampResult r;
  auto done = [&](Code code, std::string detail) {
    r.check = fail(id, code, std::move(detail));
    return r;
  };
  const unsigned char* p = token.data();
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(token.size())));
  if (!cms || p != token.data() + token.size() || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed ||
      OBJ_obj2nid(CMS_get0_eContentType(cms.get())) != NID_id_smime_ct_TSTInfo) {
    return done(Code::kTimestampInvalid, "not a timestamp token");
  }
  ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (content == nullptr || *content == nullptr || infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1) {
    return done(Code::kTimestampInvalid, "not one signer over an enclosed TSTInfo");
  }
  // TSTInfo: version 1, policy, messageImprint, serialNumber, genTime, ...
  DerSpan tst{ASN1_STRING_get0_data(*content), static_cast<std::size_t>(ASN1_STRING_length(*content))};
  const auto seq = der_expect(tst, der::kSequence);
  DerSpan body = seq ? seq->value : DerSpan{};
  const auto version = der_expect(body, der::kInteger);
  const auto policy = der_expect(body, der::kOid);
  const auto imprint = der_expect(body, der::kSequence);
  const auto serial = der_expect(body, der::kInteger);
  const auto gen = der_expect(body, der::kGeneralizedTime);
  DerSpan mi = imprint ? imprint->value : DerSpan{};
  const auto alg = der_expect(mi, der::kSequence);
  DerSpan algv = alg ? alg->value : DerSpan{};
  const auto alg_oid = der_expect(algv, der::kOid);
  const auto hashed = der_expect(mi, der::kOctetString);
  const auto gen_time = gen ? der_time(gen->whole) : std::nullopt;
  if (!seq || !tst.empty() || !version || version->value.size() != 1 || version->value[0] != 1 || !policy || !serial ||
      !alg_oid || !hashed || !mi.empty() || !gen_time) {
    return done(Code::kTimestampInvalid, "malformed TSTInfo");
  }
  bool weak = false;
  const EVP_MD* md = imprint_digest(oid_text(alg_oid->value), weak);
  if (md == nullptr)
    return done(weak ? Code::kTimestampInvalid : Code::kTimestampUntrusted,
                "imprint digest " + oid_text(alg_oid->value) + (weak ? " (SHA-1, broken)" : " not supported"));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  bool hashed_ok = ctx && EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1;
  for (const DerSpan part : imprinted) {
    hashed_ok = hashed_ok && EVP_DigestUpdate(ctx.get(), part.data(), part.size()) == 1;
  }
  hashed_ok = hashed_ok && EVP_DigestFinal_ex(ctx.get(), digest, &digest_len) == 1;
  if (!hashed_ok || hashed->value.size() != digest_len || std::memcmp(hashed->value.data(), digest, digest_len) != 0) {
    return done(Code::kTimestampInvalid, not_imprinted);
  }
  // The token's own signature over its TSTInfo (messageDigest, signature),
  // by the certificate its sid names, bound by ESS signing-certificate.
  ossl::X509Stack certs(CMS_get1_certs(cms.get()));
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  X509* tsa = nullptr;
  for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs.get(), i)) == 0) tsa = sk_X509_value(certs.get(), i);
  }
  if (tsa == nullptr) return done(Code::kTimestampInvalid, "the token carries no certificate of its signer");
  if (CMS_verify(cms.get(), certs.get(), nullptr, nullptr, nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1 ||
      signing_certificate_binding(si, tsa, certs.get()) != SigningCertBinding::kMatch) {
    ERR_clear_error();
    return done(Code::kTimestampInvalid, "the token's signature does not verify");
  }
  // RFC 3161 2.3: one extended key usage, timeStamping, marked critical.
  const int eku = X509_get_ext_by_NID(tsa, NID_ext_key_usage, -1);
  if ((X509_get_extension_flags(tsa) & EXFLAG_XKUSAGE) == 0 || X509_get_extended_key_usage(tsa) != XKU_TIMESTAMP ||
      eku < 0 || X509_EXTENSION_get_critical(X509_get_ext(tsa, eku)) != 1) {
    return done(Code::kTimestampNotTsa, name_text(X509_get_subject_name(tsa)));
  }
  if (*gen_time > in.validation_time + kClockToleranceSeconds)
    return done(Code::kTimestampInFuture, format_beijing(*gen_time));
  CmsInput tsa_in = in;
  tsa_in.trust_anchors = in.tsa_anchors;
  Check chain = chain_check(tsa_in, id, tsa, certs.get(), *gen_time);
  if (chain.status != Status::kPass) {
    const bool unknown = chain.code == Code::kChainUntrusted || chain.code == Code::kNoTrustAnchors ||
                         chain.code == Code::kChainUnknownAuthorityKey;
    return done(unknown ? Code::kTimestampUntrusted : Code::kTimestampInvalid,
                "TSA " + name_text(X509_get_subject_name(tsa)) + ": " + chain.detail);
  }
  r.check = {id, Status::kPass, Code::kTimestampVerified,
             format_beijing(*gen_time) + ", " + name_text(X509_get_subject_name(tsa))};
  r.time = gen_time;
  return r;
}

}  // namespace

TimestampResult check_signature_timestamp(const CmsInput& in, DerSpan token, DerSpan signature_value) {
  return check_token(in, token, {signature_value}, CheckId::kTimestamp, "its imprint is not this seal's signature");
}

TimestampResult check_document_timestamp(const CmsInput& in) {
  // The token, then nothing but the placeholder's zero padding.
  DerSpan rest = in.cms_der;
  const auto token = der_expect(rest, der::kSequence);
  if (!token || !std::all_of(rest.begin(), rest.end(), [](std::uint8_t b) { return b == 0; })) {
    TimestampResult r;
    r.check = fail(CheckId::kDocumentTimestamp, Code::kTimestampInvalid, "not a timestamp token");
    return r;
  }
  return check_token(in, token->whole, {in.covered.first, in.covered.second}, CheckId::kDocumentTimestamp,
                     "its imprint is not the file's signed bytes");
}

}  // namespace sealcheck::seal
