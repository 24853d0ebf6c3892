#include "sealcheck/certificate.h"

#include "json_writer.h"
#include "sealcheck/json.h"
#include "sealcheck/time.h"
#include "utf8.h"

namespace sealcheck {
namespace {

// What a field may hold: a date, a number in canonical form, a masked ID
// number, or clean text.
enum class Kind { kText, kNumber, kDate, kMaskedId };

struct Field {
  const char* key;
  std::string CertificateData::*member;
  Kind kind;
};

constexpr Field kFields[] = {
    {"number", &CertificateData::number, Kind::kNumber},
    {"management_number", &CertificateData::management_number, Kind::kNumber},
    {"holder", &CertificateData::holder, Kind::kText},
    {"gender", &CertificateData::gender, Kind::kText},
    {"id_type", &CertificateData::id_type, Kind::kText},
    {"id_number", &CertificateData::id_number, Kind::kMaskedId},
    {"qualification", &CertificateData::qualification, Kind::kText},
    {"level", &CertificateData::level, Kind::kText},
    {"specialty", &CertificateData::specialty, Kind::kText},
    {"approval_date", &CertificateData::approval_date, Kind::kDate},
    {"issue_date", &CertificateData::issue_date, Kind::kDate},
    {"issuing_body", &CertificateData::issuing_body, Kind::kText},
};

constexpr std::size_t kMaxFieldBytes = 256;
constexpr std::size_t kMaxNumberLength = 64;

bool fail(std::string* error, Code* code, Code which, std::string why) {
  if (error) *error = std::move(why);
  if (code) *code = which;
  return false;
}

// Masked in PDFs ("1101**********1234"), full in the issuer's input:
// ASCII letters, digits and "*".
bool is_id_text(std::string_view v) {
  for (const char c : v) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*')) return false;
  }
  return true;
}

bool read_fields(const json::Object& o, CertificateData& out, std::string* error, Code* code) {
  for (const Field& f : kFields) {
    const std::string* v = json::get_string(o, f.key);
    if (v == nullptr || v->size() > kMaxFieldBytes || (f.kind == Kind::kDate && !is_date(*v))) {
      return fail(error, code, Code::kCertificateDataMalformed,
                  std::string("field \"") + f.key + "\" is missing or malformed");
    }
    if (f.kind == Kind::kNumber && !v->empty() && !is_canonical_number(*v)) {
      return fail(error, code, Code::kCertificateNumberMalformed,
                  std::string("field \"") + f.key + "\" is not a number in canonical form (0-9, A-Z, -)");
    }
    if ((f.kind == Kind::kText && !is_clean_text(*v)) || (f.kind == Kind::kMaskedId && !is_id_text(*v))) {
      return fail(error, code, Code::kCertificateTextMalformed,
                  std::string("field \"") + f.key + "\" contains control, invisible or extra space characters");
    }
    out.*f.member = *v;
  }
  for (const char* required : {"number", "holder", "qualification", "issue_date", "issuing_body"}) {
    if (json::get_string(o, required)->empty()) {
      return fail(error, code, Code::kCertificateDataMalformed, std::string("field \"") + required + "\" is empty");
    }
  }
  return true;
}

// Characters that draw nothing, draw as a space, steer the display, or are
// not meant for interchange: none belongs in a name shown as evidence.
bool is_hidden(char32_t c) {
  struct Range {
    char32_t first, last;
  };
  static constexpr Range kHidden[] = {
      {0x0000, 0x001F}, {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x034F, 0x034F},   {0x061C, 0x061C},
      {0x115F, 0x1160}, {0x1680, 0x1680},   {0x17B4, 0x17B5},   {0x180B, 0x180F},   {0x2000, 0x200F},
      {0x2028, 0x202F}, {0x205F, 0x206F},   {0x2800, 0x2800},   {0x3000, 0x3000},   {0x3164, 0x3164},
      {0xE000, 0xF8FF}, {0xFDD0, 0xFDEF},   {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},
      {0xFFF0, 0xFFFF}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}, {0xF0000, 0x10FFFF},
  };
  if ((c & 0xFFFE) == 0xFFFE) return true;  // the noncharacters U+xxFFFE, U+xxFFFF
  for (const Range& r : kHidden) {
    if (c >= r.first && c <= r.last) return true;
  }
  return false;
}

}  // namespace

bool is_canonical_number(std::string_view n) {
  if (n.empty() || n.size() > kMaxNumberLength || n.front() == '-' || n.back() == '-') return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const char c = n[i];
    if (c == '-' && n[i + 1] == '-') return false;
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
  }
  return true;
}

bool is_clean_text(std::string_view t) {
  char32_t previous = 0;
  for (std::size_t i = 0; i < t.size();) {
    const auto c = utf8_next(t, i);
    if (!c || is_hidden(*c)) return false;
    // U+0020 only singly, between two other characters.
    if (*c == U' ' && (previous == 0 || previous == U' ')) return false;
    previous = *c;
  }
  return previous != U' ';
}

bool is_date(std::string_view t) { return t.size() == 10 && parse_iso8601(t).has_value(); }

std::string mask_id_number(std::string_view id) {
  if (id.size() >= 10)
    return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
  if (id.empty()) return {};
  return std::string(id.size() - 1, '*') + id.back();
}

namespace {

// The text as a JSON object; nullopt with the reason otherwise.
std::optional<json::Value> read_object(std::string_view text, std::string* error, Code* code) {
  if (code) *code = Code::kCertificateDataMalformed;
  auto v = json::parse(text, error);
  if (!v || !v->as_object()) {
    if (error && error->empty()) *error = "not a JSON object";
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::optional<CertificateData> parse_certificate_input(std::string_view text, std::string* error, Code* code) {
  const auto v = read_object(text, error, code);
  CertificateData d;
  if (!v || !read_fields(*v->as_object(), d, error, code)) return std::nullopt;
  return d;
}

std::optional<CertificateDocument> parse_certificate_document(std::string_view text, std::string* error, Code* code) {
  const auto v = read_object(text, error, code);
  if (!v) return std::nullopt;
  const json::Object* o = v->as_object();
  const std::string* format = json::get_string(*o, "format");
  if (format == nullptr || *format != kCertificateFormat) {
    if (error) *error = "unknown format";
    return std::nullopt;
  }
  const auto c = o->find("certificate");
  if (c == o->end() || c->second.as_object() == nullptr) {
    if (error) *error = "no certificate object";
    return std::nullopt;
  }
  CertificateDocument doc;
  if (!read_fields(*c->second.as_object(), doc.certificate, error, code)) return std::nullopt;
  if (const auto a = o->find("annotation"); a != o->end() && a->second.as_object() != nullptr) {
    const json::Object& ao = *a->second.as_object();
    Annotation ann;
    const std::string* s = json::get_string(ao, "scenario");
    const std::string* nb = json::get_string(ao, "not_before");
    const std::string* na = json::get_string(ao, "not_after");
    const std::string* ap = json::get_string(ao, "applied_on");
    if (!s || !nb || !na || !ap || s->size() > kMaxFieldBytes || !is_date(*nb) || !is_date(*na) || !is_date(*ap)) {
      fail(error, code, Code::kCertificateDataMalformed, "annotation is malformed");
      return std::nullopt;
    }
    if (!is_clean_text(*s)) {
      fail(error, code, Code::kCertificateTextMalformed,
           "the annotation's scenario contains control or invisible characters");
      return std::nullopt;
    }
    ann = {*s, *nb, *na, *ap};
    doc.annotation = ann;
  } else if (a != o->end() && !std::holds_alternative<std::nullptr_t>(a->second.v)) {
    if (error) *error = "annotation is not an object";
    return std::nullopt;
  }
  return doc;
}

std::string to_json(const CertificateDocument& doc) {
  JsonWriter w;
  w.begin_object();
  w.key("format").string(kCertificateFormat);
  w.key("certificate").begin_object();
  for (const Field& f : kFields) w.key(f.key).string(doc.certificate.*f.member);
  w.end_object();
  if (doc.annotation) {
    w.key("annotation").begin_object();
    w.key("scenario").string(doc.annotation->scenario);
    w.key("not_before").string(doc.annotation->not_before);
    w.key("not_after").string(doc.annotation->not_after);
    w.key("applied_on").string(doc.annotation->applied_on);
    w.end_object();
  }
  w.end_object();
  return std::move(w).take();
}

}  // namespace sealcheck
