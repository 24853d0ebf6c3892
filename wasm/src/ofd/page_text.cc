#include "ofd/page_text.h"

#include <algorithm>
#include <cmath>

#include "ofd/xml.h"
#include "sealcheck/limits.h"
#include "text/normalize.h"

namespace sealcheck::ofd {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

struct Interpreter final {
  const XmlDocument& x;
  text::PageContent& out;
  double height_mm = 297;

  bool full() {
    if (out.glyphs.size() < limits::kMaxPageGlyphs) return false;
    if (out.limit.empty()) out.limit = "more than " + std::to_string(limits::kMaxPageGlyphs) + " glyphs";
    return true;
  }

  static bool flag(const XmlNode& n, const char* name, bool fallback) {
    const std::string* v = n.attribute(name);
    if (v == nullptr) return fallback;
    const std::string_view t = trim_xml_space(*v);
    return !(t == "false" || t == "0");
  }

  void text_object(const XmlNode& obj) {
    const std::string* b = obj.attribute("Boundary");
    const std::string* sz = obj.attribute("Size");
    const auto box = b ? parse_numbers(*b, 4) : std::nullopt;
    const auto size = sz ? parse_numbers(*sz, 1) : std::nullopt;
    const auto codes = x.children(obj, "TextCode");
    std::size_t chars = 0;
    for (const XmlNode* c : codes) chars += text::decode_utf8(c->text).size();
    if (!box || box->size() != 4 || !size || size->size() != 1) {
      out.hidden += chars;  // no place on the page: nothing a viewer shows
      return;
    }
    // CTM maps the object's space into its boundary's: scale only keeps
    // text upright; anything else (rotation, shear) is not read.
    double a = 1, d = 1, e = 0, f = 0;
    if (const std::string* ctm = obj.attribute("CTM")) {
      const auto m = parse_numbers(*ctm, 6);
      if (!m || m->size() != 6 || (*m)[1] != 0 || (*m)[2] != 0 || (*m)[0] <= 0 || (*m)[3] <= 0) {
        out.rotated += chars;
        return;
      }
      a = (*m)[0], d = (*m)[3], e = (*m)[4], f = (*m)[5];
    }
    const std::string* read_dir = obj.attribute("ReadDirection");
    const std::string* char_dir = obj.attribute("CharDirection");
    const bool visible = flag(obj, "Visible", true) && (flag(obj, "Fill", true) || flag(obj, "Stroke", false));
    const std::string* alpha = obj.attribute("Alpha");
    const bool transparent = alpha && trim_xml_space(*alpha) == "0";
    const double em = (*size)[0] * d;
    if ((read_dir && trim_xml_space(*read_dir) != "0") || (char_dir && trim_xml_space(*char_dir) != "0")) {
      out.rotated += chars;
      return;
    }
    if (!visible || transparent || em * kPointsPerMm < limits::kMinVisibleTextSize) {
      out.hidden += chars;
      return;
    }
    double pen_x = 0, pen_y = 0;
    for (const XmlNode* code : codes) {
      const std::u32string t = text::decode_utf8(code->text);
      const std::string* xs = code->attribute("X");
      const std::string* ys = code->attribute("Y");
      const auto px = xs ? parse_numbers(*xs, 1) : std::nullopt;
      const auto py = ys ? parse_numbers(*ys, 1) : std::nullopt;
      if (px && px->size() == 1) pen_x = (*px)[0];
      if (py && py->size() == 1) pen_y = (*py)[0];
      const std::string* dxs = code->attribute("DeltaX");
      const std::string* dys = code->attribute("DeltaY");
      const std::optional<std::vector<double>> none = std::vector<double>{};
      const auto dx = dxs ? parse_deltas(*dxs, t.size()) : none;
      const auto dy = dys ? parse_deltas(*dys, t.size()) : none;
      if (!dx || !dy) {
        out.hidden += t.size();  // positions a viewer would not agree on
        continue;
      }
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (full()) return;
        // Without the font's widths: an em for CJK, half for the rest.
        const double guess = t[i] >= 0x2E80 ? (*size)[0] : (*size)[0] / 2;
        const double advance = i < dx->size() ? (*dx)[i] : guess;
        text::PlacedGlyph g;
        g.text = std::u32string(1, t[i]);
        g.x = ((*box)[0] + a * pen_x + e) * kPointsPerMm;
        g.y = (height_mm - ((*box)[1] + d * pen_y + f)) * kPointsPerMm;
        g.size = em * kPointsPerMm;
        g.advance = std::fabs(i < dx->size() && (*dx)[i] > 0 ? (*dx)[i] : guess) * a * kPointsPerMm;
        if (t[i] != U' ') out.glyphs.push_back(std::move(g));
        pen_x += advance;
        if (i < dy->size()) pen_y += (*dy)[i];
      }
    }
  }

  void objects(const XmlNode& parent, int depth) {
    if (depth > limits::kMaxXObjectDepth) {
      if (out.limit.empty()) out.limit = "page blocks nested deeper than " + std::to_string(limits::kMaxXObjectDepth);
      return;
    }
    for (std::size_t i : parent.children) {
      const XmlNode& n = x.nodes[i];
      if (n.foreign) continue;
      if (n.name == "TextObject") {
        text_object(n);
      } else if (n.name == "ImageObject") {
        ++out.images;
      } else if (n.name == "PathObject") {
        ++out.paths;
      } else if (n.name == "PageBlock" || n.name == "Layer") {
        if (flag(n, "Visible", true)) objects(n, depth + 1);
      }
      if (!out.limit.empty()) return;
    }
  }
};

void interpret_part(const OfdPackage& pkg, const std::string& path, double height_mm, text::PageContent& out) {
  std::string why;
  const auto bytes = pkg.read(path, &why);
  const XmlDocument x = bytes ? parse_xml(*bytes) : XmlDocument{};
  if (!bytes || !x.ok()) {
    out.limit = path + ": " + (bytes ? x.error : why);
    return;
  }
  Interpreter it{x, out, height_mm};
  if (const XmlNode* content = x.child(x.root(), "Content")) it.objects(*content, 0);
}

}  // namespace

std::optional<std::vector<double>> parse_deltas(std::string_view s, std::size_t max) {
  std::vector<double> out;
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
  }
  const auto number = [](std::string_view t) -> std::optional<double> {
    const auto n = parse_numbers(t, 1);
    if (!n || n->size() != 1) return std::nullopt;
    return (*n)[0];
  };
  for (std::size_t k = 0; k < tokens.size() && out.size() < max; ++k) {
    if (tokens[k] == "g") {
      if (k + 2 >= tokens.size()) return std::nullopt;
      const auto count = number(tokens[k + 1]);
      const auto value = number(tokens[k + 2]);
      if (!count || !value || *count < 0 || *count != std::floor(*count)) return std::nullopt;
      for (double c = 0; c < *count && out.size() < max; ++c) out.push_back(*value);
      k += 2;
    } else {
      const auto v = number(tokens[k]);
      if (!v) return std::nullopt;
      out.push_back(*v);
    }
  }
  return out;
}

text::PageContent interpret_page(const OfdPackage& pkg, const OfdPage& page) {
  text::PageContent out;
  std::array<double, 4> box = pkg.page_box;
  std::string why;
  const auto bytes = pkg.read(page.path, &why);
  const XmlDocument x = bytes ? parse_xml(*bytes) : XmlDocument{};
  if (!bytes || !x.ok()) {
    out.limit = page.path + ": " + (bytes ? x.error : why);
    return out;
  }
  if (const XmlNode* area = x.child(x.root(), "Area")) {
    if (const XmlNode* pb = x.child(*area, "PhysicalBox")) {
      const auto n = parse_numbers(pb->text, 4);
      if (n && n->size() == 4) box = {(*n)[0], (*n)[1], (*n)[2], (*n)[3]};
    }
  }
  out.width = box[2] * kPointsPerMm;
  out.height = box[3] * kPointsPerMm;
  // Templates first (drawn beneath), each at most once.
  std::vector<std::string> drawn;
  for (const XmlNode* t : x.children(x.root(), "Template")) {
    const std::string* id = t->attribute("TemplateID");
    for (const OfdPage& tpl : pkg.templates) {
      if (!id || tpl.id != trim_xml_space(*id)) continue;
      if (std::find(drawn.begin(), drawn.end(), tpl.path) != drawn.end()) continue;
      drawn.push_back(tpl.path);
      interpret_part(pkg, tpl.path, box[3], out);
      if (!out.limit.empty()) return out;
    }
  }
  Interpreter it{x, out, box[3]};
  if (const XmlNode* content = x.child(x.root(), "Content")) it.objects(*content, 0);
  return out;
}

text::PageCertificate read_page_certificate(const OfdPackage& pkg) {
  std::vector<text::PageContent> contents;
  const bool truncated = pkg.pages.size() > limits::kMaxTextPages;
  for (std::size_t i = 0; i < pkg.pages.size() && i < limits::kMaxTextPages; ++i) {
    contents.push_back(interpret_page(pkg, pkg.pages[i]));
    if (!contents.back().limit.empty()) break;
  }
  return text::certificate_from_pages(contents, truncated);
}

}  // namespace sealcheck::ofd
