// The seal check: one dispatcher over the seal formats (seal_formats.h),
// most specific first.
#include "crypto/cms_check.h"

#include "crypto/seal_formats.h"

namespace sealcheck {

CmsOutcome check_cms(const CmsInput& in) {
  for (const auto format : {&seal::check_gbt38540, &seal::check_sm2_signed_data, &seal::check_openssl_cms}) {
    if (auto out = format(in)) return std::move(*out);
  }
  return {};
}

}  // namespace sealcheck
