// Writes sealed PDFs (issuer side, native only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace sealcheck::issuer {

struct Signer final {
  X509* cert = nullptr;        // borrowed
  EVP_PKEY* key = nullptr;     // borrowed
  std::vector<X509*> chain;    // extra certificates to embed, borrowed
  std::int64_t signing_time = 0;  // Unix seconds, written as signingTime
  const EVP_MD* digest = nullptr;    // nullptr: SHA-256 (tests pass weaker ones)
};

// A one-page PDF carrying `text` (ASCII) and one adbe.pkcs7.detached
// signature that covers the whole file. Thin sample for the build pipeline
// (issue 2); the real certificate layout comes with `sealcheck issue`.
// pad_bytes adds an unreferenced binary stream of that size (benchmarks
// need certificate-sized files, like a scanned photo would make them).
std::vector<std::uint8_t> make_signed_sample(const std::string& text, const Signer& signer,
                                             std::size_t pad_bytes = 0);

// Detached CMS SignedData over the concatenation of `parts`, with signed
// attributes (contentType, messageDigest, signingTime).
std::vector<std::uint8_t> sign_detached(const std::vector<std::string_view>& parts, const Signer& signer);

}  // namespace sealcheck::issuer
