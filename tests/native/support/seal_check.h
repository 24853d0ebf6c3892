// Test support: one seal blob checked over some covered bytes, as the PDF
// path would hand it to check_cms.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/cms_check.h"

namespace sealcheck::testing {

inline CmsOutcome check_seal(const std::vector<std::uint8_t>& der, const std::string& covered,
                             const std::vector<std::vector<std::uint8_t>>& anchors, std::int64_t at,
                             const std::string& sm2_id = "1234567812345678") {
  CmsInput in;
  in.sm2_id = sm2_id;
  in.cms_der = der;
  in.covered = {{reinterpret_cast<const std::uint8_t*>(covered.data()), covered.size()}, {}};
  in.trust_anchors = &anchors;
  in.validation_time = at;
  return check_cms(in);
}

}  // namespace sealcheck::testing
