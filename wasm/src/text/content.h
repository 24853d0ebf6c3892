// The page content interpreter: runs a page's content streams (and the Form
// XObjects they draw, to a bounded depth) far enough to know where each
// glyph lands in device space and what text it stands for. Only the text
// operators and the graphics state that moves text are interpreted; paths
// and images are only counted. Bounded by limits.h: operators, glyphs,
// decoded content bytes and nesting; a page over a limit is reported as
// such (its text is not used), never read in part as if it were whole.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pdf/document.h"
#include "text/fonts.h"

namespace sealcheck::text {

// One shown glyph. Device space: the page as displayed (crop box origin,
// /Rotate applied), y up, in points.
struct PlacedGlyph final {
  std::u32string text;  // U+FFFD: a code no table maps to text
  double x = 0, y = 0;  // origin on the baseline
  double advance = 0;   // along the baseline
  double size = 0;      // the em's height
  bool vertical = false;
};

struct PageContent final {
  std::vector<PlacedGlyph> glyphs;  // visible and upright (or vertical), in content order
  std::size_t hidden = 0;           // invisible: render mode 3/7, hidden layer, outside the crop box, too small
  std::size_t rotated = 0;          // upright neither horizontally nor vertically (watermarks)
  std::size_t unmapped = 0;         // glyphs shown as U+FFFD
  std::size_t images = 0;           // image XObjects and inline images drawn
  std::size_t paths = 0;            // paths filled or stroked (text drawn as outlines is only these)
  bool needs_gbk = false;           // GBK text met without the GBK table
  std::string limit;                // non-empty: the limit the page exceeded
  double width = 0, height = 0;     // the crop box as displayed
};

// Interprets page `page` (a page dictionary object).
PageContent interpret_page(pdf::Document& doc, const pdf::Object& page, const Tables& tables);

// Interprets a content stream program directly, with the given resources
// (for tests and the fuzzer): a page of width x height points.
PageContent interpret_program(pdf::Document& doc, std::span<const std::uint8_t> program, const pdf::Object& resources,
                              double width, double height, const Tables& tables);

}  // namespace sealcheck::text
