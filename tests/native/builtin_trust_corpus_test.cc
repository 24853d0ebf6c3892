// Linked with a built-in list generated from the corpus root
// (sealcheck_builtin_anchors in tests/native/CMakeLists.txt), as a
// distributor's build would be with the real roots.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "sealcheck/builtin_trust.h"
#include "sealcheck/time.h"
#include "sealcheck/verify.h"
#include "support/checks.h"

namespace sealcheck {
namespace {

const std::filesystem::path kCorpus = SEALCHECK_CORPUS_DIR;

std::vector<std::uint8_t> read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const Check* find_check(const Report& r, CheckId id) { return testing::find_check(r.checks, id); }

TEST(BuiltinTrustCorpus, TheCompiledInRootIsTrustedWithoutAnyOtherAnchor) {
  ASSERT_EQ(builtin_trust_anchors().size(), 1u);
  VerifyOptions options;
  options.validation_time = *parse_iso8601("2025-06-02");
  options.trust_anchors = builtin_trust_anchors();
  const Report r = verify_pdf(read(kCorpus / "files" / "genuine-ecdsa.pdf"), options);
  const Check* trust = find_check(r, CheckId::kTrust);
  ASSERT_NE(trust, nullptr);
  EXPECT_EQ(trust->status, Status::kPass);
  EXPECT_EQ(trust->code, Code::kChainTrusted);

  // A seal from another PKI stays untrusted: the built-in list is not "any".
  const Report other = verify_pdf(read(kCorpus / "files" / "untrusted-root.pdf"), options);
  ASSERT_NE(find_check(other, CheckId::kTrust), nullptr);
  EXPECT_EQ(find_check(other, CheckId::kTrust)->code, Code::kChainUntrusted);
}

}  // namespace
}  // namespace sealcheck
