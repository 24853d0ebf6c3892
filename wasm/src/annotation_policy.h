// The 加注 rules of DOMAIN.md applied to one certificate at the validation
// time: who needs an annotation, known scenarios, the 90-day window, and
// UTC+8 day boundaries.
#pragma once

#include <cstdint>
#include <string>

#include "sealcheck/certificate.h"
#include "sealcheck/codes.h"

namespace sealcheck {

// Annotation is mandatory for certificates issued on or after this day.
inline constexpr std::string_view kAnnotationRequiredFrom = "2021-12-17";
inline constexpr int kMaxAnnotationDays = 90;

// Scenarios offered today; add new ones here (and their messages).
bool is_known_scenario(std::string_view scenario);

struct AnnotationOutcome final {
  Code code;
  std::string detail;
  std::int64_t days_remaining = -1;  // whole UTC+8 days left including today, when valid
};

AnnotationOutcome evaluate_annotation(const CertificateDocument& doc, std::int64_t validation_time);

}  // namespace sealcheck
