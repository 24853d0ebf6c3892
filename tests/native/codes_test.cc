#include "sealcheck/codes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sealcheck/report.h"

namespace sealcheck {
namespace {

TEST(Codes, EveryCodeHasItsOwnBilingualMessage) {
  std::set<std::string_view> ids;
  for (Code c : kAllCodes) {
    const Message& m = message_for(c);
    EXPECT_NE(m.id, "unknown") << static_cast<int>(c);
    EXPECT_FALSE(m.zh.empty()) << m.id;
    EXPECT_FALSE(m.en.empty()) << m.id;
    EXPECT_TRUE(ids.insert(m.id).second) << "duplicate id " << m.id;
  }
  EXPECT_EQ(message_for(static_cast<Code>(4242)).id, "unknown");
}

Report with(std::initializer_list<Check> checks) {
  Report r;
  r.checks = checks;
  return r;
}

TEST(Verdict, DerivedFromChecks) {
  EXPECT_EQ(Report{}.verdict(), Verdict::kIndeterminate);
  EXPECT_EQ(with({{CheckId::kInput, Status::kPass, Code::kOk, {}}}).verdict(), Verdict::kValid);
  EXPECT_EQ(with({{CheckId::kInput, Status::kPass, Code::kOk, {}},
                  {CheckId::kSigningTime, Status::kWarn, Code::kNoSigningTime, {}}})
                .verdict(),
            Verdict::kValid);
  // A check that never ran is not a pass.
  EXPECT_EQ(
      with({{CheckId::kInput, Status::kPass, Code::kOk, {}}, {CheckId::kCms, Status::kSkip, Code::kOk, {}}}).verdict(),
      Verdict::kIndeterminate);
  EXPECT_EQ(with({{CheckId::kInput, Status::kFail, Code::kChainUntrusted, {}}}).verdict(), Verdict::kIndeterminate);
  // Proof of tampering wins over "could not finish", whatever the order.
  EXPECT_EQ(with({{CheckId::kInput, Status::kFail, Code::kChainUntrusted, {}},
                  {CheckId::kCms, Status::kFail, Code::kDigestMismatch, {}}})
                .verdict(),
            Verdict::kInvalid);
}

}  // namespace
}  // namespace sealcheck
