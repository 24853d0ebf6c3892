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

TEST(Time, PdfDates) {
  // 2025-03-19T00:00:00+08:00 in every spelling writers use.
  for (const char* text :
       {"D:20250319000000+08'00'", "D:20250319000000+08'00", "D:20250319000000+0800", "D:20250318160000Z",
        "D:20250318160000Z00'00'", "20250319000000+08'00'", "D:20250318110000-05'00'"}) {
    const auto d = parse_pdf_date(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(d->unix_seconds, k20250319Beijing) << text;
    EXPECT_TRUE(d->zoned) << text;
  }
  // Without a zone: Beijing time, and said so; missing fields default.
  const auto local = parse_pdf_date("D:20250319");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->unix_seconds, k20250319Beijing);
  EXPECT_FALSE(local->zoned);
  EXPECT_EQ(parse_pdf_date("D:2025")->unix_seconds, *parse_iso8601("2025-01-01"));
  for (const char* bad :
       {"", "D:", "D:20251319", "D:20250230", "D:2025031", "D:20250319246000", "D:20250319000000+15'00'",
        "D:20250319000000+08'00'x", "D:20250319000000X", "D:20250319000000Z05'00'", "yesterday"}) {
    EXPECT_FALSE(parse_pdf_date(bad)) << bad;
  }
}

}  // namespace
}  // namespace sealcheck
