// libFuzzer target: OCSP responses (our own DER reader of RFC 6960) about
// the corpus seal certificate, its issuer the corpus root -- signature,
// delegated responder and single responses, so that a well-formed response
// gets as far as its status.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <openssl/pem.h>

#include "crypto/ocsp.h"
#include "crypto/ossl.h"

namespace {

sealcheck::ossl::X509Ptr read_pem(const char* path) {
  FILE* f = std::fopen(path, "r");
  sealcheck::ossl::X509Ptr x(f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr);
  if (f) std::fclose(f);
  return x;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const sealcheck::ossl::X509Ptr kSeal = read_pem(SEALCHECK_CORPUS_DIR "/keys/ecdsa-seal.pem");
  static const sealcheck::ossl::X509Ptr kRoot = read_pem(SEALCHECK_CORPUS_DIR "/keys/root.pem");
  (void)sealcheck::seal::ocsp_status({data, size}, kSeal.get(), kRoot.get());
  return 0;
}
