#include "issuer/annotation_rules.h"

#include "sealcheck/domain_rules.h"

namespace sealcheck::issuer {
namespace {

using rules::kMaxAnnotationDays;
using rules::kMaxValidAnnotations;

std::int64_t day_number(const std::string& date) { return *rules::day_of(date); }

}  // namespace

Decision decide_annotation(const std::vector<Annotation>& existing, const AnnotationRequest& r) {
  Decision d;
  if (!rules::is_known_scenario(r.scenario)) {
    d.refusal = Refusal::kUnknownScenario;
    d.message = "未知的使用场景“" + r.scenario +
                "”（目前仅支持“本人调用”） / unknown usage scenario (only 本人调用 is offered)";
    return d;
  }
  if (r.days < 1 || r.days > kMaxAnnotationDays) {
    d.refusal = Refusal::kBadDays;
    d.message = "每次加注最长有效期限为90日 / an annotation lasts 1 to 90 days, not " + std::to_string(r.days);
    return d;
  }
  if (!is_date(r.from) || !is_date(r.applied_on) || day_number(r.from) < day_number(r.applied_on)) {
    d.refusal = Refusal::kBadStart;
    d.message = "加注起始日期不能早于申请日期 / an annotation cannot start before the application day";
    return d;
  }
  // Counting back 90 days from the application day (that day included),
  // at most 3 annotations may be valid: a fourth is refused.
  const std::int64_t today = day_number(r.applied_on);
  int valid = 0;
  for (const Annotation& a : existing) {
    if (day_number(a.applied_on) > today - kMaxAnnotationDays && day_number(a.not_after) >= today) ++valid;
  }
  if (valid >= kMaxValidAnnotations) {
    d.refusal = Refusal::kTooManyValid;
    d.message = "90日内同一证书最多可存在3次有效加注 / at most 3 valid annotations may exist within 90 days";
    return d;
  }
  const std::int64_t first = day_number(r.from);
  d.annotation = {r.scenario, r.from, rules::date_of(first + r.days - 1), r.applied_on};
  return d;
}

}  // namespace sealcheck::issuer
