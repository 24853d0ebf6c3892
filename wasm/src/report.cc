#include "sealcheck/report.h"

#include "json_writer.h"

namespace sealcheck {

std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::kPass: return "pass";
    case Status::kFail: return "fail";
    case Status::kWarn: return "warn";
    case Status::kSkip: return "skip";
  }
  return "fail";
}

std::string_view to_string(FieldSources::Source s) noexcept {
  switch (s) {
    case FieldSources::kPage: return "page";
    case FieldSources::kEmbedded: return "embedded";
    case FieldSources::kBoth: return "page+embedded";
    case FieldSources::kNone: break;
  }
  return "none";
}

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::kValid: return "valid";
    case Verdict::kInvalid: return "invalid";
    case Verdict::kIndeterminate: return "indeterminate";
  }
  return "indeterminate";
}

std::string_view to_string(CheckId id) noexcept {
  // Intentionally no default: a new id without a name does not compile
  // quietly (-Wswitch).
  switch (id) {
    case CheckId::kInput: return "input";
    case CheckId::kStructure: return "structure";
    case CheckId::kSignature: return "signature";
    case CheckId::kCoverage: return "coverage";
    case CheckId::kCms: return "cms";
    case CheckId::kEseal: return "eseal";
    case CheckId::kAlgorithm: return "algorithm";
    case CheckId::kSigningCertificate: return "signing_certificate";
    case CheckId::kTrust: return "trust";
    case CheckId::kSigningTime: return "signing_time";
    case CheckId::kTimestamp: return "timestamp";
    case CheckId::kDocumentTimestamp: return "document_timestamp";
    case CheckId::kSealRevocation: return "seal_revocation";
    case CheckId::kKeyUsage: return "key_usage";
    case CheckId::kEarlierSeals: return "earlier_seals";
    case CheckId::kCertificate: return "certificate";
    case CheckId::kAnnotation: return "annotation";
    case CheckId::kSealPolicy: return "seal_policy";
    case CheckId::kRevocation: return "revocation";
  }
  return "unknown";
}

void complete_checks(std::vector<Check>& checks, bool electronic_seal) {
  std::vector<Check> out;
  out.reserve(checks.size() + kCheckCount);
  for (int i = 0; i < kCheckCount; ++i) {
    const auto id = static_cast<CheckId>(i);
    bool any = false;
    for (Check& c : checks) {
      if (c.id != id) continue;
      out.push_back(std::move(c));
      any = true;
    }
    const bool optional = id == CheckId::kSigningCertificate || id == CheckId::kSigningTime ||
                          id == CheckId::kTimestamp || id == CheckId::kDocumentTimestamp ||
                          id == CheckId::kSealRevocation || id == CheckId::kEarlierSeals ||
                          (id == CheckId::kEseal && !electronic_seal);
    if (!any && !optional) out.push_back({id, Status::kSkip, Code::kNotChecked, {}});
  }
  checks = std::move(out);
}

Verdict Report::verdict() const noexcept {
  if (checks.empty()) return Verdict::kIndeterminate;
  bool incomplete = false;
  for (const Check& c : checks) {
    if (c.status == Status::kFail && is_invalid(c.code)) return Verdict::kInvalid;
    // A failure outside the invalid band, or a check that never ran, means
    // we could not finish: never "valid".
    if (c.status == Status::kFail || c.status == Status::kSkip) incomplete = true;
  }
  return incomplete ? Verdict::kIndeterminate : Verdict::kValid;
}

namespace {

// What a seal says about itself, for the judged seal and earlier ones alike.
void seal_fields(JsonWriter& w, const SealInfo& s) {
  w.key("signer").string(s.signer);
  w.key("issuer").string(s.issuer);
  w.key("signed_at").string(s.signed_at);
  if (!s.time_source.empty()) w.key("time_source").string(s.time_source);
  if (!s.certificate_not_after.empty()) {
    w.key("certificate_not_after").string(s.certificate_not_after);
    w.key("certificate_expired").boolean(s.certificate_expired);
  }
  w.key("algorithm").string(s.algorithm);
  w.key("coverage").string(s.coverage);
  if (!s.certificate_sha256.empty()) w.key("certificate_sha256").string(s.certificate_sha256);
  if (s.page > 0) w.key("page").number(static_cast<long long>(s.page));
  if (s.rect) {
    w.key("rect").begin_array();
    for (std::int64_t v : *s.rect) w.number(v);
    w.end_array();
  }
}

}  // namespace

std::string to_json(const Report& report, std::string_view file_name) {
  JsonWriter w;
  w.begin_object();
  w.key("file").string(file_name);
  w.key("verdict").string(to_string(report.verdict()));
  w.key("validation_time").string(report.validation_time);
  if (!report.sm2_id.empty()) w.key("sm2_id").string(report.sm2_id);
  w.key("checks").begin_array();
  for (const Check& c : report.checks) {
    const Message& m = message_for(c.code);
    w.begin_object();
    w.key("id").string(to_string(c.id));
    w.key("status").string(to_string(c.status));
    w.key("code").string(m.id);
    w.key("message_zh").string(m.zh);
    w.key("message_en").string(m.en);
    if (!c.detail.empty()) w.key("detail").string(c.detail);
    w.end_object();
  }
  w.end_array();
  if (report.seal) {
    const SealInfo& s = *report.seal;
    w.key("seal").begin_object();
    seal_fields(w, s);
    if (s.eseal) {
      w.key("eseal").begin_object();
      w.key("id").string(s.eseal->id);
      w.key("name").string(s.eseal->name);
      w.key("type").number(static_cast<long long>(s.eseal->type));
      w.key("valid_from").string(s.eseal->valid_from);
      w.key("valid_to").string(s.eseal->valid_to);
      w.key("maker").string(s.eseal->maker);
      w.end_object();
    }
    w.end_object();
  }
  if (!report.earlier_seals.empty()) {
    w.key("earlier_seals").begin_array();
    for (const EarlierSeal& e : report.earlier_seals) {
      w.begin_object();
      w.key("index").number(static_cast<long long>(e.index));
      w.key("field").string(e.field);
      w.key("revision").number(static_cast<long long>(e.revision));
      w.key("covered_bytes").number(static_cast<long long>(e.covered_bytes));
      seal_fields(w, e.seal);
      w.key("verifies").boolean(e.verifies);
      w.key("trusted").boolean(e.trusted);
      if (e.code != Code::kOk) {
        const Message& m = message_for(e.code);
        w.key("code").string(m.id);
        w.key("message_zh").string(m.zh);
        w.key("message_en").string(m.en);
      }
      w.end_object();
    }
    w.end_array();
  }
  if (report.document) {
    const CertificateData& c = report.document->certificate;
    w.key("certificate").begin_object();
    w.key("number").string(c.number);
    w.key("management_number").string(c.management_number);
    w.key("holder").string(c.holder);
    w.key("gender").string(c.gender);
    w.key("id_type").string(c.id_type);
    // Masked again here: never show a full ID number, whoever wrote it.
    w.key("id_number").string(mask_id_number(c.id_number));
    w.key("qualification").string(c.qualification);
    w.key("level").string(c.level);
    w.key("specialty").string(c.specialty);
    w.key("approval_date").string(c.approval_date);
    w.key("issue_date").string(c.issue_date);
    w.key("issuing_body").string(c.issuing_body);
    w.end_object();
    if (const auto& a = report.document->annotation) {
      w.key("annotation").begin_object();
      w.key("scenario").string(a->scenario);
      w.key("not_before").string(a->not_before);
      w.key("not_after").string(a->not_after);
      w.key("applied_on").string(a->applied_on);
      if (report.annotation_days_remaining >= 0) w.key("days_remaining").number(report.annotation_days_remaining);
      w.end_object();
    }
  }
  if (report.sources) {
    w.key("field_sources").begin_object();
    for (const auto& [key, source] : report.sources->fields) {
      if (source != FieldSources::kNone) w.key(key).string(to_string(source));
    }
    if (report.sources->annotation != FieldSources::kNone)
      w.key("annotation").string(to_string(report.sources->annotation));
    w.end_object();
  }
  if (!report.page_text.empty()) {
    w.key("page_text").begin_array();
    for (const std::string& line : report.page_text) w.string(line);
    w.end_array();
  }
  if (!report.needs_table.empty()) w.key("needs_table").string(report.needs_table);
  if (const auto& rv = report.revocation) {
    w.key("revocation").begin_object();
    w.key("status").string(rv->status);
    if (rv->list_number > 0) {
      w.key("list_number").number(static_cast<long long>(rv->list_number));
      w.key("list_this_update").string(rv->list_this_update);
      w.key("list_next_update").string(rv->list_next_update);
    }
    if (!rv->revoked_at.empty()) {
      w.key("revoked_at").string(rv->revoked_at);
      w.key("reason_code").string(rv->reason_code);
      w.key("reason_zh").string(rv->reason_zh);
      w.key("reason_en").string(rv->reason_en);
    }
    w.end_object();
  }
  w.end_object();
  return std::move(w).take();
}

}  // namespace sealcheck
