// libFuzzer target: the page content interpreter, the layout into lines and
// the field reader, over a content stream drawn with a fixed set of fonts
// (Identity-H with ToUnicode, UniGB-UCS2-H, GBK-EUC-H, WinAnsi with
// /Differences, Type 3) and a Form XObject that draws itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../native/support/plain_pdf.h"
#include "pdf/document.h"
#include "sealcheck/limits.h"
#include "text/content.h"
#include "text/fields.h"
#include "text/layout.h"
#include "utf8.h"

namespace {

std::string stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

// Resources object 1; the document built once.
const std::vector<std::uint8_t>& resources_pdf() {
  static const std::vector<std::uint8_t> pdf = [] {
    const std::vector<std::string> objects = {
        "<< /Font << /F1 2 0 R /F2 4 0 R /F3 5 0 R /F4 6 0 R /F5 7 0 R >> /XObject << /X1 9 0 R >> >>",
        stream("",
               "1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfrange <0001> <00FF> <4E00> "
               "<0100> <0110> [<59D3> <540D> <2F08> <2EA0>] endbfrange 1 beginbfchar <0200> <003A> endbfchar"),
        "<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 3 0 R /DescendantFonts [8 0 R] >>",
        "<< /Type /Font /Subtype /Type0 /Encoding /UniGB-UCS2-H /DescendantFonts [8 0 R] >>",
        "<< /Type /Font /Subtype /Type0 /Encoding /GBK-EUC-H /DescendantFonts [8 0 R] >>",
        "<< /Type /Font /Subtype /Type1 /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /uni59D3 "
        "/zero /g12] >> /FirstChar 32 /Widths [250 300 400] >>",
        "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 0 /Widths [1000 500] "
        "/ToUnicode 3 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [1 [500 600] 10 20 700] >>",
        stream("/Type /XObject /Subtype /Form /Matrix [1 0 0 1 5 5] /Resources 1 0 R",
               "BT /F1 12 Tf 10 10 Td <00010200> Tj ET /X1 Do"),
    };
    const std::string s = sealcheck::testing::plain_pdf(objects, 0);
    return std::vector<std::uint8_t>(s.begin(), s.end());
  }();
  return pdf;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sealcheck;
  pdf::Document doc = pdf::Document::load(resources_pdf());
  const pdf::Object resources = doc.get(1);
  const text::PageContent page = text::interpret_program(doc, {data, size}, resources, 595, 842, {});
  if (page.glyphs.size() > limits::kMaxPageGlyphs) __builtin_trap();
  const std::vector<text::TextLine> lines = text::layout_lines(page, 1);
  for (const text::TextLine& l : lines) {
    if (!utf8_valid(text::line_text(l))) __builtin_trap();
  }
  const text::PageFields fields = text::read_fields(lines);
  for (const auto& v : fields.values) {
    if (v && !utf8_valid(v->display)) __builtin_trap();
  }
  return 0;
}
