#include "ofd/render.h"

#include <cmath>

#include "crypto/ses.h"
#include "json_writer.h"
#include "ofd/package.h"
#include "ofd/page_text.h"
#include "ofd/xml.h"
#include "sealcheck/certs.h"
#include "sealcheck/limits.h"
#include "text/normalize.h"

namespace sealcheck::ofd {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr std::size_t kMaxImageBytes = 8u << 20;
constexpr std::size_t kMaxImages = 64;

std::int64_t centi(double points) { return static_cast<std::int64_t>(std::llround(points * 100)); }

// "png", "jpeg", "gif", "bmp" by the bytes themselves (a declared format is
// only a claim); "" for anything a browser would not draw as an image.
std::string image_type(std::span<const std::uint8_t> b) {
  if (b.size() > 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "png";
  if (b.size() > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "jpeg";
  if (b.size() > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') return "gif";
  if (b.size() > 2 && b[0] == 'B' && b[1] == 'M') return "bmp";
  return "";
}

// A box in page millimetres (x y w h, y down) as hundredths of a point
// from the lower left.
void write_box(JsonWriter& w, const std::vector<double>& b, double height_mm) {
  w.key("box").begin_array();
  w.number(centi(b[0] * kPointsPerMm)).number(centi((height_mm - b[1] - b[3]) * kPointsPerMm));
  w.number(centi(b[2] * kPointsPerMm)).number(centi(b[3] * kPointsPerMm));
  w.end_array();
}

// Resource ID -> the image file's package path, from the document's
// PublicRes and DocumentRes files.
std::vector<std::pair<std::string, std::string>> media_files(const OfdPackage& pkg) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string why;
  const auto doc_bytes = pkg.read(pkg.document, &why);
  const XmlDocument doc = doc_bytes ? parse_xml(*doc_bytes) : XmlDocument{};
  if (!doc.ok()) return out;
  const XmlNode* common = doc.child(doc.root(), "CommonData");
  if (common == nullptr) return out;
  std::vector<const XmlNode*> res = doc.children(*common, "PublicRes");
  for (const XmlNode* r : doc.children(*common, "DocumentRes")) res.push_back(r);
  for (const XmlNode* r : res) {
    const auto path = resolve_path(directory_of(pkg.document), r->text);
    const auto bytes = path ? pkg.read(*path, &why) : std::nullopt;
    const XmlDocument x = bytes ? parse_xml(*bytes) : XmlDocument{};
    if (!x.ok()) continue;
    const std::string* base_loc = x.root().attribute("BaseLoc");
    const std::string dir = directory_of(*path);
    const auto base = resolve_path(dir, base_loc ? *base_loc : std::string());
    const XmlNode* medias = x.child(x.root(), "MultiMedias");
    if (medias == nullptr || !base) continue;
    for (const XmlNode* m : x.children(*medias, "MultiMedia")) {
      const std::string* id = m->attribute("ID");
      const XmlNode* file = x.child(*m, "MediaFile");
      if (id == nullptr || file == nullptr) continue;
      if (auto p = resolve_path(*base, file->text)) out.emplace_back(std::string(trim_xml_space(*id)), *p);
    }
  }
  return out;
}

// "r g b" (0-255) -> "#rrggbb"; "" when it is not that.
std::string color_of(const XmlDocument& x, const XmlNode& obj, const char* element, const char* fallback) {
  const XmlNode* c = x.child(obj, element);
  const std::string* v = c ? c->attribute("Value") : nullptr;
  if (v == nullptr) return fallback;
  const auto n = parse_numbers(*v, 3);
  if (!n || n->size() != 3) return fallback;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "#";
  for (double d : *n) {
    const int b = d < 0 ? 0 : d > 255 ? 255 : static_cast<int>(d);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

struct PaintWalk final {
  const OfdPackage& pkg;
  const XmlDocument& x;
  const std::vector<std::pair<std::string, std::string>>& media;
  double height_mm;
  JsonWriter& w;
  bool images;  // this walk writes the images (else the paths)
  std::size_t count = 0, points = 0;

  void walk(const XmlNode& parent, int depth) {
    if (depth > limits::kMaxXObjectDepth) return;
    for (std::size_t i : parent.children) {
      const XmlNode& n = x.nodes[i];
      if (n.foreign) continue;
      if (n.name == "ImageObject" && images) {
        image(n);
      } else if (n.name == "PathObject" && !images) {
        path(n);
      } else if (n.name == "PageBlock" || n.name == "Layer") {
        walk(n, depth + 1);
      }
    }
  }

  static bool flag(const XmlNode& n, const char* name, bool fallback) {
    const std::string* v = n.attribute(name);
    if (v == nullptr) return fallback;
    const std::string_view t = trim_xml_space(*v);
    return !(t == "false" || t == "0");
  }

  // AbbreviatedData (GB/T 33190 9.3.3: S/M move, L line, Q quadratic, B
  // cubic, A arc (drawn as a line to its end), C close), in the object's
  // space, mapped by CTM into its Boundary and then to page points.
  void path(const XmlNode& n) {
    static constexpr std::size_t kMaxPaths = 20000, kMaxPoints = 200000;
    const std::string* b = n.attribute("Boundary");
    const auto box = b ? parse_numbers(*b, 4) : std::nullopt;
    const XmlNode* data = x.child(n, "AbbreviatedData");
    if (!box || box->size() != 4 || data == nullptr || count >= kMaxPaths || !flag(n, "Visible", true)) return;
    double m[6] = {1, 0, 0, 1, 0, 0};
    if (const std::string* ctm = n.attribute("CTM")) {
      const auto c = parse_numbers(*ctm, 6);
      if (!c || c->size() != 6) return;
      std::copy(c->begin(), c->end(), m);
    }
    const bool stroke = flag(n, "Stroke", true), fill = flag(n, "Fill", false);
    if (!stroke && !fill) return;
    const std::string* lw = n.attribute("LineWidth");
    const auto width = lw ? parse_numbers(*lw, 1) : std::nullopt;
    // Tokens: a command letter, then its numbers.
    std::vector<std::pair<char, std::vector<double>>> ops;
    const std::string_view d = data->text;
    std::size_t i = 0;
    while (i < d.size()) {
      while (i < d.size() && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) ++i;
      if (i == d.size()) break;
      const char c = d[i];
      if (std::string_view("SMLQBAC").find(c) == std::string_view::npos) return;  // not a path we read
      std::size_t j = ++i;
      while (j < d.size() && std::string_view("SMLQBAC").find(d[j]) == std::string_view::npos) ++j;
      const auto nums = parse_numbers(d.substr(i, j - i), 8);
      if (!nums) return;
      const std::size_t want = c == 'C' ? 0 : c == 'Q' ? 4 : c == 'B' ? 6 : c == 'A' ? 7 : 2;
      if (nums->size() != want) return;
      ops.emplace_back(c, *nums);
      i = j;
    }
    if (ops.empty()) return;
    ++count;
    w.begin_object();
    if (stroke) w.key("stroke").string(color_of(x, n, "StrokeColor", "#000000"));
    if (fill) w.key("fill").string(color_of(x, n, "FillColor", "#000000"));
    w.key("width").number(centi((width && width->size() == 1 ? (*width)[0] : 0.353) * kPointsPerMm));
    w.key("d").begin_array();
    auto point = [&](double px, double py) {
      const double ux = (*box)[0] + m[0] * px + m[2] * py + m[4];
      const double uy = (*box)[1] + m[1] * px + m[3] * py + m[5];
      w.number(centi(ux * kPointsPerMm)).number(centi((height_mm - uy) * kPointsPerMm));
    };
    for (const auto& [c, v] : ops) {
      if (++points > kMaxPoints) break;
      switch (c) {
        case 'S':
        case 'M': w.string("M"), point(v[0], v[1]); break;
        case 'L': w.string("L"), point(v[0], v[1]); break;
        case 'Q': w.string("Q"), point(v[0], v[1]), point(v[2], v[3]); break;
        case 'B': w.string("B"), point(v[0], v[1]), point(v[2], v[3]), point(v[4], v[5]); break;
        case 'A': w.string("L"), point(v[5], v[6]); break;
        case 'C': w.string("Z"); break;
      }
    }
    w.end_array();
    w.end_object();
  }

  void image(const XmlNode& n) {
    const std::string* b = n.attribute("Boundary");
    const std::string* id = n.attribute("ResourceID");
    const auto box = b ? parse_numbers(*b, 4) : std::nullopt;
    if (!box || box->size() != 4 || id == nullptr || count >= kMaxImages) return;
    for (const auto& [rid, path] : media) {
      if (rid != trim_xml_space(*id)) continue;
      const ZipEntry* e = pkg.entry(path);
      std::string why;
      const auto bytes = e && e->size <= kMaxImageBytes ? pkg.read(path, &why) : std::nullopt;
      const std::string type = bytes ? image_type(*bytes) : "";
      if (type.empty()) return;
      w.begin_object();
      write_box(w, *box, height_mm);
      w.key("type").string(type).key("data").string(to_base64(*bytes));
      w.end_object();
      ++count;
      return;
    }
  }
};

}  // namespace

std::string page_render_json(ByteView file, std::size_t page) {
  if (!looks_like_zip(file) || file.size() > limits::kMaxFileBytes) return {};
  const OfdPackage pkg = load_package(file);
  if (!pkg.ok() || page == 0 || page > pkg.pages.size()) return {};
  const OfdPage& p = pkg.pages[page - 1];
  const text::PageContent content = interpret_page(pkg, p);
  const double height_mm = content.height / kPointsPerMm;
  JsonWriter w;
  w.begin_object();
  w.key("width").number(centi(content.width)).key("height").number(centi(content.height));
  w.key("glyphs").begin_array();
  for (const text::PlacedGlyph& g : content.glyphs) {
    w.begin_array().number(centi(g.x)).number(centi(g.y)).number(centi(g.size));
    w.string(text::encode_utf8(g.text)).end_array();
  }
  w.end_array();
  w.key("images").begin_array();
  std::string why;
  const auto bytes = pkg.read(p.path, &why);
  const XmlDocument x = bytes ? parse_xml(*bytes) : XmlDocument{};
  if (x.ok()) {
    const auto media = media_files(pkg);
    PaintWalk walk{pkg, x, media, height_mm, w, true};
    if (const XmlNode* c = x.child(x.root(), "Content")) walk.walk(*c, 0);
  }
  w.end_array();
  // Paths of the page's templates first (drawn beneath), then its own.
  w.key("paths").begin_array();
  if (x.ok()) {
    const std::vector<std::pair<std::string, std::string>> none;
    std::vector<std::string> parts;
    for (const XmlNode* t : x.children(x.root(), "Template")) {
      const std::string* id = t->attribute("TemplateID");
      for (const OfdPage& tpl : pkg.templates) {
        if (id && tpl.id == trim_xml_space(*id)) parts.push_back(tpl.path);
      }
    }
    std::size_t count = 0;
    for (const std::string& part : parts) {
      const auto tb = pkg.read(part, &why);
      const XmlDocument tx = tb ? parse_xml(*tb) : XmlDocument{};
      if (!tx.ok()) continue;
      PaintWalk walk{pkg, tx, none, height_mm, w, false, count};
      if (const XmlNode* c = tx.child(tx.root(), "Content")) walk.walk(*c, 0);
      count = walk.count;
    }
    PaintWalk walk{pkg, x, none, height_mm, w, false, count};
    if (const XmlNode* c = x.child(x.root(), "Content")) walk.walk(*c, 0);
  }
  w.end_array();
  w.key("stamps").begin_array();
  for (const OfdSignature& sig : pkg.signature_list) {
    for (const OfdStamp& st : sig.stamps) {
      if (st.page_id != p.id) continue;
      w.begin_object();
      write_box(w, {st.boundary.begin(), st.boundary.end()}, height_mm);
      // The seal's picture, as its SES_Signature carries it.
      const auto value = sig.signed_value.empty() ? std::nullopt : pkg.read(sig.signed_value, &why);
      const SesParse ses = value ? parse_ses_signature(*value) : SesParse{};
      const std::string type = ses.shape == SesShape::kOk ? image_type(ses.view.seal.picture) : "";
      if (!type.empty() && ses.view.seal.picture.size() <= kMaxImageBytes) {
        w.key("type").string(type).key("data").string(to_base64(ses.view.seal.picture));
      }
      w.end_object();
    }
  }
  w.end_array();
  w.end_object();
  return std::move(w).take();
}

}  // namespace sealcheck::ofd
