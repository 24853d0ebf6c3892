#include "sealcheck/certs.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <string_view>

#include "crypto/ossl.h"
#include "sealcheck/limits.h"

namespace sealcheck {
namespace {

// The wasm engine's OpenSSL is built without autoalginit (which would link
// every legacy cipher); X.509 and CMS still look digests up by NID, so the
// ones a seal or a chain may use are registered here, once, at start-up.
const bool g_digests_registered = [] {
  for (const EVP_MD* md : {EVP_sha1(), EVP_sha224(), EVP_sha256(), EVP_sha384(), EVP_sha512(), EVP_sha3_256(),
                           EVP_sha3_384(), EVP_sha3_512()}) {
    EVP_add_digest(md);
  }
#ifndef OPENSSL_NO_SM3
  EVP_add_digest(EVP_sm3());
#endif
  return true;
}();

}  // namespace

std::vector<std::vector<std::uint8_t>> parse_certificates(std::span<const std::uint8_t> data) {
  std::vector<std::vector<std::uint8_t>> out;
  auto push_der = [&](X509* x) {
    unsigned char* der = nullptr;
    const int len = i2d_X509(x, &der);
    if (len > 0) out.emplace_back(der, der + len);
    OPENSSL_free(der);
  };
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  if (text.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
    ossl::Bio bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    while (bio && out.size() < limits::kMaxTrustAnchors) {
      ossl::X509Ptr x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
      if (!x) break;
      push_der(x.get());
    }
    return out;
  }
  const unsigned char* p = data.data();
  ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(data.size())));
  if (x) push_der(x.get());
  return out;
}

std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> data) {
  std::vector<std::uint8_t> out(32);
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

}  // namespace sealcheck

namespace sealcheck {

std::string to_hex(std::span<const std::uint8_t> data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(data.size() * 2);
  for (std::uint8_t v : data) {
    s.push_back(kHex[v >> 4]);
    s.push_back(kHex[v & 15]);
  }
  return s;
}

}  // namespace sealcheck
