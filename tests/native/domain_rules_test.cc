// The 加注 rules at their edges: UTC+8 day boundaries to the second, the
// 90-day limit, scenarios, who is exempt (by when the seal was applied),
// and files whose own times disagree. Expected values are worked out by
// hand from DOMAIN.md, never printed by the code under test.
#include "sealcheck/domain_rules.h"

#include <gtest/gtest.h>

#include "sealcheck/time.h"

namespace sealcheck {
namespace {

using rules::evaluate_annotation;

CertificateDocument ministry(std::optional<Annotation> a) {
  CertificateDocument d;
  d.certificate.issue_date = "2024-10-10";
  d.certificate.issuing_body = "中华人民共和国人力资源和社会保障部";
  d.annotation = std::move(a);
  return d;
}

std::int64_t at(const char* iso) { return *parse_iso8601(iso); }

// Sealed on 2025-01-01 10:00 Beijing time, after every application below.
const std::optional<std::int64_t> kSealed = *parse_iso8601("2025-01-01T10:00:00+08:00");

TEST(AnnotationPolicy, WindowHoldsThroughTheLastDayInBeijingTime) {
  const auto d = ministry(Annotation{"本人调用", "2025-03-01", "2025-03-19", "2024-12-31"});
  // One second before the window opens, 2025-03-01 00:00:00 +08:00.
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-02-28T23:59:59+08:00")).code, Code::kAnnotationNotYetValid);
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-01T00:00:00+08:00")).code, Code::kAnnotationValid);
  // "有效期至 2025-03-19" holds through 23:59:59 that day in UTC+8 ...
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-19T23:59:59+08:00")).code, Code::kAnnotationValid);
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-19T23:59:59+08:00")).days_remaining, 1);
  // ... and not one second longer, wherever the verifier is.
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-20T00:00:00+08:00")).code, Code::kAnnotationExpired);
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-19T16:00:00Z")).code, Code::kAnnotationExpired);
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-19T15:59:59Z")).code, Code::kAnnotationValid);
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-03-19T11:59:59-04:00")).code, Code::kAnnotationValid);
}

TEST(AnnotationPolicy, AtMostNinetyDays) {
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"本人调用", "2025-01-01", "2025-03-31", "2025-01-01"}), kSealed,
                                at("2025-02-01"))
                .code,
            Code::kAnnotationValid);  // 90 days
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"本人调用", "2025-01-01", "2025-04-01", "2025-01-01"}), kSealed,
                                at("2025-02-01"))
                .code,
            Code::kAnnotationWindowTooLong);  // 91 days
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"本人调用", "2025-02-01", "2025-01-31", "2025-01-01"}), kSealed,
                                at("2025-02-01"))
                .code,
            Code::kAnnotationWindowTooLong);  // inverted
}

TEST(AnnotationPolicy, OnlyKnownScenarios) {
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"他人调用", "2025-01-01", "2025-01-31", "2025-01-01"}), kSealed,
                                at("2025-01-10"))
                .code,
            Code::kAnnotationScenarioUnknown);
}

TEST(AnnotationPolicy, WhoNeedsAnAnnotationDependsOnWhenTheSealWasApplied) {
  EXPECT_EQ(evaluate_annotation(ministry(std::nullopt), kSealed, at("2025-01-10")).code, Code::kAnnotationMissing);
  CertificateDocument body;
  body.certificate.issue_date = "2015-06-01";  // the qualification's own date plays no part
  body.certificate.issuing_body = "中国拍卖行业协会";
  // Sealed the last second of 2021-12-16 in Beijing: made before the day.
  EXPECT_EQ(evaluate_annotation(body, at("2021-12-16T23:59:59+08:00"), at("2025-01-10")).code,
            Code::kAnnotationNotRequired);
  EXPECT_EQ(evaluate_annotation(body, at("2021-12-16T15:59:59Z"), at("2025-01-10")).code, Code::kAnnotationNotRequired);
  // One second later it is 2021-12-17 in Beijing (still the 16th in UTC).
  EXPECT_EQ(evaluate_annotation(body, at("2021-12-16T16:00:00Z"), at("2025-01-10")).code, Code::kAnnotationMissing);
  // The same certificate sealed again today needs one.
  EXPECT_EQ(evaluate_annotation(body, kSealed, at("2025-01-10")).code, Code::kAnnotationMissing);
  // A seal that states no time cannot show it predates the day.
  EXPECT_EQ(evaluate_annotation(body, std::nullopt, at("2025-01-10")).code, Code::kAnnotationMissingSealTimeUnknown);
  // The ministry's certificates always need one, whenever sealed.
  CertificateDocument old_ministry = ministry(std::nullopt);
  old_ministry.certificate.issue_date = "2015-06-01";
  EXPECT_EQ(evaluate_annotation(old_ministry, at("2021-06-01T10:00:00+08:00"), at("2025-01-10")).code,
            Code::kAnnotationMissing);
  EXPECT_EQ(evaluate_annotation(old_ministry, std::nullopt, at("2025-01-10")).code, Code::kAnnotationMissing);
}

TEST(AnnotationPolicy, AnOldQualificationAnnotatedAndSealedTodayIsInForce) {
  CertificateDocument d = ministry(Annotation{"本人调用", "2025-01-01", "2025-03-31", "2025-01-01"});
  d.certificate.issue_date = "2015-06-01";
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-02-01")).code, Code::kAnnotationValid);
  EXPECT_EQ(evaluate_annotation(d, kSealed, at("2025-02-01")).days_remaining, 59);  // Feb 1 .. Mar 31
}

TEST(AnnotationPolicy, TimesOfTheFileMustAgree) {
  // Applied for on 2025-01-02, but sealed on 2025-01-01: impossible.
  const auto late = ministry(Annotation{"本人调用", "2025-01-02", "2025-03-31", "2025-01-02"});
  EXPECT_EQ(evaluate_annotation(late, kSealed, at("2025-02-01")).code, Code::kSealedBeforeAnnotationApplied);
  // Applied for on the sealing day: fine.
  const auto same_day = ministry(Annotation{"本人调用", "2025-01-01", "2025-03-31", "2025-01-01"});
  EXPECT_EQ(evaluate_annotation(same_day, at("2025-01-01T00:00:00+08:00"), at("2025-02-01")).code,
            Code::kAnnotationValid);
  // Sealed 2024-12-31 23:59:59 Beijing, applied for 2025-01-01: one second too early.
  EXPECT_EQ(evaluate_annotation(same_day, at("2024-12-31T15:59:59Z"), at("2025-02-01")).code,
            Code::kSealedBeforeAnnotationApplied);
  // Sealed before the qualification was even issued.
  CertificateDocument early = ministry(Annotation{"本人调用", "2025-01-01", "2025-03-31", "2025-01-01"});
  early.certificate.issue_date = "2025-01-02";
  EXPECT_EQ(evaluate_annotation(early, kSealed, at("2025-02-01")).code, Code::kSealedBeforeIssueDate);
  early.certificate.issue_date = "2025-01-01";
  EXPECT_EQ(evaluate_annotation(early, kSealed, at("2025-02-01")).code, Code::kAnnotationValid);
}

TEST(DomainRules, BeijingDaysFloorEverywhere) {
  EXPECT_EQ(rules::beijing_day(0), 0);
  EXPECT_EQ(rules::beijing_day(-8 * 3600), 0);       // 1970-01-01 00:00:00 +08:00
  EXPECT_EQ(rules::beijing_day(-8 * 3600 - 1), -1);  // one second before: the day before
  EXPECT_EQ(rules::date_of(-1), "1969-12-31");
  EXPECT_EQ(*rules::day_of("1969-12-31"), -1);
  EXPECT_EQ(*rules::day_of("2021-12-17"), 18978);
  EXPECT_EQ(rules::date_of(18978), "2021-12-17");
  EXPECT_FALSE(rules::day_of("2021-02-30"));
  EXPECT_TRUE(rules::is_ministry("中华人民共和国人力资源和社会保障部"));
  EXPECT_FALSE(rules::is_ministry("中国拍卖行业协会"));
  CertificateData c;
  c.issue_date = "2025-01-02";
  EXPECT_FALSE(rules::may_seal_at(c, at("2025-01-01T23:59:59+08:00")));
  EXPECT_TRUE(rules::may_seal_at(c, at("2025-01-02T00:00:00+08:00")));
}

TEST(CertificateJson, RoundTripsAndRejectsMalformedData) {
  CertificateDocument d = ministry(Annotation{"本人调用", "2025-01-01", "2025-01-31", "2025-01-01"});
  d.certificate.number = "N1";
  d.certificate.holder = "张三";
  d.certificate.qualification = "一级建造师";
  d.certificate.approval_date = "2024-09-01";
  const auto back = parse_certificate_document(to_json(d));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->certificate.holder, "张三");
  EXPECT_EQ(back->annotation->not_after, "2025-01-31");
  std::string error;
  EXPECT_FALSE(parse_certificate_document(R"({"format":"other/1"})", &error));
  EXPECT_FALSE(parse_certificate_document(R"({"format":"sealcheck-certificate/1","format":"x"})", &error));
  EXPECT_EQ(error.rfind("duplicate key", 0), 0u);
  std::string bad_date = to_json(d);
  bad_date.replace(bad_date.find("2024-10-10"), 10, "2024-13-10");
  EXPECT_FALSE(parse_certificate_document(bad_date, &error));
  // Malformed UTF-8 is refused (found by fuzz_json: it could not round-trip).
  std::string bad_utf8 = to_json(d);
  bad_utf8.replace(bad_utf8.find("张三"), 3, "\xff\xfe\xfd");
  EXPECT_FALSE(parse_certificate_document(bad_utf8, &error));
  EXPECT_EQ(error.rfind("invalid UTF-8", 0), 0u);
  EXPECT_EQ(mask_id_number("110101199001011234"), "1101**********1234");
  EXPECT_EQ(mask_id_number("A123"), "***3");
}

}  // namespace
}  // namespace sealcheck

namespace sealcheck {
namespace {

// A page that prints only the end (有效期至) and no application day: the
// window starts on the day the copy was sealed, and the 90 days count from it.
TEST(AnnotationPolicy, OnlyAnEndPrintedCountsFromTheSealingDay) {
  const auto sealed = *parse_iso8601("2025-06-01T23:30:00+08:00");                   // Beijing day 2025-06-01
  const auto until_day_89 = ministry(Annotation{"本人调用", "", "2025-08-29", ""});  // 06-01 .. 08-29: 90 days
  EXPECT_EQ(evaluate_annotation(until_day_89, sealed, at("2025-06-02")).code, Code::kAnnotationValid);
  EXPECT_EQ(evaluate_annotation(until_day_89, sealed, at("2025-06-02")).detail, "2025-06-01 – 2025-08-29");
  const auto until_day_90 = ministry(Annotation{"本人调用", "", "2025-08-30", ""});  // 91 days
  EXPECT_EQ(evaluate_annotation(until_day_90, sealed, at("2025-06-02")).code, Code::kAnnotationWindowTooLong);
  EXPECT_EQ(evaluate_annotation(until_day_89, std::nullopt, at("2025-06-02")).code, Code::kAnnotationStartUnknown);
  // No application day printed: the consistency rule has nothing to compare.
  EXPECT_EQ(
      evaluate_annotation(ministry(Annotation{"本人调用", "2025-05-01", "2025-07-29", ""}), sealed, at("2025-06-02"))
          .code,
      Code::kAnnotationValid);
}

}  // namespace
}  // namespace sealcheck
