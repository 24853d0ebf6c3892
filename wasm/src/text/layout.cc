#include "text/layout.h"

#include <algorithm>
#include <cmath>

#include "text/normalize.h"

namespace sealcheck::text {
namespace {

// Layers of overlapping runs kept apart on one line.
constexpr std::size_t kMaxLayers = 16;

bool is_blank(const std::u32string& t) {
  return std::all_of(t.begin(), t.end(), [](char32_t c) { return is_space_for_matching(c); });
}

// Glyphs drawn twice at one place (fake bold, shadows): keep the first.
std::vector<const PlacedGlyph*> without_overprints(const std::vector<PlacedGlyph>& glyphs, bool vertical) {
  struct Key {
    long long x, y;
    const PlacedGlyph* g;
  };
  std::vector<Key> keys;
  for (const PlacedGlyph& g : glyphs) {
    if (g.vertical != vertical) continue;
    const double q = std::max(g.size * 0.15, 0.5);
    keys.push_back({std::llround(g.x / q), std::llround(g.y / q), &g});
  }
  auto less = [](const Key& a, const Key& b) {
    return a.x != b.x ? a.x < b.x : a.y != b.y ? a.y < b.y : a.g->text != b.g->text ? a.g->text < b.g->text : a.g < b.g;
  };
  std::vector<Key> sorted = keys;
  std::sort(sorted.begin(), sorted.end(), less);
  std::vector<const PlacedGlyph*> drop;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].x == sorted[i - 1].x && sorted[i].y == sorted[i - 1].y && sorted[i].g->text == sorted[i - 1].g->text)
      drop.push_back(sorted[i].g);  // the later one (sorted by address = content order)
  }
  std::sort(drop.begin(), drop.end());
  std::vector<const PlacedGlyph*> out;
  for (const Key& k : keys) {
    if (!std::binary_search(drop.begin(), drop.end(), k.g)) out.push_back(k.g);
  }
  return out;
}

// A glyph's extent along its line: x for horizontal text, downwards for
// vertical text.
double start_of(const PlacedGlyph& g, bool vertical) { return vertical ? -g.y : g.x; }
double end_of(const PlacedGlyph& g, bool vertical) { return start_of(g, vertical) + g.advance; }

// Builds the cells of one line from glyphs sorted along it.
TextLine cells_of(const std::vector<const PlacedGlyph*>& glyphs, bool vertical) {
  TextLine line;
  bool pending_space = false;
  double last_end = 0;
  bool first = true;
  for (const PlacedGlyph* g : glyphs) {
    line.size = std::max(line.size, g->size);
    if (is_blank(g->text)) {
      pending_space = true;
      continue;
    }
    TextCell c;
    c.text = g->text;
    c.x0 = start_of(*g, vertical);
    c.x1 = end_of(*g, vertical);
    c.size = g->size;
    if (!first) {
      const double gap = c.x0 - last_end;
      const double em = std::max(g->size, line.cells.back().size);
      c.space_before = pending_space || gap > 0.2 * em;
      c.gap = std::max(0.0, gap / em);
    }
    pending_space = false;
    first = false;
    last_end = std::max(last_end, c.x1);
    line.cells.push_back(std::move(c));
  }
  return line;
}

}  // namespace

std::vector<TextLine> layout_lines(const PageContent& page, std::size_t page_number) {
  std::vector<TextLine> lines;
  // Horizontal text. Runs first: glyphs shown one after another along one
  // baseline. Runs are then clustered into lines by their vertical centres;
  // a run that overlaps another on its line (a stamp printed over a name)
  // forms a line of its own instead of interleaving with it.
  const std::vector<const PlacedGlyph*> h = without_overprints(page.glyphs, false);
  struct Run {
    std::vector<const PlacedGlyph*> glyphs;
    const PlacedGlyph* last;  // the last glyph that is not a space
    double x0, x1, centre, size;
    std::size_t order;  // in content order
  };
  std::vector<Run> runs;
  for (const PlacedGlyph* g : h) {
    // A space joins the run it is drawn with but neither extends it nor
    // starts one (writers position spaces anywhere along a line).
    if (is_blank(g->text)) {
      if (!runs.empty() && std::abs(g->y - runs.back().glyphs.back()->y) <= 0.2 * g->size)
        runs.back().glyphs.push_back(g);
      continue;
    }
    if (!runs.empty()) {
      Run& r = runs.back();
      const PlacedGlyph* last = r.last;
      const double em = std::max(last->size, g->size);
      const bool same_line = std::abs(g->y - last->y) <= 0.2 * em && g->x >= last->x - 0.1 * em &&
                             g->x <= last->x + last->advance + 3 * em;
      if (same_line) {
        r.glyphs.push_back(g);
        r.last = g;
        r.x1 = std::max(r.x1, g->x + g->advance);
        r.size = std::max(r.size, g->size);
        continue;
      }
    }
    runs.push_back({{g}, g, g->x, g->x + g->advance, g->y + 0.35 * g->size, g->size, runs.size()});
  }
  std::sort(runs.begin(), runs.end(),
            [](const Run& a, const Run& b) { return a.centre != b.centre ? a.centre > b.centre : a.order < b.order; });
  for (std::size_t i = 0; i < runs.size();) {
    std::size_t j = i + 1;
    while (j < runs.size() && runs[i].centre - runs[j].centre <= 0.5 * std::max(runs[i].size, runs[j].size)) ++j;
    std::vector<const Run*> row;
    for (std::size_t k = i; k < j; ++k) row.push_back(&runs[k]);
    std::sort(row.begin(), row.end(),
              [](const Run* a, const Run* b) { return a->x0 != b->x0 ? a->x0 < b->x0 : a < b; });
    std::vector<std::vector<const Run*>> layers;
    for (const Run* r : row) {
      bool placed = false;
      for (auto& layer : layers) {
        if (r->x0 >= layer.back()->x1 - 0.3 * std::min(r->size, layer.back()->size)) {
          layer.push_back(r);
          placed = true;
          break;
        }
      }
      // Text stacked deeper than this is no layout a person reads; the
      // rest joins the last layer (bounded work: a hostile page may stack
      // a hundred thousand runs at one place).
      if (!placed && layers.size() < kMaxLayers) layers.push_back({r});
      if (!placed && layers.size() == kMaxLayers && layers.back().back() != r) layers.back().push_back(r);
    }
    for (const auto& layer : layers) {
      std::vector<const PlacedGlyph*> glyphs;
      for (const Run* r : layer) glyphs.insert(glyphs.end(), r->glyphs.begin(), r->glyphs.end());
      TextLine line = cells_of(glyphs, false);
      line.page = page_number;
      line.y = layer.front()->glyphs.front()->y;
      if (!line.cells.empty()) lines.push_back(std::move(line));
    }
    i = j;
  }
  // Vertical text: columns right to left, each read top to bottom.
  std::vector<const PlacedGlyph*> v = without_overprints(page.glyphs, true);
  std::sort(v.begin(), v.end(),
            [](const PlacedGlyph* a, const PlacedGlyph* b) { return a->x != b->x ? a->x > b->x : a < b; });
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i + 1;
    while (j < v.size() && v[i]->x - v[j]->x <= 0.5 * std::max(v[i]->size, v[j]->size)) ++j;
    std::vector<const PlacedGlyph*> col(v.begin() + static_cast<std::ptrdiff_t>(i),
                                        v.begin() + static_cast<std::ptrdiff_t>(j));
    std::sort(col.begin(), col.end(),
              [](const PlacedGlyph* a, const PlacedGlyph* b) { return a->y != b->y ? a->y > b->y : a < b; });
    TextLine line = cells_of(col, true);
    line.page = page_number;
    line.y = v[i]->x;
    if (!line.cells.empty()) lines.push_back(std::move(line));
    i = j;
  }
  return lines;
}

std::string line_text(const TextLine& line) {
  std::u32string s;
  for (const TextCell& c : line.cells) {
    if (c.space_before && !s.empty()) s.push_back(U' ');
    for (const char32_t ch : c.text) s.push_back(fold_radical(ch));
  }
  return encode_utf8(s);
}

}  // namespace sealcheck::text
