// The /ByteRange rules on hand-made PDFs, read through the real parser:
// each case is a way to leave bytes unsigned or to smuggle them past the
// signature.
#include "coverage.h"

#include <gtest/gtest.h>

#include "pdf/document.h"
#include "pdf/signatures.h"
#include "support/mini_pdf.h"

namespace sealcheck {
namespace {

using testing::MiniPdf;

Coverage grade(const MiniPdf& m) {
  pdf::Document doc = pdf::Document::load(m.span());
  const pdf::Discovery found = pdf::find_signatures(doc);
  EXPECT_EQ(found.signatures.size(), 1u);
  if (found.signatures.empty()) return {};
  // Copy: the coverage points into the field's contents.
  static pdf::SignatureField keep;
  keep = found.signatures.front();
  return grade_coverage(m.span(), keep);
}

TEST(Coverage, EntireFile) {
  const MiniPdf m = MiniPdf::make();
  const Coverage c = grade(m);
  EXPECT_EQ(c.level, CoverageLevel::kEntireFile);
  EXPECT_EQ(c.code, Code::kCoverageEntireFile);
  EXPECT_EQ(std::vector<std::uint8_t>(c.contents.begin(), c.contents.end()),
            (std::vector<std::uint8_t>{0x30, 0x82, 0xab, 0xcd}));
}

TEST(Coverage, OneTrailingEndOfLineIsTolerated) {
  MiniPdf m = MiniPdf::make();
  m.bytes += "\r\n";
  EXPECT_EQ(grade(m).level, CoverageLevel::kEntireFile);
}

TEST(Coverage, AppendedBytesAreUncovered) {
  MiniPdf m = MiniPdf::make();
  m.bytes += "5 0 obj\n<< >>\nendobj\n";
  EXPECT_EQ(grade(m).code, Code::kTailUncovered);
  MiniPdf e = MiniPdf::make();
  e.bytes += "\n\n\n";  // more than one end of line
  EXPECT_EQ(grade(e).code, Code::kTailUncovered);
}

TEST(Coverage, SecondRangeShortOfTheEnd) {
  MiniPdf m = MiniPdf::make();
  auto br = m.exact();
  br[3] -= 5;
  m.set_range(br);
  EXPECT_EQ(grade(m).code, Code::kTailUncovered);
}

TEST(Coverage, MalformedRanges) {
  const MiniPdf base = MiniPdf::make();
  const auto ok = base.exact();
  const std::int64_t size = static_cast<std::int64_t>(base.bytes.size());
  const std::vector<std::string> bad = {
      "null",
      "[]",
      "5 0 R",
      "(0 1 2 3)",
      "[0 1.5 2 3]",
      "[0 " + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + "]",
      "[0 " + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + " " + std::to_string(ok[3]) + " 0]",
      "[1 " + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + " " + std::to_string(ok[3]) + "]",
      "[0 0 " + std::to_string(ok[2]) + " " + std::to_string(ok[3]) + "]",
      "[0 " + std::to_string(ok[1]) + " " + std::to_string(ok[1]) + " " + std::to_string(ok[3]) + "]",
      "[0 " + std::to_string(ok[2]) + " " + std::to_string(ok[1]) + " " + std::to_string(ok[3]) + "]",
      "[0 " + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + " -1]",
      "[0 " + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + " " + std::to_string(size) + "]",
      "[0 -" + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + " " + std::to_string(ok[3]) + "]",
      "[0 " + std::to_string(ok[1]) + " " + std::to_string(ok[2]) + " 9999999999999999]",
  };
  for (const auto& text : bad) {
    MiniPdf m = base;
    m.set_range_text(text);
    EXPECT_EQ(grade(m).code, Code::kByteRangeMalformed) << text;
  }
}

TEST(Coverage, MissingByteRange) {
  MiniPdf m = MiniPdf::make("<3082abcd>", "/Type /Sig ");
  m.bytes.replace(m.bytes.find("/ByteRange"), 10, "/NoRange  ");
  // Still found (/Type /Sig) but without a range.
  EXPECT_EQ(grade(m).code, Code::kByteRangeMalformed);
}

TEST(Coverage, GapMustBeExactlyTheContentsString) {
  MiniPdf m = MiniPdf::make();
  auto br = m.exact();
  br[1] -= 1;  // the gap swallows the space before '<'
  m.set_range(br);
  EXPECT_EQ(grade(m).code, Code::kGapNotContents);
  m = MiniPdf::make();
  br = m.exact();
  br[2] += 1;  // ... or the space after '>'
  br[3] -= 1;
  m.set_range(br);
  EXPECT_EQ(grade(m).code, Code::kGapNotContents);
  // A gap over the /ByteRange value itself (the wrapping attack's new range).
  m = MiniPdf::make();
  const auto s = static_cast<std::int64_t>(m.range_pos);
  const auto e = s + static_cast<std::int64_t>(MiniPdf::kRangeWidth);
  m.set_range({0, s, e, static_cast<std::int64_t>(m.bytes.size()) - e});
  EXPECT_NE(grade(m).level, CoverageLevel::kEntireFile);
}

TEST(Coverage, ContentsMustBeNonZeroHex) {
  EXPECT_EQ(grade(MiniPdf::make("<>")).code, Code::kContentsMalformed);
  EXPECT_EQ(grade(MiniPdf::make("<00000000>")).code, Code::kContentsMalformed);
  EXPECT_EQ(grade(MiniPdf::make("(0\\202)")).code, Code::kContentsMalformed);
  EXPECT_EQ(grade(MiniPdf::make("null")).code, Code::kContentsMalformed);
}

TEST(Coverage, DeclarationMustBeSigned) {
  MiniPdf m = MiniPdf::make();
  auto br = m.exact();
  br[3] = 0;  // the second range covers nothing: " >>" after the gap is unsigned
  m.set_range(br);
  EXPECT_EQ(grade(m).code, Code::kSignatureNotSigned);
}

}  // namespace
}  // namespace sealcheck
