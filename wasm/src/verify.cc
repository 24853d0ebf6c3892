// The one entry point: runs the steps in order and collects their checks.
// Each step lives in its own file; this file only sequences them.
#include "sealcheck/verify.h"

#include "coverage.h"
#include "crypto/cms_check.h"
#include "pdf/signature_locator.h"
#include "sealcheck/limits.h"
#include "sealcheck/time.h"

namespace sealcheck {
namespace {

void skip_all(Report& r, std::initializer_list<const char*> ids) {
  for (const char* id : ids) r.checks.push_back({id, Status::kSkip, Code::kOk, {}});
}

}  // namespace

Report unreadable_report(const VerifyOptions& options, std::string reason) {
  Report r;
  r.validation_time = format_beijing(options.validation_time);
  r.checks.push_back({"input", Status::kFail, Code::kUnreadable, std::move(reason)});
  skip_all(r, {"signature", "coverage", "cms", "algorithm", "trust", "key_usage"});
  return r;
}

Report verify_pdf(ByteView pdf, const VerifyOptions& options) {
  Report r;
  r.validation_time = format_beijing(options.validation_time);
  auto fail_input = [&](Status status, Code code) {
    r.checks.push_back({"input", status, code, {}});
    skip_all(r, {"signature", "coverage", "cms", "algorithm", "trust", "key_usage"});
    return r;
  };

  // --- input ---------------------------------------------------------------
  if (pdf.empty()) return fail_input(Status::kFail, Code::kEmptyFile);
  if (pdf.size() > limits::kMaxFileBytes) return fail_input(Status::kFail, Code::kFileTooLarge);
  const pdf::ScanResult scan = pdf::scan(pdf);
  if (!scan.header_at_zero) {
    return fail_input(Status::kFail, scan.header_found_later ? Code::kBytesBeforeHeader : Code::kNotPdf);
  }
  r.checks.push_back({"input", Status::kPass, Code::kInputPdf, {}});

  // --- signature -------------------------------------------------------------
  if (scan.candidates.empty()) {
    r.checks.push_back({"signature", Status::kFail, Code::kNoSignature, {}});
    skip_all(r, {"coverage", "cms", "algorithm", "trust", "key_usage"});
    return r;
  }
  if (scan.candidates.size() > 1 || scan.truncated_scan) {
    r.checks.push_back({"signature", Status::kFail, Code::kMultipleSignatures,
                        std::to_string(scan.candidates.size())});
    skip_all(r, {"coverage", "cms", "algorithm", "trust", "key_usage"});
    return r;
  }
  r.checks.push_back({"signature", Status::kPass, Code::kSignatureFound, {}});
  const pdf::SignatureCandidate& sig = scan.candidates.front();

  // --- coverage --------------------------------------------------------------
  const Coverage cov =
      sig.byte_range ? grade_coverage(pdf, *sig.byte_range, sig.byte_range_offset) : Coverage{};
  SealInfo seal;
  seal.coverage = std::string(coverage_name(cov.level));
  const bool covered = cov.level == CoverageLevel::kEntireFile;
  r.checks.push_back({"coverage", covered ? Status::kPass : Status::kFail, cov.code, {}});
  if (cov.level < CoverageLevel::kTailUncovered) {
    r.seal = seal;
    skip_all(r, {"cms", "algorithm", "trust", "key_usage"});
    return r;
  }

  // --- CMS, trust, key usage ----------------------------------------------
  // Also run for tail-uncovered files: the report then says both "the seal
  // itself is genuine" and "the file was changed afterwards".
  CmsInput in;
  in.cms_der = cov.contents;
  in.covered = {pdf.subspan(0, cov.first_length), pdf.subspan(cov.second_start, cov.second_length)};
  in.trust_anchors = &options.trust_anchors;
  in.validation_time = options.validation_time;
  CmsOutcome cms = check_cms(in);
  cms.seal.coverage = seal.coverage;
  r.seal = std::move(cms.seal);
  for (Check& c : cms.checks) r.checks.push_back(std::move(c));
  return r;
}

}  // namespace sealcheck
