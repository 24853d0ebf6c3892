#include "issuer/certificate_render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <array>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "sealcheck/time.h"

namespace sealcheck::issuer {
namespace {

constexpr double kWidth = 595.28, kHeight = 841.89;  // A4 in points
constexpr const char* kSerif = "Noto Serif CJK SC";
constexpr const char* kSans = "Noto Sans CJK SC";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.10, 0.10, 0.12}, kRed{0.70, 0.09, 0.10}, kGold{0.62, 0.47, 0.18}, kGray{0.42, 0.42, 0.45},
    kPaper{0.995, 0.985, 0.955};

void color(cairo_t* cr, Rgb c, double a = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, a); }

enum class Align { kLeft, kCenter, kRight };

// Draws one paragraph; y is its top. Returns its height.
double text(cairo_t* cr, const std::string& s, const char* family, double size, double x, double y,
            Align align = Align::kLeft, double width = -1, bool bold = false, double spacing = 0) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, family);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  if (spacing != 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(static_cast<int>(spacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
  }
  if (width > 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(layout, s.c_str(), -1);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  double left = x;
  if (width <= 0) {
    if (align == Align::kCenter) left = x - w / 2.0;
    if (align == Align::kRight) left = x - w;
  } else if (align == Align::kCenter) {
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
  }
  cairo_move_to(cr, left, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
  return h;
}

void frame(cairo_t* cr) {
  color(cr, kPaper);
  cairo_rectangle(cr, 0, 0, kWidth, kHeight);
  cairo_fill(cr);
  color(cr, kRed);
  cairo_set_line_width(cr, 3);
  cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
  cairo_stroke(cr);
  color(cr, kGold);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, 31, 31, kWidth - 62, kHeight - 62);
  cairo_stroke(cr);
  // Corner ornaments.
  for (const auto& [cx, cy] :
       {std::pair{31.0, 31.0}, {kWidth - 31, 31.0}, {31.0, kHeight - 31}, {kWidth - 31, kHeight - 31}}) {
    cairo_arc(cr, cx, cy, 9, 0, 2 * M_PI);
    cairo_stroke(cr);
  }
}

void watermark(cairo_t* cr) {
  cairo_save(cr);
  color(cr, kGray, 0.10);
  for (int row = 0; row < 5; ++row) {
    cairo_save(cr);
    cairo_translate(cr, kWidth / 2, 170 + row * 150);
    cairo_rotate(cr, -M_PI / 7);
    text(cr, "演示样本 · 非真实证书 · DEMO ONLY", kSans, 26, 0, -16, Align::kCenter);
    cairo_restore(cr);
  }
  cairo_restore(cr);
}

void star(cairo_t* cr, double cx, double cy, double r) {
  for (int i = 0; i < 10; ++i) {
    const double a = -M_PI / 2 + i * M_PI / 5;
    const double rr = i % 2 ? r * 0.4 : r;
    if (i == 0)
      cairo_move_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
    else
      cairo_line_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
  }
  cairo_close_path(cr);
  cairo_fill(cr);
}

// A round official seal: ring, the name along the upper arc, a star.
void seal(cairo_t* cr, const std::string& name, double cx, double cy, double r) {
  cairo_save(cr);
  color(cr, kRed, 0.85);
  cairo_set_line_width(cr, 3.2);
  cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.8);
  cairo_arc(cr, cx, cy, r - 5, 0, 2 * M_PI);
  cairo_stroke(cr);
  star(cr, cx, cy, r * 0.26);
  std::vector<std::string> chars;
  for (const char* p = name.c_str(); *p; p = g_utf8_next_char(p)) chars.emplace_back(p, g_utf8_next_char(p) - p);
  const double span = std::min(1.7 * M_PI, chars.size() * 0.2);
  const double size = std::max(6.5, std::min(12.0, r * span / std::max<std::size_t>(1, chars.size()) * 1.05));
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const double a = -M_PI / 2 - span / 2 + span * (i + 0.5) / chars.size();
    cairo_save(cr);
    cairo_translate(cr, cx + (r - 8 - size / 2) * std::cos(a), cy + (r - 8 - size / 2) * std::sin(a));
    cairo_rotate(cr, a + M_PI / 2);
    text(cr, chars[i], kSerif, size, 0, -size * 0.7, Align::kCenter, -1, true);
    cairo_restore(cr);
  }
  text(cr, "演示 DEMO", kSans, 8, cx, cy + r * 0.36, Align::kCenter);
  cairo_restore(cr);
}

// Draws the page; returns the seal's circle (centre x, y, radius; cairo
// coordinates, y down).
std::array<double, 3> page(cairo_t* cr, const RenderInput& in) {
  frame(cr);
  watermark(cr);
  color(cr, kRed);
  text(cr, "中华人民共和国", kSerif, 18, kWidth / 2, 70, Align::kCenter, -1, true, 6);
  text(cr, "专业技术人员职业资格证书", kSerif, 30, kWidth / 2, 100, Align::kCenter, -1, true, 3);
  text(cr, "电子证书 · 演示样本（DEMO），不具有法律效力", kSans, 11, kWidth / 2, 150, Align::kCenter);
  color(cr, kGold);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, 90, 178);
  cairo_line_to(cr, kWidth - 90, 178);
  cairo_stroke(cr);

  double y = 196;
  for (const auto& [label, value] : certificate_rows(in.certificate)) {
    color(cr, kGray);
    text(cr, label, kSans, 12, 96, y + 2);
    color(cr, kInk);
    const double h = text(cr, value, kSerif, 15, 190, y, Align::kLeft, kWidth - 190 - 90);
    y += std::max(30.0, h + 12);
  }

  // The seal sits over the issuing body, as on the paper certificate.
  const std::array<double, 3> seal_circle{kWidth - 165, y - 52, 66};
  seal(cr, in.seal_name, seal_circle[0], seal_circle[1], seal_circle[2]);

  // 加注 box.
  y += 26;
  const double box_h = 92;
  cairo_set_line_width(cr, 1.2);
  color(cr, in.annotation ? kRed : kGray);
  cairo_rectangle(cr, 90, y, kWidth - 180, box_h);
  cairo_stroke(cr);
  if (in.annotation) {
    const Annotation& a = *in.annotation;
    text(cr, "加注", kSerif, 15, 104, y + 10, Align::kLeft, -1, true);
    color(cr, kInk);
    text(cr, "使用场景：" + a.scenario, kSerif, 13, 104, y + 36);
    text(cr, "加注有效期：" + a.not_before + " 至 " + a.not_after + "（北京时间，含当日）", kSerif, 13, 104, y + 58);
    color(cr, kGray);
    text(cr, "申请日期 " + a.applied_on, kSans, 9, kWidth - 104, y + 14, Align::kRight);
  } else if (in.annotation_exempt) {
    text(cr, "本电子证书由行业协会于2021年12月17日前制发（盖章），暂无须申请加注。", kSerif, 12, 104, y + 36);
  } else {
    color(cr, kRed);
    text(cr, "未加注：本证书须经加注后方可查看、下载和使用。", kSerif, 13, 104, y + 36, Align::kLeft, -1, true);
  }

  color(cr, kGray);
  text(cr,
       "本证书由 sealcheck 演示系统生成，仅供演示与测试，不具有法律效力。电子印章与证书信息可用 sealcheck 离线查验。\n"
       "Generated by the sealcheck demo issuer — not a real certificate. Verify the seal with sealcheck.",
       kSans, 7.5, 60, kHeight - 70, Align::kLeft, kWidth - 260);
  return seal_circle;
}

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> certificate_rows(const CertificateData& c) {
  return {
      {"姓　　名", c.holder},
      {"性　　别", c.gender},
      {"证件类型", c.id_type},
      {"证件号码", c.id_number},
      {"资格名称", c.qualification},
      {"级　　别", c.level.empty() ? "—" : c.level},
      {"专　　业", c.specialty.empty() ? "—" : c.specialty},
      {"批准日期", c.approval_date},
      {"签发日期", c.issue_date},
      {"管 理 号", c.management_number},
      {"证书编号", c.number},
      {"颁发单位", c.issuing_body},
  };
}

std::vector<std::uint8_t> render_certificate_pdf(const RenderInput& in, std::array<double, 4>* seal_rect) {
  std::vector<std::uint8_t> out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to, &out, kWidth, kHeight);
  cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
  const std::string title = "职业资格电子证书（演示）" + in.certificate.number;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "sealcheck demo issuer");
  const std::string created = format_beijing(in.created_at);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, created.c_str());
  cairo_t* cr = cairo_create(surface);
  const auto [cx, cy, r] = page(cr, in);
  if (seal_rect) *seal_rect = {cx - r, kHeight - (cy + r), cx + r, kHeight - (cy - r)};
  cairo_show_page(cr);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(cairo_status_to_string(status));
  return out;
}

std::vector<std::uint8_t> render_certificate_png(const RenderInput& in, double scale) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(kWidth * scale),
                                                        static_cast<int>(kHeight * scale));
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  page(cr, in);
  cairo_destroy(cr);
  std::vector<std::uint8_t> out;
  cairo_surface_write_to_png_stream(surface, append_to, &out);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace sealcheck::issuer
