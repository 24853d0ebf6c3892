#include "sealcheck/time.h"

#include <gtest/gtest.h>

namespace sealcheck {
namespace {

// 2025-03-19T00:00:00+08:00 == 2025-03-18T16:00:00Z
constexpr std::int64_t k20250319Beijing = 1742313600;

TEST(Time, BareDateIsMidnightBeijing) { EXPECT_EQ(parse_iso8601("2025-03-19"), k20250319Beijing); }

TEST(Time, ExplicitOffsetsAndZulu) {
  EXPECT_EQ(parse_iso8601("2025-03-19T23:59:59+08:00"), k20250319Beijing + 86399);
  EXPECT_EQ(parse_iso8601("2025-03-18T16:00:00Z"), k20250319Beijing);
  EXPECT_EQ(parse_iso8601("2025-03-18T11:00:00-05:00"), k20250319Beijing);
  EXPECT_EQ(parse_iso8601("2025-03-19T08:30"), k20250319Beijing + 8 * 3600 + 30 * 60);
}

TEST(Time, RejectsNonsense) {
  for (const char* bad : {"", "2025", "2025-3-19", "2025-02-29", "2024-13-01", "2025-03-19T24:00:00",
                          "2025-03-19T12:00:00+8", "2025-03-19X", "2025-03-19T12:00:00+08:00junk", "１９９９-01-01"}) {
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
  }
  EXPECT_TRUE(parse_iso8601("2024-02-29").has_value());
}

TEST(Time, FormatsInBeijingTime) {
  EXPECT_EQ(format_beijing(k20250319Beijing), "2025-03-19T00:00:00+08:00");
  EXPECT_EQ(format_beijing(k20250319Beijing - 1), "2025-03-18T23:59:59+08:00");
  EXPECT_EQ(format_beijing(0), "1970-01-01T08:00:00+08:00");
}

TEST(Time, RoundTrip) {
  for (std::int64_t t = -86400 * 400; t < 86400LL * 365 * 200; t += 86400 * 37 + 3607) {
    EXPECT_EQ(parse_iso8601(format_beijing(t)), t);
  }
}

}  // namespace
}  // namespace sealcheck
