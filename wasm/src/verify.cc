// The one entry point: runs the steps in order and collects their checks.
// Each step lives in its own file; this file only sequences them and
// applies the certificate policy: the last seal decides and must cover the
// whole file (or be followed by validation data only); earlier seals and
// document timestamps are checked and reported beside it.
#include "sealcheck/verify.h"

#include <algorithm>
#include <string_view>

#include "coverage.h"
#include "crypto/cms_check.h"
#include "crypto/timestamp.h"
#include "dispatch.h"
#include "judgement.h"
#include "pdf/attachments.h"
#include "pdf/document.h"
#include "pdf/signatures.h"
#include "sealcheck/domain_rules.h"
#include "sealcheck/limits.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"
#include "sources.h"
#include "text/page_certificate.h"
#include "text/pdf_access.h"
#include "validation_revisions.h"

namespace sealcheck {
namespace {

bool supported_sub_filter(const std::string& sf) { return sf == "adbe.pkcs7.detached" || sf == "ETSI.CAdES.detached"; }

// A document timestamp (PAdES B-LTA): a TSA's token over the file so far,
// no seal of anyone.
bool is_document_timestamp(const pdf::SignatureField& s) {
  const pdf::Object* type = s.dict ? s.dict->find("Type") : nullptr;
  return s.sub_filter == "ETSI.RFC3161" || (type != nullptr && type->is_name("DocTimeStamp"));
}

// A trailer or catalog key given twice: pdf.js (our preview) keeps the last
// value, this reader the first, so the two would read different documents.
// Returns where, or "" when there is none.
std::string repeated_structure_key(pdf::Document& doc) {
  const pdf::Dict* trailer = doc.trailer();
  for (const char* k : {"Root", "Encrypt", "Prev", "XRefStm", "Size"}) {
    if (trailer->count(k) > 1) return std::string("trailer /") + k;
  }
  const pdf::Object* root_ref = trailer->find("Root");
  const pdf::Object root = root_ref ? doc.resolve(*root_ref) : pdf::Object{};
  if (const pdf::Dict* catalog = root.as_dict()) {
    for (const char* k : {"Type", "Pages", "Names", "AcroForm", "Perms", "OCProperties"}) {
      if (catalog->count(k) > 1) return std::string("catalog /") + k;
    }
  }
  return {};
}

std::string describe(const pdf::SignatureField& s, std::size_t index, std::size_t count) {
  std::string d = "seal " + std::to_string(index + 1) + " of " + std::to_string(count);
  if (!s.field_name.empty()) d += " (field " + s.field_name + ")";
  if (!s.in_acroform) d += " (not in the form's fields)";
  return d;
}

// The first failed row of one seal's checks, or kOk.
Code first_defect(const std::vector<Check>& checks) {
  for (const Check& c : checks) {
    if (c.status == Status::kFail) return c.code;
  }
  return Code::kOk;
}

// The CRLs and OCSP responses of the file's /DSS (PAdES B-LT), at most 64
// of each of at most 1 MB. Not covered by any seal: each counts only if the
// seal certificate's own authority signed it.
RevocationData dss_revocation(pdf::Document& doc) {
  RevocationData out;
  const pdf::Object* root = doc.trailer()->find("Root");
  const pdf::Object catalog = root ? doc.resolve(*root) : pdf::Object{};
  const pdf::Object* dss = catalog.as_dict() ? catalog.as_dict()->find("DSS") : nullptr;
  const pdf::Object d = dss ? doc.resolve(*dss) : pdf::Object{};
  if (!d.as_dict() || d.as_stream()) return out;
  for (const auto& [key, into] :
       {std::pair<const char*, std::vector<Bytes>*>{"CRLs", &out.crls}, {"OCSPs", &out.ocsps}}) {
    const pdf::Object* entry = d.as_dict()->find(key);
    const pdf::Object list = entry ? doc.resolve(*entry) : pdf::Object{};
    if (const pdf::Array* a = list.as_array()) {
      for (std::size_t i = 0; i < a->size() && i < 64; ++i) {
        if (auto bytes = text::stream_data(doc, doc.resolve((*a)[i]), 1u << 20)) into->push_back(std::move(*bytes));
      }
    }
  }
  return out;
}

// Every document timestamp, wherever it sits: its byte range graded like a
// seal's, its token over those bytes from a TSA of the trust list. One row;
// a failure is never ignored.
void check_document_timestamps(ByteView pdf, const std::vector<pdf::SignatureField>& sigs,
                               const std::vector<Coverage>& coverages, const VerifyOptions& options, ListMemory* memory,
                               Report& r) {
  std::vector<Bytes> tsa_anchors;
  bool loaded = false;
  std::string verified;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (!is_document_timestamp(sigs[i])) continue;
    const Coverage& c = coverages[i];
    const std::string which =
        "document timestamp" + (sigs[i].field_name.empty() ? std::string() : " (field " + sigs[i].field_name + ")");
    if (c.level < CoverageLevel::kTailUncovered || sigs[i].sub_filter != "ETSI.RFC3161") {
      r.checks.push_back({CheckId::kDocumentTimestamp, Status::kFail,
                          c.level < CoverageLevel::kTailUncovered ? c.code : Code::kSignatureUnsupported,
                          which + (sigs[i].sub_filter.empty() ? "" : ", SubFilter " + sigs[i].sub_filter)});
      return;
    }
    if (!loaded) {
      tsa_anchors =
          trusted_tsa_anchors(options.trust_list ? &*options.trust_list : nullptr, options.trust_anchors, memory);
      loaded = true;
    }
    CmsInput in;
    in.cms_der = c.contents;
    in.covered = {pdf.subspan(0, c.first_length), pdf.subspan(c.second_start, c.second_length)};
    in.validation_time = options.validation_time;
    in.tsa_anchors = &tsa_anchors;
    seal::TimestampResult t = seal::check_document_timestamp(in);
    if (t.check.status != Status::kPass) {
      t.check.detail = which + ": " + t.check.detail;
      r.checks.push_back(std::move(t.check));
      return;
    }
    verified += (verified.empty() ? "" : "; ") + t.check.detail;
  }
  if (!verified.empty()) {
    r.checks.push_back({CheckId::kDocumentTimestamp, Status::kPass, Code::kTimestampVerified, verified});
  }
}

// Reports every seal but the last (`primary`): what it signs (which earlier
// revision), who made it and when, whether it verifies. `base` carries the
// options the last seal was checked with. The verdict never depends on them:
// the row is a warning at worst.
void report_earlier_seals(ByteView pdf, pdf::Document& doc, const std::vector<pdf::SignatureField>& sigs,
                          const std::vector<Coverage>& coverages, std::size_t primary, const CmsInput& base,
                          std::optional<std::int64_t> last_time, Report& r) {
  // In the order they were made: by how far their signed bytes reach.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (i != primary && !is_document_timestamp(sigs[i])) order.push_back(i);
  }
  const auto reach = [&](std::size_t i) {
    const Coverage& c = coverages[i];
    return c.level >= CoverageLevel::kTailUncovered ? c.second_start + c.second_length : std::size_t{0};
  };
  // Insertion sort, stable (at most limits::kMaxSignatures seals): the
  // library's stable sort costs the engine more than a kilobyte.
  for (std::size_t k = 1; k < order.size(); ++k) {
    for (std::size_t j = k; j > 0 && reach(order[j]) < reach(order[j - 1]); --j) std::swap(order[j], order[j - 1]);
  }
  std::string failed;
  for (std::size_t n = 0; n < order.size(); ++n) {
    const std::size_t i = order[n];
    const Coverage& c = coverages[i];
    EarlierSeal e;
    e.index = n + 1;
    e.field = sigs[i].field_name;
    e.seal.coverage = std::string(coverage_name(c.level));
    e.seal.page = sigs[i].page;
    e.seal.rect = sigs[i].widget_rect;
    if (c.level >= CoverageLevel::kTailUncovered) {
      e.covered_bytes = c.first_length + c.second_length;
      // It must sign one whole earlier revision: up to that revision's
      // %%EOF, at most its end of line left out.
      const std::size_t end = reach(i);
      const auto& revs = doc.revisions();
      for (std::size_t k = 0; k < revs.size(); ++k) {
        const std::size_t rev_end = revs[k].end;
        const bool eol_only = end <= rev_end && rev_end - end <= 2 &&
                              std::all_of(pdf.begin() + static_cast<std::ptrdiff_t>(end),
                                          pdf.begin() + static_cast<std::ptrdiff_t>(rev_end),
                                          [](std::uint8_t v) { return v == '\r' || v == '\n'; });
        if (eol_only) e.revision = k + 1;
      }
    }
    if (c.level < CoverageLevel::kTailUncovered) {
      e.code = c.code;
    } else if (n >= limits::kMaxEarlierSealsChecked) {
      e.code = Code::kNotChecked;
    } else {
      CmsInput in = base;
      in.cms_der = c.contents;
      in.covered = {pdf.subspan(0, c.first_length), pdf.subspan(c.second_start, c.second_length)};
      in.cades = sigs[i].sub_filter == "ETSI.CAdES.detached";
      in.dictionary_time.reset();
      if (sigs[i].m_date) in.dictionary_time = parse_pdf_date(*sigs[i].m_date);
      CmsOutcome cms = supported_sub_filter(sigs[i].sub_filter) ? check_cms(in) : CmsOutcome{};
      const std::string coverage = e.revision > 0 ? "whole-revision" : e.seal.coverage;
      e.seal = std::move(cms.seal);
      e.seal.coverage = coverage;
      e.seal.page = sigs[i].page;
      e.seal.rect = sigs[i].widget_rect;
      const auto passed = [&](CheckId id) {
        return std::any_of(cms.checks.begin(), cms.checks.end(),
                           [&](const Check& k) { return k.id == id && k.status == Status::kPass; });
      };
      e.verifies = passed(CheckId::kCms);
      e.trusted = e.verifies && passed(CheckId::kTrust);
      e.code = !supported_sub_filter(sigs[i].sub_filter) ? Code::kSignatureUnsupported
               : cms.checks.empty()                      ? Code::kCmsUnparseable
                                                         : first_defect(cms.checks);
      if (e.code == Code::kOk && e.revision == 0) e.code = Code::kEarlierSealPartialRevision;
      if (e.code == Code::kOk && cms.signed_at && last_time && *cms.signed_at > *last_time + kClockToleranceSeconds) {
        e.code = Code::kEarlierSealDatedAfterLast;
      }
    }
    if (e.code != Code::kOk || !e.trusted) {
      failed += std::string(failed.empty() ? "" : "; ") + "earlier seal " + std::to_string(e.index) +
                (e.field.empty() ? std::string() : " (field " + e.field + ")") + ": " +
                std::string(message_for(e.code == Code::kOk ? Code::kChainUntrusted : e.code).id);
    }
    r.earlier_seals.push_back(std::move(e));
  }
  conclude_earlier_seals(r, order.size(), failed, "seal", "field");
}

// The steps, in order; each early return leaves the rest unchecked, and
// complete_checks (verify_pdf) says so. `electronic_seal` is set when the
// seal is a GB/T 38540 one (its own step then applies).
Report run_steps(ByteView pdf, const VerifyOptions& options, ListMemory* memory, bool& electronic_seal) {
  Report r;
  r.validation_time = format_beijing(options.validation_time);
  if (options.sm2_id != kSm2DefaultId) r.sm2_id = options.sm2_id;

  // --- input -------------------------------------------------------------
  auto fail_input = [&](Code code) {
    r.checks.push_back({CheckId::kInput, Status::kFail, code, {}});
    return r;
  };
  if (pdf.empty()) return fail_input(Code::kEmptyFile);
  if (pdf.size() > limits::kMaxFileBytes) return oversized_report(options);
  const std::string_view head(reinterpret_cast<const char*>(pdf.data()), std::min<std::size_t>(pdf.size(), 1024));
  const std::size_t header = head.find("%PDF-");
  if (header != 0) return fail_input(header == std::string_view::npos ? Code::kNotPdf : Code::kBytesBeforeHeader);
  r.checks.push_back({CheckId::kInput, Status::kPass, Code::kInputPdf, {}});

  // --- structure -----------------------------------------------------------
  pdf::Document doc = pdf::Document::load(pdf);
  if (!doc.usable()) {
    r.checks.push_back({CheckId::kStructure, Status::kFail, Code::kStructureUnreadable,
                        doc.warnings().empty() ? std::string() : doc.warnings().back().what});
    return r;
  }
  if (doc.encrypted()) {
    r.checks.push_back({CheckId::kStructure, Status::kFail, Code::kEncrypted, {}});
    return r;
  }
  if (const std::string where = repeated_structure_key(doc); !where.empty()) {
    r.checks.push_back({CheckId::kStructure, Status::kFail, Code::kStructureAmbiguous, where});
    return r;
  }
  if (doc.repaired()) {
    r.checks.push_back({CheckId::kStructure, Status::kWarn, Code::kStructureRepaired,
                        doc.warnings().empty() ? std::string() : doc.warnings().front().what});
  } else {
    r.checks.push_back({CheckId::kStructure, Status::kPass, Code::kStructureOk,
                        std::to_string(doc.revisions().size()) + " revision(s)"});
  }

  // --- signature discovery ---------------------------------------------
  const pdf::Discovery found = pdf::find_signatures(doc);
  const auto& sigs = found.signatures;
  auto fail_signature = [&](Status status, Code code, std::string detail) {
    r.checks.push_back({CheckId::kSignature, status, code, std::move(detail)});
    return r;
  };
  if (sigs.empty()) return fail_signature(Status::kFail, Code::kNoSignature, {});
  if (found.truncated) return fail_signature(Status::kFail, Code::kTooManySignatures, {});
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (sigs[i].duplicate_keys) {
      return fail_signature(Status::kFail, Code::kSignatureAmbiguous, describe(sigs[i], i, sigs.size()));
    }
  }

  // --- coverage of every seal: the last one decides -----------------------
  // Policy: the file is judged by its last seal (the one whose signed bytes
  // reach furthest), which must cover the whole file; earlier seals are
  // reported beside it and decide nothing.
  std::vector<Coverage> coverages;
  for (const auto& s : sigs) coverages.push_back(grade_coverage(pdf, s));
  const auto reach = [&](std::size_t i) {
    const Coverage& c = coverages[i];
    return c.level >= CoverageLevel::kTailUncovered ? c.second_start + c.second_length : std::size_t{0};
  };
  std::optional<std::size_t> last;
  std::size_t seal_count = 0;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (is_document_timestamp(sigs[i])) continue;
    ++seal_count;
    if (!last || reach(i) > reach(*last) || (reach(*last) == 0 && coverages[i].level > coverages[*last].level)) {
      last = i;
    }
  }
  if (!last) return fail_signature(Status::kFail, Code::kNoSignature, "document timestamps only");
  const std::size_t primary = *last;
  // Two seals whose signed bytes end at the same place cannot both be the
  // last one: no genuine sequence of seals writes that.
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (i != primary && !is_document_timestamp(sigs[i]) && reach(primary) > 0 && reach(i) == reach(primary)) {
      return fail_signature(Status::kFail, Code::kSignatureAmbiguous,
                            describe(sigs[i], i, sigs.size()) + " and " +
                                describe(sigs[primary], primary, sigs.size()) + " sign the same bytes");
    }
  }
  const pdf::SignatureField& sig = sigs[primary];
  const Coverage& cov = coverages[primary];
  if (!supported_sub_filter(sig.sub_filter)) {
    return fail_signature(Status::kFail, Code::kSignatureUnsupported,
                          "SubFilter " + (sig.sub_filter.empty() ? std::string("missing") : sig.sub_filter));
  }
  // Counted among the seals only: document timestamps are no seals.
  const auto ordinal = [&](std::size_t i) {
    return static_cast<std::size_t>(
        std::count_if(sigs.begin(), sigs.begin() + static_cast<std::ptrdiff_t>(i),
                      [](const pdf::SignatureField& s) { return !is_document_timestamp(s); }));
  };
  r.checks.push_back(
      {CheckId::kSignature, Status::kPass, Code::kSignatureFound, describe(sig, ordinal(primary), seal_count)});

  SealInfo seal;
  seal.coverage = std::string(coverage_name(cov.level));
  seal.page = sig.page;
  seal.rect = sig.widget_rect;
  // Revisions after the seal that add only long-term validation data
  // leave the sealed document as it was: the sealed revision, read on its
  // own, is then the document judged.
  std::optional<pdf::Document> sealed_doc;
  bool validation_data_only = false;
  std::string after_seal;
  if (cov.level == CoverageLevel::kTailUncovered) {
    const std::size_t sealed_end = cov.second_start + cov.second_length;
    sealed_doc.emplace(pdf::Document::load(pdf.subspan(0, sealed_end)));
    const ValidationRevisions v = check_validation_revisions(pdf, doc, *sealed_doc, sealed_end);
    validation_data_only = v.ok;
    after_seal = v.detail;
  }
  const bool whole = cov.level == CoverageLevel::kEntireFile || validation_data_only;
  if (validation_data_only) seal.coverage = "validation-data-after";
  r.checks.push_back({CheckId::kCoverage, whole ? Status::kPass : Status::kFail,
                      validation_data_only ? Code::kValidationDataOnly : cov.code, after_seal});
  check_document_timestamps(pdf, sigs, coverages, options, memory, r);
  if (cov.level < CoverageLevel::kTailUncovered) {
    r.seal = seal;
    return r;
  }

  // --- CMS, trust, key usage ---------------------------------------------
  // Also run for tail-uncovered files: the report then says both "the seal
  // itself is genuine" and "the file was changed afterwards".
  CmsInput in;
  in.cms_der = cov.contents;
  in.covered = {pdf.subspan(0, cov.first_length), pdf.subspan(cov.second_start, cov.second_length)};
  in.trust_anchors = &options.trust_anchors;
  in.validation_time = options.validation_time;
  in.cades = sig.sub_filter == "ETSI.CAdES.detached";
  in.sm2_id = options.sm2_id;
  // A /M that is no date is no statement of time: the seal's own decides.
  if (sig.m_date) in.dictionary_time = parse_pdf_date(*sig.m_date);
  const std::vector<Bytes> tsa_anchors =
      trusted_tsa_anchors(options.trust_list ? &*options.trust_list : nullptr, options.trust_anchors, memory);
  in.tsa_anchors = &tsa_anchors;
  const RevocationData file_revocation = dss_revocation(doc);
  in.file_revocation = &file_revocation;
  CmsOutcome cms = check_cms(in);
  const bool time_proven = cms.time_proven;
  const std::optional<std::int64_t> sealed_at = cms.signed_at;
  electronic_seal = cms.electronic_seal;
  cms.seal.coverage = seal.coverage;
  cms.seal.page = seal.page;
  cms.seal.rect = seal.rect;
  r.seal = std::move(cms.seal);
  for (Check& c : cms.checks) r.checks.push_back(std::move(c));
  if (seal_count > 1 && whole) report_earlier_seals(pdf, doc, sigs, coverages, primary, in, sealed_at, r);

  // --- certificate data and annotation, from the sealed bytes only --------
  // Only when the last seal provably covers them: the whole file, and a
  // digest and signature that check out. Read from the final revision, the
  // one that seal signs, never from an earlier one.
  const bool cms_ok = std::any_of(r.checks.begin(), r.checks.end(),
                                  [](const Check& c) { return c.id == CheckId::kCms && c.status == Status::kPass; });
  if (!whole || !cms_ok) {
    return r;
  }
  pdf::Document& judged = validation_data_only ? *sealed_doc : doc;
  // Two sources: the embedded data block (our issuer's) and the text the
  // sealed pages print (every issuer's). Either alone will do; both must agree.
  std::optional<CertificateDocument> embedded;
  if (!read_embedded(pdf::find_attachment(judged, kCertificateAttachment), embedded, r)) return r;
  judge_certificate(text::read_page_certificate(judged, text::Tables{options.gbk_table}), std::move(embedded),
                    sealed_at, time_proven, options, memory, r);
  return r;
}

}  // namespace

Report verify_pdf(ByteView pdf, const VerifyOptions& options, ListMemory* memory) {
  bool electronic_seal = false;
  Report r = run_steps(pdf, options, memory, electronic_seal);
  complete_checks(r.checks, electronic_seal);
  return r;
}

Report unreadable_report(const VerifyOptions& options, std::string reason) {
  Report r;
  r.validation_time = format_beijing(options.validation_time);
  r.checks.push_back({CheckId::kInput, Status::kFail, Code::kUnreadable, std::move(reason)});
  complete_checks(r.checks, false);
  return r;
}

Report oversized_report(const VerifyOptions& options) {
  Report r;
  r.validation_time = format_beijing(options.validation_time);
  r.checks.push_back({CheckId::kInput, Status::kFail, Code::kFileTooLarge, {}});
  complete_checks(r.checks, false);
  return r;
}

std::size_t pdf_page_text_lines(ByteView pdf, ByteView gbk_table) {
  if (pdf.empty() || pdf.size() > limits::kMaxFileBytes) return 0;
  pdf::Document doc = pdf::Document::load(pdf);
  if (!doc.usable() || doc.encrypted()) return 0;
  return text::read_page_certificate(doc, text::Tables{gbk_table}).lines.size();
}

std::optional<std::string> pdf_certificate_number(ByteView pdf, ByteView gbk_table) {
  if (pdf.empty() || pdf.size() > limits::kMaxFileBytes) return std::nullopt;
  pdf::Document doc = pdf::Document::load(pdf);
  if (!doc.usable() || doc.encrypted()) return std::nullopt;
  const pdf::AttachmentLookup data = pdf::find_attachment(doc, kCertificateAttachment);
  if (data.status == pdf::AttachmentLookup::Status::kFound) {
    auto parsed = parse_certificate_document({reinterpret_cast<const char*>(data.bytes.data()), data.bytes.size()});
    if (parsed) return parsed->certificate.number;
  }
  const text::PageCertificate page = text::read_page_certificate(doc, text::Tables{gbk_table});
  if (page.outcome == text::PageCertificate::Outcome::kRead &&
      page.present[static_cast<std::size_t>(text::Field::kNumber)])
    return page.document.certificate.number;
  return std::nullopt;
}

}  // namespace sealcheck
