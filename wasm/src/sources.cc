#include "sources.h"

#include "text/normalize.h"

namespace sealcheck {
namespace {

using text::Field;

struct Pair {
  Field field;
  std::string CertificateData::*member;
  std::string_view key;  // the JSON key (report.h)
};
constexpr Pair kPairs[] = {
    {Field::kNumber, &CertificateData::number, "number"},
    {Field::kManagementNumber, &CertificateData::management_number, "management_number"},
    {Field::kHolder, &CertificateData::holder, "holder"},
    {Field::kGender, &CertificateData::gender, "gender"},
    {Field::kIdType, &CertificateData::id_type, "id_type"},
    {Field::kIdNumber, &CertificateData::id_number, "id_number"},
    {Field::kQualification, &CertificateData::qualification, "qualification"},
    {Field::kLevel, &CertificateData::level, "level"},
    {Field::kSpecialty, &CertificateData::specialty, "specialty"},
    {Field::kApprovalDate, &CertificateData::approval_date, "approval_date"},
    {Field::kIssueDate, &CertificateData::issue_date, "issue_date"},
    {Field::kIssuingBody, &CertificateData::issuing_body, "issuing_body"},
};

// Equal for matching: folded, without spaces.
bool same(std::string_view a, std::string_view b) { return text::matching_key(a) == text::matching_key(b); }

std::string conflict(std::string_view what, std::string_view page, std::string_view embedded) {
  return std::string(what) + ": page \"" + std::string(page) + "\", embedded \"" + std::string(embedded) + "\"";
}

}  // namespace

MergedCertificate merge_sources(const text::PageCertificate* page, const CertificateDocument* embedded) {
  MergedCertificate m;
  auto fail = [&](Code code, std::string detail) {
    m.ok = false;
    m.code = code;
    m.detail = std::move(detail);
    return m;
  };
  if (page == nullptr && embedded == nullptr) return fail(Code::kNoCertificateData, {});
  if (embedded) m.document = *embedded;
  for (const Pair& p : kPairs) {
    const bool on_page = page && page->present[static_cast<std::size_t>(p.field)];
    const std::string* pv = on_page ? &(page->document.certificate.*p.member) : nullptr;
    if (on_page && embedded && !same(*pv, embedded->certificate.*p.member)) {
      return fail(Code::kCertificateDataConflict,
                  conflict(text::label_of(p.field), *pv, embedded->certificate.*p.member));
    }
    if (on_page && !embedded) m.document.certificate.*p.member = *pv;
    m.sources.fields.emplace_back(std::string(p.key), on_page && embedded ? FieldSources::kBoth
                                                      : on_page           ? FieldSources::kPage
                                                      : embedded          ? FieldSources::kEmbedded
                                                                          : FieldSources::kNone);
  }
  if (!embedded) {
    std::string missing;
    for (const Field f :
         {Field::kHolder, Field::kNumber, Field::kQualification, Field::kIssueDate, Field::kIssuingBody}) {
      if (!page->present[static_cast<std::size_t>(f)])
        missing += (missing.empty() ? "" : ", ") + std::string(text::label_of(f));
    }
    if (!missing.empty()) return fail(Code::kCertificateDetailsIncomplete, missing);
  }

  // The annotation: printed, embedded, or both (then alike).
  const std::optional<Annotation>* pa = page ? &page->document.annotation : nullptr;
  if (page && embedded) {
    const auto& ea = embedded->annotation;
    if (pa->has_value() != ea.has_value()) {
      return fail(Code::kCertificateDataConflict, pa->has_value()
                                                      ? "加注: printed on the page, not in the embedded data"
                                                      : "加注: in the embedded data, not printed on the page");
    }
    if (ea) {
      const Annotation& p = **pa;
      if (!same(p.scenario, ea->scenario))
        return fail(Code::kCertificateDataConflict, conflict("使用场景", p.scenario, ea->scenario));
      if (p.not_after != ea->not_after || (!p.not_before.empty() && p.not_before != ea->not_before)) {
        return fail(Code::kCertificateDataConflict,
                    conflict("加注有效期", p.not_before + " – " + p.not_after, ea->not_before + " – " + ea->not_after));
      }
      if (!p.applied_on.empty() && p.applied_on != ea->applied_on) {
        return fail(Code::kCertificateDataConflict, conflict("申请日期", p.applied_on, ea->applied_on));
      }
    }
    m.sources.annotation = ea ? FieldSources::kBoth : FieldSources::kNone;
  } else if (embedded) {
    m.sources.annotation = embedded->annotation ? FieldSources::kEmbedded : FieldSources::kNone;
  } else {
    m.document.annotation = *pa;
    m.sources.annotation = pa->has_value() ? FieldSources::kPage : FieldSources::kNone;
  }
  m.ok = true;
  return m;
}

}  // namespace sealcheck
