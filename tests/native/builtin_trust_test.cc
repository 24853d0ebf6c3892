// The built-in trust list of this build (wasm/trust/builtin-anchors.pem
// unless -DSEALCHECK_BUILTIN_ANCHORS says otherwise): every certificate in
// the file must be compiled in; one that fails to parse must not vanish
// silently.
#include <gtest/gtest.h>

#include <string>

#include "sealcheck/builtin_trust.h"

namespace sealcheck {
namespace {

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

TEST(BuiltinTrust, EveryCertificateInTheFileIsCompiledIn) {
  const std::string_view pem = builtin_trust_anchors_pem();
  EXPECT_FALSE(pem.empty());  // the file's comments at least
  EXPECT_EQ(builtin_trust_anchors().size(), count(pem, "-----BEGIN CERTIFICATE-----"));
}

}  // namespace
}  // namespace sealcheck
