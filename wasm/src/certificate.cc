#include "sealcheck/certificate.h"

#include "json_writer.h"
#include "sealcheck/json.h"
#include "sealcheck/time.h"

namespace sealcheck {
namespace {

struct Field {
  const char* key;
  std::string CertificateData::*member;
  bool date;
};

constexpr Field kFields[] = {
    {"number", &CertificateData::number, false},
    {"management_number", &CertificateData::management_number, false},
    {"holder", &CertificateData::holder, false},
    {"gender", &CertificateData::gender, false},
    {"id_type", &CertificateData::id_type, false},
    {"id_number", &CertificateData::id_number, false},
    {"qualification", &CertificateData::qualification, false},
    {"level", &CertificateData::level, false},
    {"specialty", &CertificateData::specialty, false},
    {"approval_date", &CertificateData::approval_date, true},
    {"issue_date", &CertificateData::issue_date, true},
    {"issuing_body", &CertificateData::issuing_body, false},
};

constexpr std::size_t kMaxFieldBytes = 256;

bool read_fields(const json::Object& o, CertificateData& out, std::string* error) {
  for (const Field& f : kFields) {
    const std::string* v = json::get_string(o, f.key);
    if (v == nullptr || v->size() > kMaxFieldBytes || (f.date && !is_date(*v))) {
      if (error) *error = std::string("field \"") + f.key + "\" is missing or malformed";
      return false;
    }
    out.*f.member = *v;
  }
  for (const char* required : {"number", "holder", "qualification", "issue_date", "issuing_body"}) {
    if (json::get_string(o, required)->empty()) {
      if (error) *error = std::string("field \"") + required + "\" is empty";
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_date(std::string_view t) { return t.size() == 10 && parse_iso8601(t).has_value(); }

std::string mask_id_number(std::string_view id) {
  if (id.size() >= 10) return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
  if (id.empty()) return {};
  return std::string(id.size() - 1, '*') + id.back();
}

std::optional<CertificateData> parse_certificate_input(std::string_view text, std::string* error) {
  const auto v = json::parse(text, error);
  const json::Object* o = v ? v->as_object() : nullptr;
  if (o == nullptr) {
    if (error && error->empty()) *error = "not a JSON object";
    return std::nullopt;
  }
  CertificateData d;
  if (!read_fields(*o, d, error)) return std::nullopt;
  return d;
}

std::optional<CertificateDocument> parse_certificate_document(std::string_view text, std::string* error) {
  const auto v = json::parse(text, error);
  const json::Object* o = v ? v->as_object() : nullptr;
  if (o == nullptr) {
    if (error && error->empty()) *error = "not a JSON object";
    return std::nullopt;
  }
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
  if (!read_fields(*c->second.as_object(), doc.certificate, error)) return std::nullopt;
  if (const auto a = o->find("annotation"); a != o->end() && a->second.as_object() != nullptr) {
    const json::Object& ao = *a->second.as_object();
    Annotation ann;
    const std::string* s = json::get_string(ao, "scenario");
    const std::string* nb = json::get_string(ao, "not_before");
    const std::string* na = json::get_string(ao, "not_after");
    const std::string* ap = json::get_string(ao, "applied_on");
    if (!s || !nb || !na || !ap || s->size() > kMaxFieldBytes || !is_date(*nb) || !is_date(*na) || !is_date(*ap)) {
      if (error) *error = "annotation is malformed";
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
