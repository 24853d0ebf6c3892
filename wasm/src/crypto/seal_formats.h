// The seal formats the dispatcher (check_cms) tries, most specific first.
// Each returns nullopt when /Contents is not of its format; the OpenSSL CMS
// path takes whatever is left. A new format is one file and one line in
// cms_check.cc.
#pragma once

#include <optional>

#include "crypto/cms_check.h"

namespace sealcheck::seal {

// GB/T 38540-2020 SES_Signature (GM/T 0031 v1-3 recognised, unsupported).
std::optional<CmsOutcome> check_gbt38540(const CmsInput& in);
// SM2 with SM3 SignedData, PKCS#7 or GM/T 0010 OIDs, read by hand.
std::optional<CmsOutcome> check_sm2_signed_data(const CmsInput& in);
// CMS SignedData through OpenSSL (RSA, ECDSA; SHA-2).
std::optional<CmsOutcome> check_openssl_cms(const CmsInput& in);

}  // namespace sealcheck::seal
