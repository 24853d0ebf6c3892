// libFuzzer target: RFC 3161 signature and document timestamps on
// arbitrary DER -- the token's CMS, our TSTInfo reader, the imprint, ESS
// binding, EKU and chain checks -- trusting the corpus root as TSA anchor,
// so that a well-formed token gets as far as its chain.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <span>
#include <vector>

#include "crypto/timestamp.h"
#include "sealcheck/certs.h"

namespace {

std::vector<std::vector<std::uint8_t>> corpus_root() {
  std::ifstream in(SEALCHECK_CORPUS_DIR "/trust/root.pem", std::ios::binary);
  const std::vector<std::uint8_t> pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return sealcheck::parse_certificates(pem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::vector<std::uint8_t>> kAnchors = corpus_root();
  // The first byte says how many bytes after it are the seal's signature
  // value; the rest is the token. The seeds are corpus tokens with the
  // signature values they imprint, so mutations of the token reach its
  // signature, certificate and chain checks.
  if (size == 0) return 0;
  const std::size_t sig_len = std::min<std::size_t>(data[0], size - 1);
  sealcheck::CmsInput in;
  in.trust_anchors = &kAnchors;
  in.tsa_anchors = &kAnchors;
  in.validation_time = 1748793600;  // 2025-06-02
  const std::span<const std::uint8_t> token{data + 1 + sig_len, size - 1 - sig_len}, imprinted{data + 1, sig_len};
  (void)sealcheck::seal::check_signature_timestamp(in, token, imprinted);
  // The same bytes as a document timestamp: the token (with any padding
  // after it) over the signed ranges.
  in.cms_der = token;
  in.covered = {imprinted, {}};
  (void)sealcheck::seal::check_document_timestamp(in);
  return 0;
}
