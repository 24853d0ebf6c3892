#include "pdf/lexer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

Token first(std::string_view text) {
  Lexer lexer({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  return lexer.next();
}

TEST(Lexer, RealsAreTheNearestDoubleAsTheCLibraryReadsThem) {
  // Up to 19 significant digits and 22 decimals the lexer's own reading is
  // exactly strtod's (one correctly rounded division); further digits are
  // dropped, which only moves the last bits.
  for (const char* text : {"0.5", "-12.75", "595.276", "0.000001", ".5", "5.", "+3.14159265358979", "-.002", "841.8898",
                           "1234567890123456789.5", "0.1234567890123456789", "72.00", "-0.0"}) {
    const Token t = first(text);
    ASSERT_EQ(t.type, TokenType::kReal) << text;
    EXPECT_EQ(t.real, std::strtod(text, nullptr)) << text;
  }
  const Token longer = first("3.14159265358979323846264338327950288");
  ASSERT_EQ(longer.type, TokenType::kReal);
  EXPECT_NEAR(longer.real, 3.14159265358979323846, 1e-15);
  const Token big = first("123456789012345678901234567890.5");
  ASSERT_EQ(big.type, TokenType::kReal);
  EXPECT_NEAR(big.real / 1.2345678901234568e29, 1.0, 1e-15);
}

TEST(Lexer, HexStringsSkipWhiteSpaceAndPadAnOddDigit) {
  const Token t = first("<48 65\n6C\t6c6F4> rest");
  ASSERT_EQ(t.type, TokenType::kHexString);
  EXPECT_EQ(t.text, "Hello@");
  EXPECT_EQ(t.begin, 0u);
  EXPECT_EQ(t.end, std::string_view("<48 65\n6C\t6c6F4>").size());
}

TEST(Lexer, EmptyAndWhiteSpaceOnlyHexStrings) {
  EXPECT_EQ(first("<>").type, TokenType::kHexString);
  EXPECT_EQ(first("<>").text, "");
  EXPECT_EQ(first("<  \r\n>").text, "");
}

TEST(Lexer, AHexStringContinuesAfterItsToken) {
  std::string_view text = "<4142> <43>";
  Lexer lexer({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  EXPECT_EQ(lexer.next().text, "AB");
  const Token second = lexer.next();
  EXPECT_EQ(second.type, TokenType::kHexString);
  EXPECT_EQ(second.text, "C");
  EXPECT_EQ(lexer.next().type, TokenType::kEof);
}

TEST(Lexer, BadOrUnterminatedHexStringsAreErrors) {
  EXPECT_EQ(first("<41G2>").type, TokenType::kError);
  EXPECT_EQ(first("<41G2>").text, "bad hex digit");
  EXPECT_EQ(first("<4142").type, TokenType::kError);
  EXPECT_EQ(first("<4142").text, "unterminated hex string");
  // '>' ends the string: a following "<<" is not part of it.
  EXPECT_EQ(first("<41>>").text, "A");
}

TEST(Lexer, HexStringsAreBoundedByTheStringLimit) {
  const std::size_t limit = limits::kMaxStringBytes;
  std::string at_limit = "<" + std::string(2 * limit, 'a') + ">";
  const Token ok = first(at_limit);
  ASSERT_EQ(ok.type, TokenType::kHexString);
  EXPECT_EQ(ok.text.size(), limit);
  EXPECT_EQ(first("<" + std::string(2 * limit + 1, 'a') + ">").text, "string too long");
  EXPECT_EQ(first("<" + std::string(2 * limit + 2, 'a') + ">").text, "string too long");
  // White space does not count towards the limit.
  EXPECT_EQ(first("<" + std::string(2 * limit, ' ') + "41>").text, "A");
}

}  // namespace
}  // namespace sealcheck::pdf
