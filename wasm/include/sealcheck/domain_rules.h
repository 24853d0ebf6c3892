// The 加注 rules of DOMAIN.md, stated once: the verifier judges with them and
// the issuer refuses with them. Every rule that depends on *when* speaks of
// the e-certificate's production (制发), which is when its seal was applied:
// the seal's signing time, never the qualification's own dates.
//
// Days are Beijing days (UTC+8), numbered from 1970-01-01; a day holds from
// 00:00:00 through 23:59:59 +08:00. Negative times floor (the day before
// 1970-01-01 is -1), so every caller agrees at every boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sealcheck/certificate.h"
#include "sealcheck/codes.h"

namespace sealcheck::rules {

// E-certificates sealed from this Beijing day on are usable only when
// annotated; the ministry's seal is in use from the same day.
inline constexpr std::string_view kAnnotationRequiredFrom = "2021-12-17";
inline constexpr std::string_view kMinistrySealFrom = kAnnotationRequiredFrom;
// One annotation lasts at most this many days, its first day counted.
inline constexpr int kMaxAnnotationDays = 90;
// Counting back 90 days from an application day, at most this many
// annotations may be valid at once (issuer side: a verifier sees one file).
inline constexpr int kMaxValidAnnotations = 3;
// How certificates name the ministry (中华人民共和国人力资源和社会保障部).
inline constexpr std::string_view kMinistryName = "人力资源和社会保障部";

// The Beijing day a Unix time falls on.
std::int64_t beijing_day(std::int64_t unix_seconds) noexcept;
// The Beijing day of "YYYY-MM-DD"; nullopt if it is not a calendar date.
std::optional<std::int64_t> day_of(std::string_view date);
// "YYYY-MM-DD" of a Beijing day.
std::string date_of(std::int64_t day);

// True when the issuing body is the ministry (its certificates always need
// an annotation: its seal is only used from kMinistrySealFrom).
bool is_ministry(std::string_view issuing_body);

// Scenarios offered today; add new ones here (and their messages).
bool is_known_scenario(std::string_view scenario);

// Does this certificate, sealed at sealed_at, need an annotation?
enum class AnnotationNeed {
  kRequired,         // sealed on or after kAnnotationRequiredFrom, or the ministry's
  kExempt,           // an association's, society's or designated body's, sealed before it
  kSealTimeUnknown,  // would be exempt if sealed before it, but the seal states no time
};
AnnotationNeed annotation_need(const CertificateData& certificate, std::optional<std::int64_t> sealed_at);

struct AnnotationOutcome final {
  Code code;
  std::string detail;
  std::int64_t days_remaining = -1;  // whole UTC+8 days left including today, when valid
};

// The 加注 rules for one certificate sealed at sealed_at (nullopt: the seal
// states no time), judged at validation_time. In order: the file's own
// times must agree (a seal never predates the qualification's issue date or
// its annotation's application day); then who needs an annotation; then
// the scenario, the 90-day window and today's place in it.
AnnotationOutcome evaluate_annotation(const CertificateDocument& doc, std::optional<std::int64_t> sealed_at,
                                      std::int64_t validation_time);

// The issuer's side of the consistency rule: may a certificate with this
// issue date be sealed at this time? (Never before its issue date.)
bool may_seal_at(const CertificateData& certificate, std::int64_t sealed_at);

}  // namespace sealcheck::rules
