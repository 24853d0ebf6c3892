// SM2 seals on the issuer side: OpenSSL 3.0's CMS cannot sign with SM2 (it
// cannot set the distinguishing ID), so the SignedData is built here, DER by
// hand, signed with OpenSSL's SM2 primitive.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace sealcheck::issuer {

struct Sm2SignOptions final {
  bool gmt_oids = false;                // GM/T 0010 contentType OIDs instead of PKCS#7's
  std::string id = "1234567812345678";  // distinguishing ID
};

// SM3 of the concatenated parts. Throws if SM3 is unavailable.
std::vector<std::uint8_t> sm3_digest(const std::vector<std::string_view>& parts);

// An SM2 signature (DER) over SM3(Z(id) || message). Throws on failure.
std::vector<std::uint8_t> sm2_sign(EVP_PKEY* key, std::span<const std::uint8_t> message,
                                   const std::string& id = "1234567812345678");

// A detached SignedData over the concatenated parts: SM3 digest, SM2
// signature, signed attributes contentType, signingTime, messageDigest; the
// signer's certificate (and `chain`) included.
std::vector<std::uint8_t> sign_detached_sm2(const std::vector<std::string_view>& parts, X509* cert, EVP_PKEY* key,
                                            const std::vector<X509*>& chain, std::int64_t signing_time,
                                            const Sm2SignOptions& options = {});

}  // namespace sealcheck::issuer
