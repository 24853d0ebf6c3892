// Typesets a certificate as an A4 PDF with cairo + pango (native only):
// title, holder, masked ID number, qualification, dates, numbers, issuing
// body, the annotation (加注) box and a drawn seal, with a DEMO watermark.
// Fonts: Noto Serif/Sans CJK SC (Debian fonts-noto-cjk), subset-embedded.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sealcheck/certificate.h"

namespace sealcheck::issuer {

struct RenderInput final {
  CertificateData certificate;  // id_number already masked
  std::optional<Annotation> annotation;
  bool annotation_exempt = false;  // an association's, sealed before 2021-12-17 (rules::annotation_need)
  std::string seal_name;           // drawn around the seal
  std::int64_t created_at = 0;     // PDF creation date (Unix seconds)
};

// The labelled rows the certificate prints (label, value), in order: the
// same on the PDF and the OFD page.
std::vector<std::pair<std::string, std::string>> certificate_rows(const CertificateData& c);

// The unsigned PDF. Throws std::runtime_error if cairo fails. seal_rect,
// if given, receives where the seal is drawn on the page, in PDF user space
// [x1 y1 x2 y2] (for the signature widget's /Rect).
std::vector<std::uint8_t> render_certificate_pdf(const RenderInput& input, std::array<double, 4>* seal_rect = nullptr);

// First page as PNG (docs and visual checks).
std::vector<std::uint8_t> render_certificate_png(const RenderInput& input, double scale = 1.5);

}  // namespace sealcheck::issuer
