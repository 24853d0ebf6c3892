#include "judgement.h"

#include <algorithm>

#include "sealcheck/domain_rules.h"
#include "sealcheck/revocation.h"
#include "sealcheck/time.h"
#include "sealcheck/trust_list.h"
#include "sources.h"

namespace sealcheck {

void conclude_earlier_seals(Report& r, std::size_t count, const std::string& failed, std::string_view noun,
                            std::string_view field) {
  const bool last_untrusted = std::any_of(r.checks.begin(), r.checks.end(), [](const Check& c) {
    return c.id == CheckId::kTrust && c.status == Status::kFail && c.code == Code::kChainUntrusted;
  });
  const auto trusted = std::find_if(r.earlier_seals.rbegin(), r.earlier_seals.rend(),
                                    [](const EarlierSeal& e) { return e.trusted && e.code == Code::kOk; });
  if (last_untrusted && trusted != r.earlier_seals.rend()) {
    for (Check& c : r.checks) {
      if (c.id != CheckId::kCoverage) continue;
      c = {CheckId::kCoverage, Status::kFail, Code::kModifiedAfterSealing,
           "after earlier " + std::string(noun) + " " + std::to_string(trusted->index) +
               (trusted->field.empty() ? std::string() : " (" + std::string(field) + " " + trusted->field + ")") +
               ", by a " + std::string(noun) + " whose key we do not trust"};
    }
  }
  if (failed.empty()) {
    r.checks.push_back({CheckId::kEarlierSeals, Status::kPass, Code::kEarlierSealsVerified,
                        std::to_string(count) + " earlier " + std::string(noun) + "(s)"});
  } else {
    r.checks.push_back({CheckId::kEarlierSeals, Status::kWarn, Code::kEarlierSealNotVerified, failed});
  }
}

bool read_embedded(const pdf::AttachmentLookup& data, std::optional<CertificateDocument>& embedded, Report& r) {
  auto fail = [&](Code code, std::string detail) {
    r.checks.push_back({CheckId::kCertificate, Status::kFail, code, std::move(detail)});
    return false;
  };
  switch (data.status) {
    case pdf::AttachmentLookup::Status::kFound: {
      std::string error;
      Code why = Code::kCertificateDataMalformed;
      embedded = parse_certificate_document({reinterpret_cast<const char*>(data.bytes.data()), data.bytes.size()},
                                            &error, &why);
      if (!embedded) return fail(why, error);
      return true;
    }
    case pdf::AttachmentLookup::Status::kAbsent: return true;
    case pdf::AttachmentLookup::Status::kAmbiguous: return fail(Code::kCertificateDataAmbiguous, data.detail);
    case pdf::AttachmentLookup::Status::kUnsupportedEncoding:
      return fail(Code::kCertificateDataEncodingUnsupported, data.detail);
    case pdf::AttachmentLookup::Status::kUnreadable: return fail(Code::kCertificateDataMalformed, data.detail);
  }
  return true;
}

void judge_certificate(text::PageCertificate page, std::optional<CertificateDocument> embedded,
                       std::optional<std::int64_t> sealed_at, bool time_proven, const VerifyOptions& options,
                       ListMemory* memory, Report& r) {
  auto fail_certificate = [&](Code code, std::string detail) {
    r.checks.push_back({CheckId::kCertificate, Status::kFail, code, std::move(detail)});
  };
  r.page_text = std::move(page.lines);
  if (page.needs_gbk) r.needs_table = "gbk";
  using Outcome = text::PageCertificate::Outcome;
  if (page.outcome == Outcome::kRefused) return fail_certificate(page.code, page.detail);
  if (page.outcome == Outcome::kImageOnly && !embedded) return fail_certificate(Code::kCertificateDetailsImageOnly, {});
  MergedCertificate merged =
      merge_sources(page.outcome == Outcome::kRead ? &page : nullptr, embedded ? &*embedded : nullptr);
  if (!merged.ok) return fail_certificate(merged.code, merged.detail);
  std::optional<CertificateDocument> parsed = std::move(merged.document);
  r.sources = std::move(merged.sources);
  const bool from_page = page.outcome == Outcome::kRead;
  r.checks.push_back({CheckId::kCertificate, Status::kPass, Code::kCertificateDataOk,
                      from_page && embedded ? "page+embedded"
                      : from_page           ? "page"
                                            : "embedded"});

  // The 加注 rules speak of when the e-certificate was made: its seal's time.
  // A seal dated after the validation time says the clock (or the seal) is
  // wrong; rules that compare the two have nothing sound to compare.
  const bool seal_in_future = std::any_of(r.checks.begin(), r.checks.end(),
                                          [](const Check& c) { return c.code == Code::kSigningTimeInFuture; });
  if (!seal_in_future) {
    const rules::AnnotationOutcome a = rules::evaluate_annotation(*parsed, sealed_at, options.validation_time);
    r.checks.push_back({CheckId::kAnnotation, is_invalid(a.code) ? Status::kFail : Status::kPass, a.code, a.detail});
    r.annotation_days_remaining = a.days_remaining;
  }

  // --- the right seal for the issuing body (signed trust list) ------------
  // Asked only of a seal whose chain is trusted: for any other the trust
  // check has already said what there is to say.
  const bool chain_ok = std::any_of(r.checks.begin(), r.checks.end(), [](const Check& c) {
    return c.id == CheckId::kTrust && c.status == Status::kPass;
  });
  if (chain_ok) {
    const SealPolicyOutcome sp = check_seal_policy(
        options.trust_list ? &*options.trust_list : nullptr, options.trust_anchors, r.seal->certificate_sha256,
        parsed->certificate.issuing_body, parsed->certificate.qualification, sealed_at, time_proven, memory);
    r.checks.push_back(
        {CheckId::kSealPolicy, sp.code == Code::kSealAuthorized ? Status::kPass : Status::kFail, sp.code, sp.detail});
  }

  // --- revocation: the signed list, judged as of the validation time -------
  const RevocationStatus rs =
      check_revocation(options.revocation ? &*options.revocation : nullptr, options.trust_anchors,
                       parsed->certificate.number, options.validation_time, memory);
  Report::Revocation rv;
  rv.status = rs.kind == RevocationStatus::Kind::kGood      ? "good"
              : rs.kind == RevocationStatus::Kind::kRevoked ? "revoked"
                                                            : "unknown";
  if (rs.manifest) {
    rv.list_number = rs.manifest->list_number;
    rv.list_this_update = format_beijing(rs.manifest->this_update);
    rv.list_next_update = format_beijing(rs.manifest->next_update);
  }
  if (rs.kind == RevocationStatus::Kind::kRevoked) {
    rv.revoked_at = format_beijing(rs.revoked_at);
    rv.reason_code = rs.reason.code;
    rv.reason_zh = rs.reason.zh;
    rv.reason_en = rs.reason.en;
  }
  r.checks.push_back({CheckId::kRevocation, rs.kind == RevocationStatus::Kind::kGood ? Status::kPass : Status::kFail,
                      rs.code, rs.detail});
  r.revocation = std::move(rv);
  r.document = std::move(*parsed);
}

}  // namespace sealcheck
