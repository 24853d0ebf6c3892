#include "pdf/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

Token first(std::string_view text) {
  Lexer lexer({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  return lexer.next();
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
