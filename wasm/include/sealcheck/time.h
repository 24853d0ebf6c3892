// Times in this domain are Beijing time (UTC+8). Parsing and printing live
// here so every layer agrees on the day boundaries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sealcheck {

inline constexpr int kBeijingOffsetSeconds = 8 * 3600;
// Two clocks, or two statements of one time, this close agree: the slack
// every comparison of a seal's time with another time allows.
inline constexpr std::int64_t kClockToleranceSeconds = 300;

// Parses ISO 8601: "2025-03-19" (00:00:00 that day, UTC+8),
// "2025-03-19T23:59:59+08:00", "...Z", "...T12:00:00" (UTC+8 assumed).
// Returns Unix seconds, or nullopt if the text is not such a time.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// A PDF date (ISO 32000-1 7.9.4): "D:YYYY[MM[DD[HH[mm[SS[O[HH'[mm[']]]]]]]]]",
// O one of + - Z. The "D:" prefix may be missing (writers omit it). A date
// without a zone is taken as Beijing time and says so in `zoned`.
struct PdfDate final {
  std::int64_t unix_seconds = 0;
  bool zoned = false;
};
std::optional<PdfDate> parse_pdf_date(std::string_view text);

// "2025-03-19T23:59:59+08:00".
std::string format_beijing(std::int64_t unix_seconds);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept;

}  // namespace sealcheck
