// What every seal format shares: check rows, names and times of
// certificates, the chain to a trust anchor at a given time, the signer's
// key usage, and the SM2/SM3 helpers the SM2 and GB/T 38540 formats share.
#include "crypto/seal_common.h"

#include "crypto/digest.h"
#include "crypto/ocsp.h"
#include "crypto/timestamp.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "sealcheck/certs.h"
#include "sealcheck/limits.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"

namespace sealcheck::seal {
namespace {

Code map_chain_error(int err) {
  switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return Code::kChainUntrusted;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID: return Code::kCertExpiredAtSigning;
    default: return Code::kChainBroken;
  }
}

// OpenSSL's reason, in its words, for the failures a seal's chain meets;
// X509_verify_cert_error_string would link its table of ninety.
std::string chain_error_text(int err) {
  switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: return "unable to get issuer certificate";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: return "unable to get local issuer certificate";
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return "unable to verify the first certificate";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: return "self-signed certificate";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: return "self-signed certificate in certificate chain";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE: return "certificate signature failure";
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: return "unable to decode issuer public key";
    case X509_V_ERR_CERT_NOT_YET_VALID: return "certificate is not yet valid";
    case X509_V_ERR_CERT_HAS_EXPIRED: return "certificate has expired";
    case X509_V_ERR_INVALID_CA: return "invalid CA certificate";
    case X509_V_ERR_PATH_LENGTH_EXCEEDED: return "path length constraint exceeded";
    case X509_V_ERR_INVALID_PURPOSE: return "unsupported certificate purpose";
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN: return "key usage does not include certificate signing";
    case X509_V_ERR_INVALID_EXTENSION: return "invalid or inconsistent certificate extension";
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION: return "unhandled critical extension";
    case X509_V_ERR_EC_KEY_EXPLICIT_PARAMS: return "certificate public key has explicit ECC parameters";
    default: return "X.509 verification error " + std::to_string(err);
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

// The trust anchors as OpenSSL objects. A batch, and the engine's calls one
// after another, hand the same anchors every time: they are parsed when the
// set changes, not for every seal (each parse builds the key's curve).
// Per thread, so the command line's parallel jobs share nothing.
// SM2-signed anchors carry GM/T 0015's default distinguishing ID, as every
// certificate of a chain does here.
const std::vector<X509*>& parsed_anchors(const std::vector<Bytes>& ders) {
  struct Memo {
    std::vector<Bytes> ders;
    std::vector<ossl::X509Ptr> owned;
    std::vector<X509*> anchors;
    bool filled = false;
  };
  // Two sets: the seals' anchors and the time-stamping authorities'.
  thread_local Memo memos[2];
  thread_local unsigned next = 0;
  for (Memo& m : memos) {
    if (m.filled && m.ders == ders) return m.anchors;
  }
  Memo& memo = memos[next];
  next ^= 1;
  memo = Memo{};
  for (const auto& der : ders) {
    if (memo.anchors.size() == limits::kMaxTrustAnchors) break;
    const unsigned char* q = der.data();
    ossl::X509Ptr anchor(d2i_X509(nullptr, &q, static_cast<long>(der.size())));
    if (!anchor) continue;
    set_sm2_ids(anchor.get(), std::string(kSm2DefaultId));
    memo.anchors.push_back(anchor.get());
    memo.owned.push_back(std::move(anchor));
  }
  ERR_clear_error();
  memo.ders = ders;
  memo.filled = true;
  return memo.anchors;
}

}  // namespace

Check pass(CheckId id, Code code) { return {id, Status::kPass, code, {}}; }
Check fail(CheckId id, Code code, std::string detail) { return {id, Status::kFail, code, std::move(detail)}; }

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
  return days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday)) *
             86400 +
         tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

// Whether `cert` chains to a trust anchor (by signatures, at time `at`),
// as check `id`. SM2-signed certificates are checked with GM/T 0015's
// default distinguishing ID, whatever the seal itself used.
Check chain_check(const CmsInput& in, CheckId id, X509* cert, STACK_OF(X509) * certs, std::int64_t at,
                  bool at_is_seal_time, ossl::X509Stack* chain) {
  if (in.trust_anchors == nullptr || in.trust_anchors->empty()) return fail(id, Code::kNoTrustAnchors);
  const std::string cert_id(kSm2DefaultId);
  ossl::Store store(X509_STORE_new());
  ossl::X509Stack anchors(sk_X509_new_null());
  for (X509* anchor : parsed_anchors(*in.trust_anchors)) {
    if (X509_STORE_add_cert(store.get(), anchor) == 1 && X509_up_ref(anchor) == 1) sk_X509_push(anchors.get(), anchor);
  }
  set_sm2_ids(cert, cert_id);
  for (int i = 0; certs && i < sk_X509_num(certs); ++i) set_sm2_ids(sk_X509_value(certs, i), cert_id);
  ossl::StoreCtx ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), cert, certs) != 1) {
    return fail(id, Code::kChainBroken, "internal error");
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at));
  // An anchor may be an intermediate (a pinned seal CA); strict X.509
  // rules reject malformed extensions.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_X509_STRICT);
  if (X509_verify_cert(ctx.get()) == 1) {
    if (chain != nullptr) chain->reset(X509_STORE_CTX_get1_chain(ctx.get()));
    return pass(id, Code::kChainTrusted);
  }
  const int err = X509_STORE_CTX_get_error(ctx.get());
  Code code = map_chain_error(err);
  std::string detail = chain_error_text(err);
  if (code == Code::kCertExpiredAtSigning) {
    X509* outside = X509_STORE_CTX_get_current_cert(ctx.get());
    const auto from = outside ? asn1_time_to_unix(X509_get0_notBefore(outside)) : std::nullopt;
    const auto to = outside ? asn1_time_to_unix(X509_get0_notAfter(outside)) : std::nullopt;
    detail = (at_is_seal_time ? "sealed " : "checked ") + format_beijing(at);
    if (outside) detail += "; " + name_text(X509_get_subject_name(outside));
    if (from && to) detail += " valid " + format_beijing(*from) + " – " + format_beijing(*to);
    // No time of its own, and the certificate has expired since: when the
    // seal was made (and whether its certificate was valid then) is unknown.
    if (!at_is_seal_time && err == X509_V_ERR_CERT_HAS_EXPIRED) code = Code::kNoSigningTimeCertExpired;
  }
  // The certificate that is no authority is one the verifier was told to
  // trust (a self-signed end-entity certificate pinned as an anchor): the
  // configuration is at fault, not the file.
  if (err == X509_V_ERR_INVALID_CA || err == X509_V_ERR_KEYUSAGE_NO_CERTSIGN) {
    X509* failing = X509_STORE_CTX_get_current_cert(ctx.get());
    for (int i = 0; failing && i < sk_X509_num(anchors.get()); ++i) {
      if (X509_cmp(failing, sk_X509_value(anchors.get(), i)) != 0) continue;
      code = Code::kChainUntrusted;
      detail = "the pinned certificate " + name_text(X509_get_subject_name(failing)) +
               " is no certificate authority (" + detail + ")";
      break;
    }
  }
  if (code == Code::kChainUntrusted && names_anchor_but_forged(anchors.get(), cert, certs)) {
    // A trusted authority's name over a key we do not hold: a forgery, or
    // a genuine seal from before the authority re-keyed (its old anchor no
    // longer listed). Never valid; not called forged either.
    code = Code::kChainUnknownAuthorityKey;
    detail = "a certificate names a trusted authority as its issuer, but was signed by a key of it we do not know";
  }
  return fail(id, code, std::move(detail));
}

std::optional<std::int64_t> claimed_time(const CmsInput& in, std::optional<std::int64_t> own, const char* own_source,
                                         CmsOutcome& out) {
  std::optional<std::int64_t> at = own;
  const char* source = own_source;
  if (in.dictionary_time) {
    const std::int64_t m = in.dictionary_time->unix_seconds;
    if (!own) {
      at = m;
      source = "signature-dictionary";
    } else {
      // A zoneless /M was read as Beijing time; it may have been any
      // zone's local time (UTC-12 to UTC+14).
      const std::int64_t early = in.dictionary_time->zoned ? 0 : 6 * 3600;
      const std::int64_t late = in.dictionary_time->zoned ? 0 : 20 * 3600;
      if (*own < m - early - kSealTimeAgreementSeconds || *own > m + late + kSealTimeAgreementSeconds) {
        out.checks.push_back(fail(CheckId::kSigningTime, Code::kSealTimesDisagree,
                                  std::string(own_source) + " " + format_beijing(*own) + ", /M " + format_beijing(m) +
                                      (in.dictionary_time->zoned ? "" : " (no time zone)")));
        at.reset();
      }
    }
  }
  out.signed_at = at;
  if (at) {
    out.seal.signed_at = format_beijing(*at);
    out.seal.time_source = source;
  }
  return at;
}

// The chain to a trust anchor (at the signing time), the signing time's
// plausibility, and the signer's key usage: the same for every seal format.
namespace {

// Revocation data for the seal certificate, from CRLs and OCSP responses
// the file carries: only a CRL of its issuer (the chain's next certificate,
// by name and by signature) or an OCSP response signed by that issuer or a
// responder it delegated counts, so nobody can make a genuine seal look
// revoked with a list of their own. Revoked by the seal's time: invalid.
// Revoked later: a warning, unless the reason allows a leaked key
// (unspecified, key or CA compromise) and the seal's time is only claimed.
// No usable statement: no row (an offline verifier knows nothing more).
std::optional<Check> seal_revocation(const RevocationData& data, X509* cert, X509* issuer,
                                     std::optional<std::int64_t> signed_at, bool proven) {
  bool any = false;
  std::optional<OcspStatus> first_revoked;  // the earliest revocation stated
  const auto note = [&](const OcspStatus& s) {
    any = true;
    if (!s.revoked) return;
    if (!first_revoked || !s.revoked_at || (first_revoked->revoked_at && *s.revoked_at < *first_revoked->revoked_at)) {
      first_revoked = s;
    }
  };
  EVP_PKEY* key = X509_get0_pubkey(issuer);
  for (const Bytes& der : data.crls) {
    const unsigned char* p = der.data();
    ossl::Crl crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
    if (!crl || key == nullptr || X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0 ||
        X509_CRL_verify(crl.get(), key) != 1) {
      ERR_clear_error();
      continue;
    }
    OcspStatus s;
    s.responder = "CRL of " + name_text(X509_CRL_get_issuer(crl.get()));
    X509_REVOKED* revoked = nullptr;
    if (X509_CRL_get0_by_serial(crl.get(), &revoked, X509_get0_serialNumber(cert)) == 1 && revoked != nullptr) {
      s.revoked = true;
      s.revoked_at = asn1_time_to_unix(X509_REVOKED_get0_revocationDate(revoked));
      if (auto* r =
              static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(revoked, NID_crl_reason, nullptr, nullptr))) {
        s.reason = ASN1_ENUMERATED_get(r);
        ASN1_ENUMERATED_free(r);
      }
    }
    note(s);
  }
  for (const Bytes& der : data.ocsps) {
    if (auto s = ocsp_status(der, cert, issuer)) {
      s->responder = "OCSP response of " + s->responder;
      note(*s);
    }
  }
  if (!any) return std::nullopt;
  if (!first_revoked) return pass(CheckId::kSealRevocation, Code::kSealCertNotRevoked);
  const OcspStatus& r = *first_revoked;
  const std::string detail = "revoked " + (r.revoked_at ? format_beijing(*r.revoked_at) : "at an unreadable time") +
                             ", reason " + std::to_string(r.reason) + "; " + r.responder;
  if (!r.revoked_at || !signed_at) return fail(CheckId::kSealRevocation, Code::kSealCertRevokedTimeUnproven, detail);
  if (*r.revoked_at <= *signed_at) return fail(CheckId::kSealRevocation, Code::kSealCertRevoked, detail);
  const bool leak = r.reason == 0 || r.reason == 1 || r.reason == 2;
  if (leak && !proven) return fail(CheckId::kSealRevocation, Code::kSealCertRevokedTimeUnproven, detail);
  return Check{CheckId::kSealRevocation, Status::kWarn, Code::kSealCertRevokedSince, detail};
}

}  // namespace

void apply_signature_timestamp(const CmsInput& in, std::optional<DerSpan> token, DerSpan signature,
                               std::optional<std::int64_t>& signed_at, CmsOutcome& out) {
  if (!token) {
    out.checks.push_back(fail(CheckId::kTimestamp, Code::kTimestampInvalid, "not exactly one timestamp token"));
    return;
  }
  const TimestampResult t = check_signature_timestamp(in, *token, signature);
  out.checks.push_back(t.check);
  if (!t.time) return;
  signed_at = t.time;
  out.signed_at = t.time;
  out.seal.signed_at = format_beijing(*t.time);
  out.seal.time_source = "timestamp";
  out.time_proven = true;
  // Its time replaces the claim, so a claim that disagreed with /M no
  // longer stands in the way.
  std::erase_if(out.checks, [](const Check& c) { return c.code == Code::kSealTimesDisagree; });
}

RevocationData carried_revocation(CMS_ContentInfo* cms, CMS_SignerInfo* si) {
  RevocationData out;
  if (STACK_OF(X509_CRL)* crls = CMS_get1_crls(cms)) {
    for (int i = 0; i < sk_X509_CRL_num(crls); ++i) {
      unsigned char* p = nullptr;
      const int n = i2d_X509_CRL(sk_X509_CRL_value(crls, i), &p);
      if (n > 0) out.crls.emplace_back(p, p + n);
      OPENSSL_free(p);
    }
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
  }
  // RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF
  // CertificateList OPTIONAL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse
  // OPTIONAL, otherRevInfo [2] ... } (Adobe, ISO 32000 12.8.3.3.2).
  ossl::Obj oid(OBJ_txt2obj("1.2.840.113583.1.1.8", 1));
  const int index = oid ? CMS_signed_get_attr_by_OBJ(si, oid.get(), -1) : -1;
  const ASN1_TYPE* value = index >= 0 ? X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, index), 0) : nullptr;
  if (value == nullptr || value->type != V_ASN1_SEQUENCE) return out;
  DerSpan rest{ASN1_STRING_get0_data(value->value.sequence),
               static_cast<std::size_t>(ASN1_STRING_length(value->value.sequence))};
  const auto seq = der_expect(rest, der::kSequence);
  DerSpan body = seq ? seq->value : DerSpan{};
  for (int n = 0; !body.empty() && n < 3; ++n) {
    const auto tagged = der_next(body);
    if (!tagged || (tagged->tag != der::kContext0 && tagged->tag != der::kContext1)) break;
    DerSpan inner = tagged->value;
    const auto list = der_expect(inner, der::kSequence);
    DerSpan items = list ? list->value : DerSpan{};
    auto& into = tagged->tag == der::kContext0 ? out.crls : out.ocsps;
    for (int k = 0; !items.empty() && k < 64; ++k) {
      const auto item = der_expect(items, der::kSequence);
      if (!item) break;
      into.emplace_back(item->whole.begin(), item->whole.end());
    }
  }
  return out;
}

void trust_and_key_usage(const CmsInput& in, X509* signer, STACK_OF(X509) * certs,
                         std::optional<std::int64_t> signed_at, CmsOutcome& out, const RevocationData& carried) {
  std::vector<Check>& checks = out.checks;
  const bool disagree =
      std::any_of(checks.begin(), checks.end(), [](const Check& c) { return c.code == Code::kSealTimesDisagree; });
  ossl::X509Stack chain;
  checks.push_back(chain_check(in, CheckId::kTrust, signer, certs, signed_at.value_or(in.validation_time),
                               signed_at.has_value(), &chain));
  if (chain && sk_X509_num(chain.get()) >= 2) {
    RevocationData all = carried;
    if (const RevocationData* f = in.file_revocation) {
      all.crls.insert(all.crls.end(), f->crls.begin(), f->crls.end());
      all.ocsps.insert(all.ocsps.end(), f->ocsps.begin(), f->ocsps.end());
    }
    if (auto c = seal_revocation(all, signer, sk_X509_value(chain.get(), 1), signed_at, out.time_proven)) {
      checks.push_back(std::move(*c));
    }
  }
  if (!signed_at && !disagree) checks.push_back({CheckId::kSigningTime, Status::kWarn, Code::kNoSigningTime, {}});
  // Valid when applied, expired since: said on the card (the seal's time
  // then decides everything, and it is the seal's own claim).
  if (const auto not_after = asn1_time_to_unix(X509_get0_notAfter(signer))) {
    out.seal.certificate_not_after = format_beijing(*not_after);
    out.seal.certificate_expired = *not_after < in.validation_time;
    if (signed_at && out.seal.certificate_expired && *signed_at <= *not_after) {
      checks.push_back(
          {CheckId::kSigningTime, Status::kWarn, Code::kCertificateExpiredSince, format_beijing(*not_after)});
    }
  }
  // A seal dated after the moment we judge for cannot be judged then
  // (five minutes of clock skew tolerated).
  if (signed_at && *signed_at > in.validation_time + kClockToleranceSeconds) {
    checks.push_back({CheckId::kSigningTime, Status::kFail, Code::kSigningTimeInFuture, format_beijing(*signed_at)});
  }

  // --- the signer's key usage ---------------------------------------------
  // No keyUsage extension at all leaves the key unrestricted (RFC 5280
  // 4.2.1.3): accepted, and said.
  const std::uint32_t ku = X509_get_key_usage(signer);
  const bool has_ku = (X509_get_extension_flags(signer) & EXFLAG_KUSAGE) != 0;
  if (!has_ku) {
    checks.push_back({CheckId::kKeyUsage, Status::kWarn, Code::kKeyUsageAbsent, {}});
  } else if ((ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0) {
    checks.push_back(pass(CheckId::kKeyUsage, Code::kKeyUsageOk));
  } else {
    checks.push_back(fail(CheckId::kKeyUsage, Code::kKeyUsageWrong));
  }
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
                  digest_update_chunked(md.get(), in.covered.first) &&
                  digest_update_chunked(md.get(), in.covered.second) &&
                  EVP_DigestFinal_ex(md.get(), digest, &len) == 1 && len == kSm3Size;
  ERR_clear_error();
  return ok;
}

std::string fingerprint(X509* cert) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert, &der);
  std::string out;
  if (len > 0) out = to_hex(sha256({der, static_cast<std::size_t>(len)}));
  OPENSSL_free(der);
  return out;
}

}  // namespace sealcheck::seal
