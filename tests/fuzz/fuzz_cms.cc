// libFuzzer target: CMS SignedData parsing and checking on arbitrary DER,
// by OpenSSL's CMS layer and by our own readers (crypto/signed_data.cc for
// SM2 SignedData, crypto/ses.cc for GB/T 38540 electronic seals).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "crypto/cms_check.h"
#include "crypto/signed_data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::vector<std::uint8_t>> kNoAnchors;
  static const std::uint8_t kContent[] = "%PDF-1.7 covered bytes";
  sealcheck::CmsInput in;
  in.cms_der = {data, size};
  in.covered = {{kContent, sizeof kContent - 1}, {}};
  in.trust_anchors = &kNoAnchors;
  in.validation_time = 1748743200;
  (void)sealcheck::check_cms(in);
  if (const auto view = sealcheck::parse_signed_data(in.cms_der)) {
    for (const auto& signer : view->signers) {
      if (signer.signed_attributes) {
        (void)sealcheck::signed_attribute(*signer.signed_attributes, "1.2.840.113549.1.9.4");
        (void)sealcheck::signed_attributes_to_sign(*signer.signed_attributes);
      }
    }
  }
  return 0;
}
