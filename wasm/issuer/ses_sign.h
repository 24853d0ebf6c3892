// GB/T 38540-2020 electronic seals on the issuer side (and for the test
// corpus): an SESeal made and signed by a seal maker (制章人), then an
// SES_Signature by the signer over a document digest, for a PDF's
// /Contents. DER by hand, SM2 with SM3 (crypto/ses.h describes the
// structures the verifier reads).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace sealcheck::issuer {

struct SesSealSpec final {
  X509* maker_cert = nullptr;                                // borrowed; its SM2 key signs the seal
  EVP_PKEY* maker_key = nullptr;                             // borrowed
  std::string es_id;                                         // 印章编码
  std::string name;                                          // 印章名称 (UTF-8)
  std::int64_t type = 1;                                     // 印章类型 (1: 单位印章)
  std::string vid = "sealcheck";                             // the maker's software
  std::int64_t created = 0, valid_start = 0, valid_end = 0;  // Unix seconds
  std::vector<X509*> signers;                                // the certificates allowed to use the seal
  bool list_digests = false;                                 // certListType 2: SM3 digests instead of certificates
  std::string id = "1234567812345678";                       // the maker's distinguishing ID
};

// The SESeal, DER. Throws on failure.
std::vector<std::uint8_t> make_seseal(const SesSealSpec& spec);

struct SesSignOptions final {
  std::string property_info = "sealcheck PDF seal";
  std::string id = "1234567812345678";  // the signer's distinguishing ID
};

// The SES_Signature over the concatenated parts (dataHash = SM3 of them),
// signed with `key`, naming `cert` as the signer, at `signing_time`.
std::vector<std::uint8_t> sign_detached_ses(const std::vector<std::string_view>& parts, X509* cert, EVP_PKEY* key,
                                            const std::vector<std::uint8_t>& seseal, std::int64_t signing_time,
                                            const SesSignOptions& options = {});

// A small PNG (a red ring), the seal's picture.
std::vector<std::uint8_t> seal_picture_png();

}  // namespace sealcheck::issuer
