#include "issuer/sm2_sign.h"

#include <openssl/asn1.h>

#include <algorithm>
#include <stdexcept>

#include "crypto/ossl.h"
#include "crypto/signed_data.h"
#include "sealcheck/certs.h"

namespace sealcheck::issuer {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes tlv(std::uint8_t tag, const Bytes& value) { return der_tlv(tag, value); }

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

template <typename T, typename F>
Bytes der_of(T* object, F i2d) {
  unsigned char* der = nullptr;
  const int len = i2d(object, &der);
  if (len <= 0) throw std::runtime_error("DER encoding failed");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

const Bytes kOidPkcs7Data = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01};
const Bytes kOidPkcs7SignedData = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02};
const Bytes kOidGmtData = {0x06, 0x0a, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x01};
const Bytes kOidGmtSignedData = {0x06, 0x0a, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x02};
const Bytes kOidSm3 = {0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11};
const Bytes kOidSm2WithSm3 = {0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75};
const Bytes kOidContentType = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03};
const Bytes kOidMessageDigest = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04};
const Bytes kOidSigningTime = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05};

}  // namespace

std::vector<std::uint8_t> sm3_digest(const std::vector<std::string_view>& parts) {
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sm3(), nullptr) == 1;
  for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) == 1;
  if (!ok || EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) throw std::runtime_error("SM3 unavailable");
  return Bytes(md, md + len);
}

std::vector<std::uint8_t> sm2_sign(EVP_PKEY* key, std::span<const std::uint8_t> message, const std::string& id) {
  ossl::MdCtx mctx(EVP_MD_CTX_new());
  ossl::PKeyCtx pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!mctx || !pctx || EVP_PKEY_CTX_set1_id(pctx.get(), id.data(), id.size()) != 1) {
    throw std::runtime_error("SM2: cannot set the distinguishing ID");
  }
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), pctx.get());
  std::size_t len = 0;
  Bytes sig;
  const bool ok = EVP_DigestSignInit(mctx.get(), nullptr, EVP_sm3(), nullptr, key) == 1 &&
                  EVP_DigestSign(mctx.get(), nullptr, &len, message.data(), message.size()) == 1 &&
                  (sig.resize(len), EVP_DigestSign(mctx.get(), sig.data(), &len, message.data(), message.size()) == 1);
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), nullptr);
  if (!ok) throw std::runtime_error("SM2 signing failed (is the key an SM2 key?)");
  sig.resize(len);
  return sig;
}

std::vector<std::uint8_t> sign_detached_sm2(const std::vector<std::string_view>& parts, X509* cert, EVP_PKEY* key,
                                            const std::vector<X509*>& chain, std::int64_t signing_time,
                                            const Sm2SignOptions& options) {
  const Bytes md = sm3_digest(parts);  // over the covered bytes

  const Bytes& data_oid = options.gmt_oids ? kOidGmtData : kOidPkcs7Data;
  ASN1_TIME* t = ASN1_TIME_set(nullptr, static_cast<time_t>(signing_time));
  const Bytes time_der = der_of(t, i2d_ASN1_TIME);
  ASN1_TIME_free(t);
  // DER SET OF: the attributes sorted by their encodings.
  std::vector<Bytes> attrs = {
      tlv(0x30, cat({kOidContentType, tlv(0x31, data_oid)})),
      tlv(0x30, cat({kOidSigningTime, tlv(0x31, time_der)})),
      tlv(0x30, cat({kOidMessageDigest, tlv(0x31, tlv(0x04, md))})),
  };
  std::sort(attrs.begin(), attrs.end());
  Bytes attr_content;
  for (const Bytes& a : attrs) attr_content.insert(attr_content.end(), a.begin(), a.end());
  const Bytes signature = sm2_sign(key, tlv(0x31, attr_content), options.id);

  const Bytes issuer = der_of(X509_get_issuer_name(cert), i2d_X509_NAME);
  const Bytes serial = der_of(const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(cert)), i2d_ASN1_INTEGER);
  const Bytes sm3_alg = tlv(0x30, kOidSm3);
  const Bytes signer_info = tlv(0x30, cat({{0x02, 0x01, 0x01},
                                           tlv(0x30, cat({issuer, serial})),
                                           sm3_alg,
                                           tlv(0xa0, attr_content),
                                           tlv(0x30, kOidSm2WithSm3),
                                           tlv(0x04, signature)}));
  Bytes certs = der_of(cert, i2d_X509);
  for (X509* c : chain) {
    const Bytes d = der_of(c, i2d_X509);
    certs.insert(certs.end(), d.begin(), d.end());
  }
  const Bytes signed_data =
      tlv(0x30,
          cat({{0x02, 0x01, 0x01}, tlv(0x31, sm3_alg), tlv(0x30, data_oid), tlv(0xa0, certs), tlv(0x31, signer_info)}));
  return tlv(0x30, cat({options.gmt_oids ? kOidGmtSignedData : kOidPkcs7SignedData, tlv(0xa0, signed_data)}));
}

}  // namespace sealcheck::issuer
