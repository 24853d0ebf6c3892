#include "json_writer.h"

#include <gtest/gtest.h>

namespace sealcheck {
namespace {

std::string str(std::string_view v) {
  JsonWriter w;
  w.string(v);
  return std::move(w).take();
}

TEST(JsonWriter, EscapesQuotesControlsAndBackslashes) {
  EXPECT_EQ(str("a\"b\\c\n\t\x01"), R"("a\"b\\c\n\t\u0001")");
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalid) {
  EXPECT_EQ(str("专用章"), "\"专用章\"");
  EXPECT_EQ(str("\xff"), "\"\xef\xbf\xbd\"");
  EXPECT_EQ(str("\xe4\xb8"), "\"\xef\xbf\xbd\xef\xbf\xbd\"");          // truncated sequence
  EXPECT_EQ(str("\xed\xa0\x80"), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");  // surrogate
  EXPECT_EQ(str("\xc0\xaf"), "\"\xef\xbf\xbd\xef\xbf\xbd\"");          // overlong
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
