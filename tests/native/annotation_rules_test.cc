// The issuer's annotation rules: every refusal of DOMAIN.md, and the edges
// of the "3 valid annotations within 90 days" rule.
#include "issuer/annotation_rules.h"

#include <gtest/gtest.h>

namespace sealcheck::issuer {
namespace {

AnnotationRequest request(const std::string& from, int days, const std::string& on = "2025-06-01",
                          const std::string& scenario = "本人调用") {
  return {scenario, from, days, on};
}

TEST(AnnotationRules, GrantsUpToNinetyDaysCountingTheFirst) {
  const Decision d = decide_annotation({}, request("2025-06-01", 90));
  EXPECT_EQ(d.refusal, Refusal::kNone);
  EXPECT_EQ(d.annotation.not_before, "2025-06-01");
  EXPECT_EQ(d.annotation.not_after, "2025-08-29");
  EXPECT_EQ(d.annotation.applied_on, "2025-06-01");
  EXPECT_EQ(decide_annotation({}, request("2025-06-01", 1)).annotation.not_after, "2025-06-01");
}

TEST(AnnotationRules, RefusesNinetyOneDaysAndNonsense) {
  EXPECT_EQ(decide_annotation({}, request("2025-06-01", 91)).refusal, Refusal::kBadDays);
  EXPECT_EQ(decide_annotation({}, request("2025-06-01", 0)).refusal, Refusal::kBadDays);
  EXPECT_EQ(decide_annotation({}, request("2025-05-31", 30)).refusal, Refusal::kBadStart);  // backdated
  EXPECT_EQ(decide_annotation({}, request("2025-02-30", 30)).refusal, Refusal::kBadStart);
  EXPECT_EQ(decide_annotation({}, request("2025-06-01", 30, "2025-06-01", "他人调用")).refusal,
            Refusal::kUnknownScenario);
  EXPECT_NE(decide_annotation({}, request("2025-06-01", 91)).message.find("90"), std::string::npos);
}

TEST(AnnotationRules, AFourthValidAnnotationWithinNinetyDaysIsRefused) {
  std::vector<Annotation> three = {
      {"本人调用", "2025-04-01", "2025-06-29", "2025-04-01"},
      {"本人调用", "2025-05-01", "2025-07-29", "2025-05-01"},
      {"本人调用", "2025-05-20", "2025-06-18", "2025-05-20"},
  };
  EXPECT_EQ(decide_annotation(three, request("2025-06-01", 30)).refusal, Refusal::kTooManyValid);
  // Once one of them has expired, a new one may be granted ...
  EXPECT_EQ(decide_annotation(three, request("2025-06-19", 30, "2025-06-19")).refusal, Refusal::kNone);
  // ... and one applied for more than 90 days before does not count.
  std::vector<Annotation> old = three;
  old[0] = {"本人调用", "2025-03-03", "2025-06-30", "2025-03-03"};  // applied 90 days before 2025-06-01
  EXPECT_EQ(decide_annotation(old, request("2025-06-01", 30)).refusal, Refusal::kNone);
  old[0].applied_on = "2025-03-04";  // 89 days before: still inside the 90
  EXPECT_EQ(decide_annotation(old, request("2025-06-01", 30)).refusal, Refusal::kTooManyValid);
}

}  // namespace
}  // namespace sealcheck::issuer
