// From placed glyphs to lines a person reads: glyphs grouped by baseline in
// device space, lines top to bottom, glyphs left to right; vertical text
// as columns right to left after the page's horizontal lines. Spaces are
// not glyphs here: a space character, or a gap wider than a fifth of the
// em, marks the next cell as following a space; each cell also keeps the
// width of the gap before it.
#pragma once

#include <string>
#include <vector>

#include "text/content.h"

namespace sealcheck::text {

struct TextCell final {
  std::u32string text;
  double x0 = 0, x1 = 0;  // extent along the line
  double size = 0;
  bool space_before = false;
  double gap = 0;  // the gap before the cell, in ems (0 for the first)
};

struct TextLine final {
  std::vector<TextCell> cells;
  std::size_t page = 0;  // 1-based
  double y = 0;          // baseline (device space, y up); columns: x
  double size = 0;       // largest em on the line
};

std::vector<TextLine> layout_lines(const PageContent& page, std::size_t page_number);

// The line as text: cells joined, one U+0020 where a space was seen, CJK
// radicals folded to the ideographs they stand for (normalize.h).
std::string line_text(const TextLine& line);

}  // namespace sealcheck::text
