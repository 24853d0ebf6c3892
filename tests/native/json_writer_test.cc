#include "json_writer.h"
#include "sealcheck/json.h"

#include <gtest/gtest.h>

namespace sealcheck {
namespace {

std::string str(std::string_view v) {
  JsonWriter w;
  w.string(v);
  return std::move(w).take();
}

TEST(JsonWriter, EscapesQuotesControlsAndBackslashes) { EXPECT_EQ(str("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")"); }

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalid) {
  EXPECT_EQ(str("专用章"), "\"专用章\"");
  EXPECT_EQ(str("\xff"), "\"\xef\xbf\xbd\"");
  EXPECT_EQ(str("\xe4\xb8"), "\"\xef\xbf\xbd\xef\xbf\xbd\"");                  // truncated sequence
  EXPECT_EQ(str("\xed\xa0\x80"), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");  // surrogate
  EXPECT_EQ(str("\xc0\xaf"), "\"\xef\xbf\xbd\xef\xbf\xbd\"");                  // overlong
}

TEST(JsonWriter, NestsWithCommas) {
  JsonWriter w;
  w.begin_object();
  w.key("a").begin_array().number(1).number(2).end_array();
  w.key("b").boolean(true);
  w.key("c").begin_object().end_object();
  w.end_object();
  EXPECT_EQ(std::move(w).take(), R"({"a":[1,2],"b":true,"c":{}})");
}

}  // namespace
}  // namespace sealcheck

// The reader's numbers (parsed without strtod, see json_reader.cc): exact
// for integers, close for the rest, bounded for the absurd.
namespace sealcheck {
namespace {

double number(std::string_view text) {
  std::string error;
  const auto v = json::parse(text, &error);
  EXPECT_TRUE(v.has_value()) << text << ": " << error;
  return v && v->as_number() ? *v->as_number() : -12345.0;
}

TEST(JsonReader, Numbers) {
  EXPECT_EQ(number("0"), 0.0);
  EXPECT_EQ(number("-0"), 0.0);
  EXPECT_EQ(number("42"), 42.0);
  EXPECT_EQ(number("-1763683200"), -1763683200.0);
  EXPECT_EQ(number("9007199254740993"), 9007199254740992.0);  // nearest double
  EXPECT_EQ(number("1.5e2"), 150.0);
  EXPECT_EQ(number("25E-2"), 0.25);
  EXPECT_DOUBLE_EQ(number("-0.001"), -0.001);
  EXPECT_DOUBLE_EQ(number("12345678901234567890123"), 1.2345678901234568e22);
  EXPECT_EQ(number("1e-100000"), 0.0);
  EXPECT_FALSE(json::parse("1e400").has_value());  // out of range
  EXPECT_FALSE(json::parse("01").has_value());
  EXPECT_FALSE(json::parse("1.").has_value());
  EXPECT_FALSE(json::parse("-").has_value());
  EXPECT_FALSE(json::parse("1e").has_value());
}

}  // namespace
}  // namespace sealcheck
