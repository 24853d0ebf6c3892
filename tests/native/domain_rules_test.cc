// The 加注 rules at their edges: UTC+8 day boundaries to the second, the
// 90-day limit, scenarios, and who is exempt.
#include "annotation_policy.h"

#include <gtest/gtest.h>

#include "sealcheck/time.h"

namespace sealcheck {
namespace {

CertificateDocument ministry(std::optional<Annotation> a) {
  CertificateDocument d;
  d.certificate.issue_date = "2024-10-10";
  d.certificate.issuing_body = "中华人民共和国人力资源和社会保障部";
  d.annotation = std::move(a);
  return d;
}

std::int64_t at(const char* iso) { return *parse_iso8601(iso); }

TEST(AnnotationPolicy, WindowHoldsThroughTheLastDayInBeijingTime) {
  const auto d = ministry(Annotation{"本人调用", "2025-03-01", "2025-03-19", "2025-03-01"});
  // One second before the window opens, 2025-03-01 00:00:00 +08:00.
  EXPECT_EQ(evaluate_annotation(d, at("2025-02-28T23:59:59+08:00")).code, Code::kAnnotationNotYetValid);
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-01T00:00:00+08:00")).code, Code::kAnnotationValid);
  // "有效期至 2025-03-19" holds through 23:59:59 that day in UTC+8 ...
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-19T23:59:59+08:00")).code, Code::kAnnotationValid);
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-19T23:59:59+08:00")).days_remaining, 1);
  // ... and not one second longer, wherever the verifier is.
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-20T00:00:00+08:00")).code, Code::kAnnotationExpired);
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-19T16:00:00Z")).code, Code::kAnnotationExpired);
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-19T15:59:59Z")).code, Code::kAnnotationValid);
  EXPECT_EQ(evaluate_annotation(d, at("2025-03-19T11:59:59-04:00")).code, Code::kAnnotationValid);
}

TEST(AnnotationPolicy, AtMostNinetyDays) {
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"本人调用", "2025-01-01", "2025-03-31", "2025-01-01"}),
                                at("2025-02-01"))
                .code,
            Code::kAnnotationValid);  // 90 days
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"本人调用", "2025-01-01", "2025-04-01", "2025-01-01"}),
                                at("2025-02-01"))
                .code,
            Code::kAnnotationWindowTooLong);  // 91 days
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"本人调用", "2025-02-01", "2025-01-31", "2025-01-01"}),
                                at("2025-02-01"))
                .code,
            Code::kAnnotationWindowTooLong);  // inverted
}

TEST(AnnotationPolicy, OnlyKnownScenarios) {
  EXPECT_EQ(evaluate_annotation(ministry(Annotation{"他人调用", "2025-01-01", "2025-01-31", "2025-01-01"}),
                                at("2025-01-10"))
                .code,
            Code::kAnnotationScenarioUnknown);
}

TEST(AnnotationPolicy, WhoNeedsAnAnnotation) {
  EXPECT_EQ(evaluate_annotation(ministry(std::nullopt), at("2025-01-10")).code, Code::kAnnotationMissing);
  CertificateDocument old_body;
  old_body.certificate.issue_date = "2021-12-16";
  old_body.certificate.issuing_body = "中国拍卖行业协会";
  EXPECT_EQ(evaluate_annotation(old_body, at("2025-01-10")).code, Code::kAnnotationNotRequired);
  old_body.certificate.issue_date = "2021-12-17";  // from that day on, everyone needs one
  EXPECT_EQ(evaluate_annotation(old_body, at("2025-01-10")).code, Code::kAnnotationMissing);
  CertificateDocument old_ministry = ministry(std::nullopt);
  old_ministry.certificate.issue_date = "2019-06-01";  // the exemption is for bodies only
  EXPECT_EQ(evaluate_annotation(old_ministry, at("2025-01-10")).code, Code::kAnnotationMissing);
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
