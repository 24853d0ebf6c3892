#include "text/content.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "pdf/lexer.h"
#include "sealcheck/limits.h"
#include "text/pdf_access.h"

namespace sealcheck::text {
namespace {

using pdf::Token;
using pdf::TokenType;

struct Matrix {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};

// x * y (row vectors, as PDF writes them: x applies first).
Matrix mul(const Matrix& x, const Matrix& y) {
  return {x.a * y.a + x.b * y.c, x.a * y.b + x.b * y.d,       x.c * y.a + x.d * y.c,
          x.c * y.b + x.d * y.d, x.e * y.a + x.f * y.c + y.e, x.e * y.b + x.f * y.d + y.f};
}

struct Operand {
  enum class Kind { kNumber, kName, kString, kArray, kOther } kind = Kind::kOther;
  double number = 0;
  std::string text;
  std::vector<Operand> items;
};

struct GState {
  Matrix ctm;
  double tc = 0, tw = 0, th = 1, tl = 0, ts = 0, fs = 0;
  int tr = 0;
  std::shared_ptr<const Font> font;
};

bool finite(double v) { return std::isfinite(v) && std::abs(v) < 1e9; }

class Interpreter {
 public:
  Interpreter(pdf::Document& doc, const Tables& tables, PageContent& out, Matrix base)
      : m_doc(doc), m_tables(tables), m_out(out), m_base(base) {}

  void run(std::span<const std::uint8_t> program, const pdf::Object& resources, GState gs, int depth);

 private:
  bool read_operand(pdf::Lexer& lx, Token t, Operand& out, int depth);
  void show(const std::string& bytes, GState& gs);
  void adjust(double amount, const GState& gs);
  std::shared_ptr<const Font> font(const pdf::Object& resources, const std::string& name);
  void draw_xobject(const pdf::Object& resources, const std::string& name, const GState& gs, int depth);

 public:
  // An annotation's normal appearance, drawn where its /Rect says (ISO
  // 32000-1 12.5.5): a filled-in form field shows its value this way.
  void draw_appearance(const pdf::Object& form, const double rect[4]);

 private:
  void skip_inline_image(pdf::Lexer& lx);
  // A form's /Matrix: identity when absent or not six finite numbers.
  Matrix form_matrix(const pdf::Dict& form);
  // A page's fonts share one budget of CMap mappings: each CMap is bounded,
  // and so is their sum (thousands of fonts could each bring a large one).
  std::shared_ptr<const Font> charge(std::shared_ptr<const Font> f) {
    m_cmap_codes += f->cmap_size();
    if (m_cmap_codes > limits::kMaxCMapCodesPerPage) {
      over("CMap mappings per page");
      return nullptr;
    }
    return f;
  }
  void over(const char* what) {
    if (m_out.limit.empty()) m_out.limit = what;
  }

  pdf::Document& m_doc;
  const Tables& m_tables;
  PageContent& m_out;
  Matrix m_base;
  Matrix m_tm, m_tlm;
  std::size_t m_operators = 0;
  std::size_t m_content_bytes = 0;
  std::size_t m_cmap_codes = 0;
  int m_hidden = 0;  // depth of hidden marked content
  // The glyph last shown, for text set along a curve (show()).
  bool m_last_rotated = false, m_curve_candidate = false;
  double m_rotated_x = 0, m_rotated_y = 0, m_rotated_size = 0;
  std::vector<bool> m_marked;
  std::unordered_map<std::uint32_t, std::shared_ptr<const Font>> m_fonts;
  std::vector<std::uint32_t> m_forms;  // Form XObjects being drawn (recursion)
};

bool Interpreter::read_operand(pdf::Lexer& lx, Token t, Operand& out, int depth) {
  switch (t.type) {
    case TokenType::kInteger: out = {Operand::Kind::kNumber, static_cast<double>(t.integer), {}, {}}; return true;
    case TokenType::kReal: out = {Operand::Kind::kNumber, t.real, {}, {}}; return true;
    case TokenType::kName: out = {Operand::Kind::kName, 0, std::move(t.text), {}}; return true;
    case TokenType::kString:
    case TokenType::kHexString: out = {Operand::Kind::kString, 0, std::move(t.text), {}}; return true;
    case TokenType::kArrayOpen: {
      out = {Operand::Kind::kArray, 0, {}, {}};
      for (;;) {
        Token e = lx.next();
        if (e.type == TokenType::kArrayClose || e.type == TokenType::kEof) return true;
        if (e.type == TokenType::kKeyword) continue;  // stray keyword inside an array: ignored, as viewers do
        Operand item;
        if (depth >= 4 || out.items.size() >= limits::kMaxContainerItems) return false;
        if (read_operand(lx, std::move(e), item, depth + 1)) out.items.push_back(std::move(item));
      }
    }
    case TokenType::kDictOpen: {
      // Inline property lists: only their presence matters here.
      int open = 1;
      while (open > 0) {
        Token e = lx.next();
        if (e.type == TokenType::kEof) break;
        if (e.type == TokenType::kDictOpen) ++open;
        if (e.type == TokenType::kDictClose) --open;
      }
      out = {};
      return true;
    }
    default: out = {}; return true;
  }
}

Matrix Interpreter::form_matrix(const pdf::Dict& form) {
  const pdf::Object matrix = get(m_doc, form, "Matrix");
  const pdf::Array* a = matrix.as_array();
  if (a == nullptr || a->size() != 6) return {};
  double v[6];
  for (int i = 0; i < 6; ++i) {
    const auto n = number_of(m_doc.resolve((*a)[i]));
    if (!n || !finite(*n)) return {};
    v[i] = *n;
  }
  return {v[0], v[1], v[2], v[3], v[4], v[5]};
}

void Interpreter::skip_inline_image(pdf::Lexer& lx) {
  // BI <key value ...> ID <data> EI: the data ends at "EI" after white space.
  for (;;) {
    Token t = lx.next();
    if (t.type == TokenType::kEof) return;
    if (t.type == TokenType::kKeyword && t.text == "ID") break;
  }
  const auto data = lx.data();
  std::size_t p = lx.position() + 1;
  while (p + 1 < data.size()) {
    if (data[p] == 'E' && data[p + 1] == 'I' && pdf::is_pdf_whitespace(data[p - 1]) &&
        (p + 2 == data.size() || pdf::is_pdf_whitespace(data[p + 2]) || pdf::is_pdf_delimiter(data[p + 2]))) {
      lx.seek(p + 2);
      return;
    }
    ++p;
  }
  lx.seek(data.size());
}

std::shared_ptr<const Font> Interpreter::font(const pdf::Object& resources, const std::string& name) {
  const pdf::Dict* rd = resources.as_dict();
  const pdf::Object fonts = rd ? get(m_doc, *rd, "Font") : pdf::Object{};
  const pdf::Dict* fd = fonts.as_dict();
  const pdf::Object* entry = fd ? fd->find(name) : nullptr;
  if (entry == nullptr) return nullptr;
  if (const pdf::Ref* r = entry->as_ref()) {
    if (const auto it = m_fonts.find(r->num); it != m_fonts.end()) return it->second;
    if (m_fonts.size() >= limits::kMaxFontsPerPage) {
      over("fonts per page");
      return nullptr;
    }
    auto f = Font::load(m_doc, *entry, m_tables);
    m_fonts.emplace(r->num, f);
    return charge(f);
  }
  return charge(Font::load(m_doc, *entry, m_tables));
}

void Interpreter::adjust(double amount, const GState& gs) {
  // TJ's numbers: thousandths of the font size, against the writing direction.
  const double t = -amount / 1000 * gs.fs;
  if (gs.font && gs.font->vertical()) {
    m_tm = mul(Matrix{1, 0, 0, 1, 0, t}, m_tm);
  } else {
    m_tm = mul(Matrix{1, 0, 0, 1, t * gs.th, 0}, m_tm);
  }
}

void Interpreter::show(const std::string& bytes, GState& gs) {
  if (!gs.font) return;
  thread_local std::vector<ShownGlyph> decoded;
  decoded.clear();
  gs.font->decode(bytes, decoded);
  if (gs.font->needs_gbk()) m_out.needs_gbk = true;
  const bool vertical = gs.font->vertical();
  for (const ShownGlyph& g : decoded) {
    if (m_out.glyphs.size() + m_out.hidden + m_out.rotated >= limits::kMaxPageGlyphs) {
      over("glyphs per page");
      return;
    }
    const Matrix dev = mul(mul(m_tm, gs.ctm), m_base);
    // The glyph's em box axes in device space.
    const double em = gs.fs * gs.font->em();
    const double xx = em * gs.th * dev.a, xy = em * gs.th * dev.b;  // along the baseline
    const double yx = em * dev.c, yy = em * dev.d;                  // up
    const double ox = gs.ts * dev.c + dev.e, oy = gs.ts * dev.d + dev.f;
    double tx = 0, ty = 0;
    if (vertical) {
      ty = -gs.fs + gs.tc + (g.word_space ? gs.tw : 0);
    } else {
      tx = (g.width * gs.fs + gs.tc + (g.word_space ? gs.tw : 0)) * gs.th;
    }
    const double adv_x = tx * dev.a + ty * dev.c, adv_y = tx * dev.b + ty * dev.d;
    m_tm = mul(Matrix{1, 0, 0, 1, tx, ty}, m_tm);

    const double size = std::hypot(yx, yy);
    const double width_axis = std::hypot(xx, xy);
    const bool shown = gs.tr != 3 && gs.tr != 7 && m_hidden == 0;
    const bool on_page = ox >= -1 && oy >= -1 && ox <= m_out.width + 1 && oy <= m_out.height + 1;
    if (!finite(ox) || !finite(oy) || !finite(size) || !finite(adv_x) || !finite(adv_y)) {
      ++m_out.hidden;
      continue;
    }
    if (!shown || !on_page || size < limits::kMinVisibleTextSize || width_axis < limits::kMinVisibleTextSize / 4) {
      ++m_out.hidden;
      continue;
    }
    // Upright: the baseline runs left to right and "up" points up, within
    // a couple of degrees (an italic's shear aside).
    const bool upright = xx > 0 && std::abs(xy) <= 0.035 * xx && yy > 0 && std::abs(yx) <= 0.35 * yy;
    // Text set along a curve (a seal's name round its ring) has its middle
    // glyph upright: an upright glyph drawn between two rotated ones of
    // the same size, close to both, belongs to the curve.
    const auto near_last_rotated = [&](double x, double y) {
      return m_last_rotated && std::hypot(x - m_rotated_x, y - m_rotated_y) <= 2.5 * size &&
             std::abs(m_rotated_size - size) <= 0.2 * size;
    };
    if (!upright) {
      ++m_out.rotated;
      if (m_curve_candidate && !m_out.glyphs.empty() &&
          std::hypot(m_out.glyphs.back().x - ox, m_out.glyphs.back().y - oy) <= 2.5 * size &&
          std::abs(m_out.glyphs.back().size - size) <= 0.2 * size) {
        m_out.glyphs.pop_back();
        ++m_out.rotated;
      }
      m_curve_candidate = false;
      m_last_rotated = true;
      m_rotated_x = ox, m_rotated_y = oy, m_rotated_size = size;
      continue;
    }
    // Upright right after a rotated glyph: a candidate until the next one.
    m_curve_candidate = near_last_rotated(ox, oy);
    m_last_rotated = false;
    PlacedGlyph p;
    p.text = g.text.empty() ? std::u32string(1, U'\uFFFD') : g.text;
    if (g.text.empty()) ++m_out.unmapped;
    p.x = ox;
    p.y = oy;
    p.advance = vertical ? std::abs(adv_y) : adv_x;
    p.size = size;
    p.vertical = vertical;
    m_out.glyphs.push_back(std::move(p));
  }
}

void Interpreter::draw_xobject(const pdf::Object& resources, const std::string& name, const GState& gs, int depth) {
  const pdf::Dict* rd = resources.as_dict();
  const pdf::Object xobjects = rd ? get(m_doc, *rd, "XObject") : pdf::Object{};
  const pdf::Dict* xd = xobjects.as_dict();
  const pdf::Object* entry = xd ? xd->find(name) : nullptr;
  if (entry == nullptr) return;
  const pdf::Object xo = m_doc.resolve(*entry);
  const pdf::Dict* d = xo.as_dict();
  if (d == nullptr || xo.as_stream() == nullptr) return;
  const pdf::Object subtype = get(m_doc, *d, "Subtype");
  if (subtype.is_name("Image")) {
    ++m_out.images;
    return;
  }
  if (!subtype.is_name("Form")) return;
  const std::uint32_t num = entry->as_ref() ? entry->as_ref()->num : 0;
  if (num != 0 && std::find(m_forms.begin(), m_forms.end(), num) != m_forms.end()) return;  // draws itself: once
  if (depth + 1 > limits::kMaxXObjectDepth) {
    over("form nesting");
    return;
  }
  GState inner = gs;
  inner.ctm = mul(form_matrix(*d), gs.ctm);
  const pdf::Object own = get(m_doc, *d, "Resources");
  auto bytes =
      stream_data(m_doc, xo, limits::kMaxPageContentBytes - std::min(m_content_bytes, limits::kMaxPageContentBytes));
  if (!bytes) return;
  m_content_bytes += bytes->size();
  if (m_content_bytes >= limits::kMaxPageContentBytes) {
    over("content bytes per page");
    return;
  }
  if (num != 0) m_forms.push_back(num);
  const Matrix tm = m_tm, tlm = m_tlm;
  run(*bytes, own.as_dict() ? own : resources, inner, depth + 1);
  m_tm = tm;
  m_tlm = tlm;
  if (num != 0) m_forms.pop_back();
}

void Interpreter::run(std::span<const std::uint8_t> program, const pdf::Object& resources, GState gs, int depth) {
  pdf::Lexer lx(program);
  std::vector<Operand> ops;
  std::vector<GState> stack;
  auto num = [&](std::size_t i) {
    return i < ops.size() && ops[i].kind == Operand::Kind::kNumber ? ops[i].number : 0.0;
  };
  auto nums = [&](std::size_t n) {
    if (ops.size() < n) return false;
    for (std::size_t i = ops.size() - n; i < ops.size(); ++i) {
      if (ops[i].kind != Operand::Kind::kNumber || !finite(ops[i].number)) return false;
    }
    return true;
  };
  auto td = [&](double x, double y) {
    m_tlm = mul(Matrix{1, 0, 0, 1, x, y}, m_tlm);
    m_tm = m_tlm;
  };
  for (;;) {
    if (!m_out.limit.empty()) return;
    Token t = lx.next();
    if (t.type == TokenType::kEof) return;
    if (t.type == TokenType::kError) {
      ops.clear();
      continue;
    }
    if (t.type != TokenType::kKeyword || t.text == "true" || t.text == "false" || t.text == "null") {
      Operand o;
      if (ops.size() >= 64 || !read_operand(lx, std::move(t), o, 0)) {
        ops.clear();
        continue;
      }
      ops.push_back(std::move(o));
      continue;
    }
    if (++m_operators > limits::kMaxContentOperators) {
      over("operators per page");
      return;
    }
    const std::string& op = t.text;
    const std::size_t n = ops.size();
    if (op == "q") {
      if (stack.size() < 64) stack.push_back(gs);
    } else if (op == "Q") {
      if (!stack.empty()) {
        gs = std::move(stack.back());
        stack.pop_back();
      }
    } else if (op == "cm" && nums(6)) {
      gs.ctm = mul(Matrix{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}, gs.ctm);
    } else if (op == "BT") {
      m_tm = m_tlm = Matrix{};
    } else if (op == "Tc" && nums(1)) {
      gs.tc = num(n - 1);
    } else if (op == "Tw" && nums(1)) {
      gs.tw = num(n - 1);
    } else if (op == "Tz" && nums(1)) {
      gs.th = num(n - 1) / 100;
    } else if (op == "TL" && nums(1)) {
      gs.tl = num(n - 1);
    } else if (op == "Ts" && nums(1)) {
      gs.ts = num(n - 1);
    } else if (op == "Tr" && nums(1)) {
      gs.tr = static_cast<int>(num(n - 1));
    } else if (op == "Tf" && n >= 2 && ops[n - 2].kind == Operand::Kind::kName && nums(1)) {
      gs.font = font(resources, ops[n - 2].text);
      gs.fs = num(n - 1);
    } else if (op == "Td" && nums(2)) {
      td(num(n - 2), num(n - 1));
    } else if (op == "TD" && nums(2)) {
      gs.tl = -num(n - 1);
      td(num(n - 2), num(n - 1));
    } else if (op == "Tm" && nums(6)) {
      m_tm = m_tlm = Matrix{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)};
    } else if (op == "T*") {
      td(0, -gs.tl);
    } else if (op == "Tj" && n >= 1 && ops[n - 1].kind == Operand::Kind::kString) {
      show(ops[n - 1].text, gs);
    } else if (op == "'" && n >= 1 && ops[n - 1].kind == Operand::Kind::kString) {
      td(0, -gs.tl);
      show(ops[n - 1].text, gs);
    } else if (op == "\"" && n >= 3 && ops[n - 1].kind == Operand::Kind::kString) {
      gs.tw = num(n - 3);
      gs.tc = num(n - 2);
      td(0, -gs.tl);
      show(ops[n - 1].text, gs);
    } else if (op == "TJ" && n >= 1 && ops[n - 1].kind == Operand::Kind::kArray) {
      for (const Operand& item : ops[n - 1].items) {
        if (item.kind == Operand::Kind::kString) show(item.text, gs);
        if (item.kind == Operand::Kind::kNumber && finite(item.number)) adjust(item.number, gs);
      }
    } else if (op == "Do" && n >= 1 && ops[n - 1].kind == Operand::Kind::kName) {
      draw_xobject(resources, ops[n - 1].text, gs, depth);
    } else if (op == "f" || op == "F" || op == "f*" || op == "B" || op == "B*" || op == "b" || op == "b*" ||
               op == "S" || op == "s") {
      ++m_out.paths;
    } else if (op == "BI") {
      ++m_out.images;
      skip_inline_image(lx);
    } else if (op == "BMC") {
      m_marked.push_back(false);
    } else if (op == "BDC") {
      // Optional content: text in a layer may be hidden from the reader.
      const bool oc = n >= 2 && ops[n - 2].kind == Operand::Kind::kName && ops[n - 2].text == "OC";
      if (m_marked.size() < 256) {
        m_marked.push_back(oc);
        if (oc) ++m_hidden;
      }
    } else if (op == "EMC") {
      if (!m_marked.empty()) {
        if (m_marked.back()) --m_hidden;
        m_marked.pop_back();
      }
    }
    ops.clear();
  }
}

void Interpreter::draw_appearance(const pdf::Object& xo, const double rect[4]) {
  const pdf::Dict* d = xo.as_dict();
  if (d == nullptr || xo.as_stream() == nullptr) return;
  const Matrix m = form_matrix(*d);
  double box[4];
  const pdf::Object bbox = get(m_doc, *d, "BBox");
  const pdf::Array* ba = bbox.as_array();
  if (ba == nullptr || ba->size() != 4) return;
  for (int i = 0; i < 4; ++i) box[i] = number_of(m_doc.resolve((*ba)[i])).value_or(0);
  // The form's bounding box as its matrix places it, then mapped onto the rectangle.
  double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
  for (const auto& [px, py] : {std::pair{box[0], box[1]}, {box[2], box[1]}, {box[0], box[3]}, {box[2], box[3]}}) {
    const double x = px * m.a + py * m.c + m.e, y = px * m.b + py * m.d + m.f;
    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
  }
  if (!(x1 - x0 > 0) || !(y1 - y0 > 0) || !finite(x1 - x0) || !finite(y1 - y0)) return;
  const double sx = (rect[2] - rect[0]) / (x1 - x0), sy = (rect[3] - rect[1]) / (y1 - y0);
  GState gs;
  gs.ctm = mul(m, Matrix{sx, 0, 0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy});
  auto bytes = stream_data(m_doc, xo, limits::kMaxPageContentBytes);
  if (!bytes) return;
  m_content_bytes += bytes->size();
  if (m_content_bytes >= limits::kMaxPageContentBytes) {
    over("content bytes per page");
    return;
  }
  const pdf::Object resources = get(m_doc, *d, "Resources");
  m_tm = m_tlm = Matrix{};
  run(*bytes, resources, gs, 1);
}

// Inherited page attributes (ISO 32000-1 7.7.3.4), bounded.
pdf::Object inherited(pdf::Document& doc, const pdf::Object& page, std::string_view key) {
  pdf::Object node = page;
  for (int i = 0; i < 32; ++i) {
    const pdf::Dict* d = node.as_dict();
    if (d == nullptr) break;
    if (d->find(key)) return get(doc, *d, key);
    node = get(doc, *d, "Parent");
  }
  return {};
}

bool read_box(pdf::Document& doc, const pdf::Object& o, double box[4]) {
  const pdf::Array* a = o.as_array();
  if (a == nullptr || a->size() != 4) return false;
  for (int i = 0; i < 4; ++i) {
    const auto v = number_of(doc.resolve((*a)[i]));
    if (!v || !finite(*v)) return false;
    box[i] = *v;
  }
  if (box[0] > box[2]) std::swap(box[0], box[2]);
  if (box[1] > box[3]) std::swap(box[1], box[3]);
  return true;
}

}  // namespace

PageContent interpret_program(pdf::Document& doc, std::span<const std::uint8_t> program, const pdf::Object& resources,
                              double width, double height, const Tables& tables) {
  PageContent out;
  out.width = width;
  out.height = height;
  Interpreter in(doc, tables, out, Matrix{});
  in.run(program, resources, GState{}, 0);
  return out;
}

PageContent interpret_page(pdf::Document& doc, const pdf::Object& page, const Tables& tables) {
  PageContent out;
  double media[4] = {0, 0, 612, 792}, crop[4];
  read_box(doc, inherited(doc, page, "MediaBox"), media);
  if (!read_box(doc, inherited(doc, page, "CropBox"), crop)) std::copy(media, media + 4, crop);
  // The visible area: the crop box clipped to the media box.
  crop[0] = std::max(crop[0], media[0]);
  crop[1] = std::max(crop[1], media[1]);
  crop[2] = std::min(crop[2], media[2]);
  crop[3] = std::min(crop[3], media[3]);
  if (crop[2] <= crop[0] || crop[3] <= crop[1]) return out;
  double rotate_v = number_of(inherited(doc, page, "Rotate")).value_or(0);
  if (!finite(rotate_v)) rotate_v = 0;
  const int rotate = ((static_cast<int>(rotate_v) % 360) + 360) % 360;
  const double w = crop[2] - crop[0], h = crop[3] - crop[1];
  Matrix base{1, 0, 0, 1, -crop[0], -crop[1]};
  if (rotate == 90) base = {0, -1, 1, 0, -crop[1], crop[2]};
  if (rotate == 180) base = {-1, 0, 0, -1, crop[2], crop[3]};
  if (rotate == 270) base = {0, 1, -1, 0, crop[3], -crop[0]};
  out.width = rotate == 90 || rotate == 270 ? h : w;
  out.height = rotate == 90 || rotate == 270 ? w : h;

  std::vector<std::uint8_t> program;
  const pdf::Dict* pd = page.as_dict();
  const pdf::Object contents = pd ? get(doc, *pd, "Contents") : pdf::Object{};
  std::vector<pdf::Object> parts;
  if (const pdf::Array* a = contents.as_array()) {
    for (const pdf::Object& o : *a) parts.push_back(doc.resolve(o));
  } else {
    parts.push_back(contents);
  }
  for (const pdf::Object& part : parts) {
    auto bytes = stream_data(doc, part, limits::kMaxPageContentBytes);
    if (!bytes) continue;
    if (program.size() + bytes->size() + 1 > limits::kMaxPageContentBytes) {
      out.limit = "content bytes per page";
      return out;
    }
    program.insert(program.end(), bytes->begin(), bytes->end());
    program.push_back('\n');  // streams join with white space between them
  }
  Interpreter in(doc, tables, out, base);
  in.run(program, inherited(doc, page, "Resources"), GState{}, 0);

  // Annotations' appearances are on the page too: a form filled in and not
  // flattened shows its values only there. Hidden ones (flags Invisible,
  // Hidden, NoView) and pop-ups are not drawn, as viewers do.
  const pdf::Object annots = pd ? get(doc, *pd, "Annots") : pdf::Object{};
  if (const pdf::Array* aa = annots.as_array()) {
    for (std::size_t i = 0; i < aa->size() && i < limits::kMaxAnnotationsPerPage && out.limit.empty(); ++i) {
      const pdf::Object annot = doc.resolve((*aa)[i]);
      const pdf::Dict* ad = annot.as_dict();
      if (ad == nullptr || get(doc, *ad, "Subtype").is_name("Popup")) continue;
      const auto flags = number_of(get(doc, *ad, "F")).value_or(0);
      if (flags < 0 || flags >= 4294967296.0 || (static_cast<std::int64_t>(flags) & (1 | 2 | 32))) continue;
      double rect[4];
      if (!read_box(doc, get(doc, *ad, "Rect"), rect)) continue;
      const pdf::Object ap = get(doc, *ad, "AP");
      const pdf::Dict* apd = ap.as_dict();
      if (apd == nullptr) continue;
      pdf::Object normal = get(doc, *apd, "N");
      if (!normal.as_stream() && normal.as_dict()) {
        // Appearance states: the one /AS names.
        const pdf::Object state = get(doc, *ad, "AS");
        normal = state.as_name() ? get(doc, *normal.as_dict(), state.as_name()->value) : pdf::Object{};
      }
      in.draw_appearance(normal, rect);
    }
  }
  return out;
}

}  // namespace sealcheck::text
