// The issuer's side of 加注 (DOMAIN.md): what an application may ask for.
// Pure functions over the certificate's existing annotations, so every
// refusal is unit-tested without a database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sealcheck/certificate.h"
#include "sealcheck/domain_rules.h"

namespace sealcheck::issuer {

struct AnnotationRequest final {
  std::string scenario;
  std::string from;        // YYYY-MM-DD, first day in force (UTC+8)
  int days = 0;            // 1..90, counting the first day
  std::string applied_on;  // YYYY-MM-DD, the application day (UTC+8)
};

enum class Refusal { kNone, kUnknownScenario, kBadDays, kBadStart, kTooManyValid };

struct Decision final {
  Refusal refusal = Refusal::kNone;
  std::string message;    // bilingual explanation when refused
  Annotation annotation;  // the window granted when not refused
};

Decision decide_annotation(const std::vector<Annotation>& existing, const AnnotationRequest& request);

}  // namespace sealcheck::issuer
