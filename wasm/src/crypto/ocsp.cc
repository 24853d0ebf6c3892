#include "crypto/ocsp.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <vector>

#include "crypto/ossl.h"
#include "crypto/seal_common.h"

namespace sealcheck::seal {
namespace {

constexpr std::uint8_t kEnumerated = 0x0a, kCtx0 = 0xa0, kCtx1 = 0xa1, kCtx2 = 0xa2, kGood = 0x80, kRevoked = 0xa1;
constexpr const char* kBasicResponse = "1.3.6.1.5.5.7.48.1.1";

bool same(DerSpan a, DerSpan b) { return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0; }

Bytes der_of(X509_NAME* name) {
  unsigned char* p = nullptr;
  const int n = i2d_X509_NAME(name, &p);
  Bytes out = n > 0 ? Bytes(p, p + n) : Bytes();
  OPENSSL_free(p);
  return out;
}

// `md` over `data`, or empty.
Bytes digest(const EVP_MD* md, DerSpan data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (md == nullptr || EVP_Digest(data.data(), data.size(), out, &n, md, nullptr) != 1) return {};
  return Bytes(out, out + n);
}

DerSpan key_bits(X509* cert) {
  const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(cert);
  return bits ? DerSpan{ASN1_STRING_get0_data(bits), static_cast<std::size_t>(ASN1_STRING_length(bits))} : DerSpan{};
}

// The algorithm OID of an AlgorithmIdentifier.
std::string algorithm_oid(DerSpan& in) {
  const auto alg = der_expect(in, der::kSequence);
  DerSpan body = alg ? alg->value : DerSpan{};
  const auto oid = der_expect(body, der::kOid);
  return oid ? oid_text(oid->value) : std::string();
}

const EVP_MD* digest_by_oid(const std::string& oid) {
  ossl::Obj obj(OBJ_txt2obj(oid.c_str(), 1));
  return obj ? EVP_get_digestbyobj(obj.get()) : nullptr;
}

// Whether `signature` (a BIT STRING's content) over `tbs` verifies with
// `cert`'s key under the signature algorithm `oid`.
bool signed_by(X509* cert, const std::string& oid, DerSpan tbs, DerSpan signature) {
  ossl::Obj obj(OBJ_txt2obj(oid.c_str(), 1));
  int md_nid = NID_undef, pk_nid = NID_undef;
  if (!obj || signature.empty() || signature[0] != 0 ||
      OBJ_find_sigid_algs(OBJ_obj2nid(obj.get()), &md_nid, &pk_nid) != 1) {
    return false;
  }
  EVP_PKEY* key = X509_get0_pubkey(cert);
  const EVP_MD* md = EVP_get_digestbynid(md_nid);
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  const bool ok = key != nullptr && md != nullptr && ctx &&
                  EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx.get(), signature.data() + 1, signature.size() - 1, tbs.data(), tbs.size()) == 1;
  ERR_clear_error();
  return ok;
}

// The one responder the responder ID names: the issuer itself, or a
// certificate of the response that the issuer signed for OCSP signing.
X509* responder(DerTlv id, X509* issuer, const ossl::X509Stack& delegated) {
  const auto names = [&](X509* c) {
    if (id.tag == kCtx1) {  // byName [1] EXPLICIT Name
      DerSpan v = id.value;
      const auto name = der_expect(v, der::kSequence);
      return name.has_value() && v.empty() && same(name->whole, der_of(X509_get_subject_name(c)));
    }
    if (id.tag == kCtx2) {  // byKey [2] EXPLICIT KeyHash (SHA-1 of the key bits)
      DerSpan v = id.value;
      const auto hash = der_expect(v, der::kOctetString);
      return hash.has_value() && v.empty() && same(hash->value, digest(EVP_sha1(), key_bits(c)));
    }
    return false;
  };
  if (names(issuer)) return issuer;
  for (int i = 0; delegated && i < sk_X509_num(delegated.get()); ++i) {
    X509* c = sk_X509_value(delegated.get(), i);
    if (!names(c) || X509_check_issued(issuer, c) != X509_V_OK) continue;
    EVP_PKEY* issuer_key = X509_get0_pubkey(issuer);
    const bool for_ocsp =
        (X509_get_extension_flags(c) & EXFLAG_XKUSAGE) != 0 && (X509_get_extended_key_usage(c) & XKU_OCSP_SIGN) != 0;
    if (issuer_key != nullptr && X509_verify(c, issuer_key) == 1 && for_ocsp) return c;
    ERR_clear_error();
  }
  return nullptr;
}

}  // namespace

std::optional<OcspStatus> ocsp_status(DerSpan response, X509* cert, X509* issuer) {
  // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED (0: successful),
  //   responseBytes [0] EXPLICIT SEQUENCE { responseType OID, response OCTET STRING } }
  DerSpan in = response;
  const auto top = der_expect(in, der::kSequence);
  DerSpan body = top ? top->value : DerSpan{};
  const auto status = der_expect(body, kEnumerated);
  const auto bytes = der_expect(body, kCtx0);
  if (!top || !status || status->value.size() != 1 || status->value[0] != 0 || !bytes) return std::nullopt;
  DerSpan rb = bytes->value;
  const auto rb_seq = der_expect(rb, der::kSequence);
  DerSpan rbv = rb_seq ? rb_seq->value : DerSpan{};
  const auto type = der_expect(rbv, der::kOid);
  const auto octets = der_expect(rbv, der::kOctetString);
  if (!type || oid_text(type->value) != kBasicResponse || !octets) return std::nullopt;

  // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm,
  //   signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
  DerSpan basic = octets->value;
  const auto basic_seq = der_expect(basic, der::kSequence);
  DerSpan bv = basic_seq ? basic_seq->value : DerSpan{};
  const auto tbs = der_expect(bv, der::kSequence);
  const std::string sig_alg = algorithm_oid(bv);
  const auto signature = der_expect(bv, der::kBitString);
  if (!tbs || sig_alg.empty() || !signature) return std::nullopt;
  ossl::X509Stack delegated(sk_X509_new_null());
  if (const auto certs = der_expect(bv, kCtx0)) {
    DerSpan cv = certs->value;
    const auto list = der_expect(cv, der::kSequence);
    DerSpan items = list ? list->value : DerSpan{};
    for (int n = 0; !items.empty() && n < 8; ++n) {
      const auto c = der_expect(items, der::kSequence);
      if (!c) break;
      const unsigned char* p = c->whole.data();
      if (X509* x = d2i_X509(nullptr, &p, static_cast<long>(c->whole.size()))) {
        if (sk_X509_push(delegated.get(), x) <= 0) X509_free(x);
      }
    }
  }

  // ResponseData ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, responderID,
  //   producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse, ... }
  DerSpan rd = tbs->value;
  if (!rd.empty() && rd[0] == kCtx0 && !der_expect(rd, kCtx0)) return std::nullopt;
  const auto id = der_next(rd);
  const auto produced = der_expect(rd, der::kGeneralizedTime);
  const auto responses = der_expect(rd, der::kSequence);
  if (!id || !produced || !responses) return std::nullopt;
  X509* signer = responder(*id, issuer, delegated);
  if (signer == nullptr || !signed_by(signer, sig_alg, tbs->whole, signature->value)) return std::nullopt;

  unsigned char* serial = nullptr;
  const int serial_len = i2d_ASN1_INTEGER(X509_get0_serialNumber(cert), &serial);
  const Bytes serial_der = serial_len > 0 ? Bytes(serial, serial + serial_len) : Bytes();
  OPENSSL_free(serial);
  const Bytes issuer_name = der_of(X509_get_subject_name(issuer));
  DerSpan list = responses->value;
  for (int n = 0; !list.empty() && n < 64; ++n) {
    // SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, ... }
    // CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING,
    //   issuerKeyHash OCTET STRING, serialNumber INTEGER }
    const auto single = der_expect(list, der::kSequence);
    if (!single) return std::nullopt;
    DerSpan sv = single->value;
    const auto cert_id = der_expect(sv, der::kSequence);
    const auto cert_status = der_next(sv);
    if (!cert_id || !cert_status) return std::nullopt;
    DerSpan cid = cert_id->value;
    const EVP_MD* md = digest_by_oid(algorithm_oid(cid));
    const auto name_hash = der_expect(cid, der::kOctetString);
    const auto key_hash = der_expect(cid, der::kOctetString);
    const auto number = der_expect(cid, der::kInteger);
    if (md == nullptr || !name_hash || !key_hash || !number || !same(number->whole, serial_der) ||
        !same(name_hash->value, digest(md, issuer_name)) || !same(key_hash->value, digest(md, key_bits(issuer)))) {
      continue;
    }
    OcspStatus out;
    out.responder = name_text(X509_get_subject_name(signer));
    if (cert_status->tag == kGood && cert_status->value.empty()) return out;
    if (cert_status->tag != kRevoked) continue;  // unknown: no statement
    // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
    //   revocationReason [0] EXPLICIT CRLReason OPTIONAL } (IMPLICIT [1])
    DerSpan ri = cert_status->value;
    const auto when = der_expect(ri, der::kGeneralizedTime);
    out.revoked = true;
    if (when) out.revoked_at = der_time(when->whole);
    if (const auto reason = der_expect(ri, kCtx0)) {
      DerSpan r = reason->value;
      const auto e = der_expect(r, kEnumerated);
      if (e && e->value.size() == 1) out.reason = e->value[0];
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace sealcheck::seal
