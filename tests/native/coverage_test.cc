// The /ByteRange rules on hand-made buffers: each case is a way to leave
// bytes unsigned or to smuggle them past the signature.
#include "coverage.h"

#include <gtest/gtest.h>

#include <string>

namespace sealcheck {
namespace {

struct Doc {
  std::string bytes;
  std::size_t gap_start, gap_end, decl;
};

// "%PDF-1.7\n<< /ByteRange [..] /Contents <hex> >>\ntrailer\n%%EOF\n"
Doc make(const std::string& hex = "3082abcd", const std::string& tail = "\ntrailer\n%%EOF\n") {
  Doc d;
  d.bytes = "%PDF-1.7\n<< /ByteRange [0 0 0 0] /Contents ";
  d.decl = d.bytes.find("/ByteRange");
  d.gap_start = d.bytes.size();
  d.bytes += "<" + hex + ">";
  d.gap_end = d.bytes.size();
  d.bytes += " >>" + tail;
  return d;
}

Coverage grade(const Doc& d, std::vector<std::int64_t> br) {
  return grade_coverage({reinterpret_cast<const std::uint8_t*>(d.bytes.data()), d.bytes.size()}, br, d.decl);
}

std::vector<std::int64_t> exact(const Doc& d) {
  return {0, static_cast<std::int64_t>(d.gap_start), static_cast<std::int64_t>(d.gap_end),
          static_cast<std::int64_t>(d.bytes.size() - d.gap_end)};
}

TEST(Coverage, EntireFile) {
  const Doc d = make();
  const Coverage c = grade(d, exact(d));
  EXPECT_EQ(c.level, CoverageLevel::kEntireFile);
  EXPECT_EQ(c.code, Code::kCoverageEntireFile);
  EXPECT_EQ(c.contents, (std::vector<std::uint8_t>{0x30, 0x82, 0xab, 0xcd}));
}

TEST(Coverage, TrailingEndOfLineIsTolerated) {
  Doc d = make();
  const auto br = exact(d);
  d.bytes += "\r\n";
  EXPECT_EQ(grade(d, br).level, CoverageLevel::kEntireFile);
}

TEST(Coverage, AppendedBytesAreUncovered) {
  Doc d = make();
  const auto br = exact(d);
  d.bytes += "1 0 obj\n<< >>\nendobj\n";
  EXPECT_EQ(grade(d, br).level, CoverageLevel::kTailUncovered);
  Doc e = make();
  e.bytes += "\n\n\n";  // more than one end-of-line
  EXPECT_EQ(grade(e, exact(make())).code, Code::kTailUncovered);
}

TEST(Coverage, SecondRangeShortOfTheEnd) {
  const Doc d = make();
  auto br = exact(d);
  br[3] -= 5;
  EXPECT_EQ(grade(d, br).code, Code::kTailUncovered);
}

TEST(Coverage, MalformedRanges) {
  const Doc d = make();
  const auto ok = exact(d);
  const std::int64_t size = static_cast<std::int64_t>(d.bytes.size());
  const std::vector<std::vector<std::int64_t>> bad = {
      {},                                  // missing
      {0, ok[1], ok[2]},                   // three numbers
      {0, ok[1], ok[2], ok[3], 0},         // five
      {1, ok[1], ok[2], ok[3]},            // does not start at 0
      {0, 0, ok[2], ok[3]},                // empty first range
      {0, ok[1], ok[1], ok[3]},            // no gap
      {0, ok[2], ok[1], ok[3]},            // reversed
      {0, ok[1], ok[2], -1},               // negative
      {0, ok[1], ok[2], size},             // beyond the end of the file
      {0, -ok[1], ok[2], ok[3]},
  };
  for (const auto& br : bad) EXPECT_EQ(grade(d, br).code, Code::kByteRangeMalformed);
}

TEST(Coverage, GapMustBeExactlyTheContentsString) {
  const Doc d = make();
  auto br = exact(d);
  br[1] -= 1;  // gap swallows the space before '<'
  EXPECT_EQ(grade(d, br).code, Code::kGapNotContents);
  br = exact(d);
  br[2] += 1;  // gap swallows the space after '>'
  br[3] -= 1;
  EXPECT_EQ(grade(d, br).code, Code::kGapNotContents);
  // A gap elsewhere (over the /ByteRange value) is not /Contents.
  const std::int64_t s = static_cast<std::int64_t>(d.bytes.find('['));
  const std::int64_t e = static_cast<std::int64_t>(d.bytes.find(']')) + 1;
  EXPECT_NE(grade(d, {0, s, e, static_cast<std::int64_t>(d.bytes.size()) - e}).level, CoverageLevel::kEntireFile);
}

TEST(Coverage, NonHexOrOddContents) {
  EXPECT_EQ(grade(make("30zz"), exact(make("30zz"))).code, Code::kGapNotContents);
  EXPECT_EQ(grade(make("308"), exact(make("308"))).code, Code::kGapNotContents);
}

TEST(Coverage, EmptyOrZeroContents) {
  EXPECT_EQ(grade(make(""), exact(make(""))).code, Code::kContentsMalformed);
  EXPECT_EQ(grade(make("0000"), exact(make("0000"))).code, Code::kContentsMalformed);
}

TEST(Coverage, DeclarationMustBeSigned) {
  Doc d = make();
  d.decl = d.gap_end + 1;  // pretend /ByteRange sat after the gap, unsigned
  auto br = exact(d);
  br[3] = 0;               // second range covers nothing
  EXPECT_EQ(grade(d, br).code, Code::kSignatureNotSigned);
}

}  // namespace
}  // namespace sealcheck
