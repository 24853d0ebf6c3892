// libFuzzer target: the whole verification, trusting the corpus root.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>

#include "sealcheck/certs.h"
#include "sealcheck/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const sealcheck::VerifyOptions kOptions = [] {
    sealcheck::VerifyOptions o;
    std::ifstream in(SEALCHECK_CORPUS_DIR "/trust/root.pem", std::ios::binary);
    const std::vector<std::uint8_t> pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    o.trust_anchors = sealcheck::parse_certificates(pem);
    o.validation_time = 1748822400;  // 2025-06-02
    return o;
  }();
  const sealcheck::Report r = sealcheck::verify_pdf({data, size}, kOptions);
  (void)sealcheck::to_json(r, "fuzz.pdf");
  return 0;
}
