#include "sealcheck/domain_rules.h"

#include "sealcheck/time.h"
#include "text/normalize.h"

namespace sealcheck::rules {

std::int64_t beijing_day(std::int64_t t) noexcept {
  const std::int64_t local = t + kBeijingOffsetSeconds;
  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

std::optional<std::int64_t> day_of(std::string_view date) {
  if (!is_date(date)) return std::nullopt;
  return beijing_day(*parse_iso8601(date));
}

std::string date_of(std::int64_t day) { return format_beijing(day * 86400 - kBeijingOffsetSeconds).substr(0, 10); }

bool is_ministry(std::string_view body) { return text::matching_key(body).find(kMinistryName) != std::string::npos; }

bool is_known_scenario(std::string_view scenario) { return text::matching_key(scenario) == "本人调用"; }

AnnotationNeed annotation_need(const CertificateData& c, std::optional<std::int64_t> sealed_at) {
  if (is_ministry(c.issuing_body)) return AnnotationNeed::kRequired;
  if (!sealed_at) return AnnotationNeed::kSealTimeUnknown;
  return beijing_day(*sealed_at) < *day_of(kAnnotationRequiredFrom) ? AnnotationNeed::kExempt
                                                                    : AnnotationNeed::kRequired;
}

bool may_seal_at(const CertificateData& c, std::int64_t sealed_at) {
  const auto issued = day_of(c.issue_date);
  return issued && beijing_day(sealed_at) >= *issued;
}

AnnotationOutcome evaluate_annotation(const CertificateDocument& doc, std::optional<std::int64_t> sealed_at,
                                      std::int64_t validation_time) {
  const CertificateData& c = doc.certificate;
  // A seal is applied when the e-certificate is made (制发): on or after the
  // qualification's issue date, and on or after the day its annotation was
  // applied for (it is produced within 24 hours of the application).
  if (sealed_at) {
    const std::string sealed_on = format_beijing(*sealed_at).substr(0, 10);
    if (!may_seal_at(c, *sealed_at)) {
      return {Code::kSealedBeforeIssueDate, "sealed " + sealed_on + ", issued " + c.issue_date};
    }
    if (doc.annotation && !doc.annotation->applied_on.empty() &&
        beijing_day(*sealed_at) < *day_of(doc.annotation->applied_on)) {
      return {Code::kSealedBeforeAnnotationApplied,
              "sealed " + sealed_on + ", annotation applied for " + doc.annotation->applied_on};
    }
  }
  if (!doc.annotation) {
    switch (annotation_need(c, sealed_at)) {
      case AnnotationNeed::kExempt:
        return {Code::kAnnotationNotRequired, "sealed " + format_beijing(*sealed_at).substr(0, 10)};
      case AnnotationNeed::kSealTimeUnknown: return {Code::kAnnotationMissingSealTimeUnknown, {}};
      case AnnotationNeed::kRequired:
        return {Code::kAnnotationMissing,
                sealed_at ? "sealed " + format_beijing(*sealed_at).substr(0, 10) : std::string("ministry certificate")};
    }
  }
  const Annotation& a = *doc.annotation;
  if (!is_known_scenario(a.scenario)) return {Code::kAnnotationScenarioUnknown, a.scenario};
  // Only an end printed (有效期至): the window started no later than the
  // day the annotated copy was sealed, and the 90-day rule counts from it.
  std::string not_before = a.not_before;
  if (not_before.empty()) {
    if (!sealed_at) return {Code::kAnnotationStartUnknown, "until " + a.not_after};
    not_before = date_of(beijing_day(*sealed_at));
  }
  const std::int64_t first = *day_of(not_before), last = *day_of(a.not_after);
  const std::string window = not_before + " – " + a.not_after;
  if (last < first || last - first + 1 > kMaxAnnotationDays) return {Code::kAnnotationWindowTooLong, window};
  const std::int64_t today = beijing_day(validation_time);
  if (today < first) return {Code::kAnnotationNotYetValid, window};
  if (today > last) return {Code::kAnnotationExpired, window};
  return {Code::kAnnotationValid, window, last - today + 1};
}

}  // namespace sealcheck::rules
