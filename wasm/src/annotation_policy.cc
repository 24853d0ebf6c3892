#include "annotation_policy.h"

#include "sealcheck/time.h"

namespace sealcheck {
namespace {

constexpr std::string_view kMinistry = "人力资源和社会保障部";

std::int64_t beijing_day(std::int64_t t) {
  const std::int64_t local = t + kBeijingOffsetSeconds;
  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

std::int64_t day_of(const std::string& date) { return beijing_day(*parse_iso8601(date)); }

}  // namespace

bool is_known_scenario(std::string_view scenario) { return scenario == "本人调用"; }

AnnotationOutcome evaluate_annotation(const CertificateDocument& doc, std::int64_t validation_time) {
  const CertificateData& c = doc.certificate;
  // Issued before 2021-12-17 by an association, society or designated body
  // (anyone but the ministry): usable without annotation.
  const bool exempt = day_of(c.issue_date) < day_of(std::string(kAnnotationRequiredFrom)) &&
                      c.issuing_body.find(kMinistry) == std::string::npos;
  if (!doc.annotation) {
    if (exempt) return {Code::kAnnotationNotRequired, c.issue_date};
    return {Code::kAnnotationMissing, c.issue_date};
  }
  const Annotation& a = *doc.annotation;
  if (!is_known_scenario(a.scenario)) return {Code::kAnnotationScenarioUnknown, a.scenario};
  const std::int64_t first = day_of(a.not_before), last = day_of(a.not_after);
  if (last < first || last - first + 1 > kMaxAnnotationDays) {
    return {Code::kAnnotationWindowTooLong, a.not_before + " – " + a.not_after};
  }
  const std::int64_t today = beijing_day(validation_time);
  const std::string window = a.not_before + " – " + a.not_after;
  if (today < first) return {Code::kAnnotationNotYetValid, window};
  if (today > last) return {Code::kAnnotationExpired, window};
  return {Code::kAnnotationValid, window, last - today + 1};
}

}  // namespace sealcheck
