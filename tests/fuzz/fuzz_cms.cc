// libFuzzer target: CMS SignedData parsing and checking on arbitrary DER.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "crypto/cms_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::vector<std::uint8_t>> kNoAnchors;
  static const std::uint8_t kContent[] = "%PDF-1.7 covered bytes";
  sealcheck::CmsInput in;
  in.cms_der = {data, size};
  in.covered = {{kContent, sizeof kContent - 1}, {}};
  in.trust_anchors = &kNoAnchors;
  in.validation_time = 1748743200;
  (void)sealcheck::check_cms(in);
  return 0;
}
