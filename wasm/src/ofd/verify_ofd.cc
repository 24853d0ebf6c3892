// OFD documents (GB/T 33190) sealed with GB/T 38540 / GM/T 0031 seals or
// signed with CMS: the package read (ofd/package.h), the last signature's
// references checked against every file of the package, its signed value
// verified like a PDF seal's (crypto/cms_check.h) over its Signature.xml,
// earlier signatures reported, then the certificate judged from the
// pages' text (judgement.h).
//
// Coverage rule: every file of the package is named by the last
// signature's references with a matching digest, except that signature's
// own Signature.xml (its bytes are what the signed value signs) and
// SignedValue, and the signature list (which only says where signatures
// are). A file added, changed or removed after sealing is "modified after
// sealing".
#include "ofd/verify_ofd.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "crypto/cms_check.h"
#include "crypto/der.h"
#include "judgement.h"
#include "ofd/package.h"
#include "ofd/page_text.h"
#include "ofd/xml.h"
#include "pdf/attachments.h"
#include "sealcheck/certificate.h"
#include "sealcheck/limits.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"

namespace sealcheck {
namespace {

using ofd::OfdPackage;
using ofd::OfdSignature;

// CheckMethod: GB/T 33190 names SM3 by name or OID; SHA-256 as some
// producers write it. MD5 (the standard's default) and SHA-1 are refused.
const EVP_MD* check_method_digest(std::string_view method) {
  std::string m;
  for (char c : method) {
    if (c != '-' && c != '_') m += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (m == "sm3" || m == "1.2.156.10197.1.401") return EVP_sm3();
  if (m == "sha256" || m == "2.16.840.1.101.3.4.2.1") return EVP_sha256();
  return nullptr;
}

struct ReferenceCheck final {
  Code code = Code::kOk;
  std::string detail;
};

// Every reference of `sig` names a file of the package whose digest is
// its CheckValue; `except` (the signature list, for an earlier signature)
// is allowed to have changed since.
ReferenceCheck check_references(const OfdPackage& pkg, const OfdSignature& sig, std::string_view except) {
  const EVP_MD* md = check_method_digest(sig.check_method);
  if (md == nullptr) return {Code::kDigestUnsupported, "CheckMethod " + sig.check_method};
  for (const ofd::OfdReference& ref : sig.references) {
    if (!except.empty() && ofd::same_path(ref.path, except)) continue;
    std::string why;
    const std::optional<ofd::Bytes> bytes = pkg.read(ref.path, &why);
    if (!bytes) {
      if (pkg.entry(ref.path) == nullptr) return {Code::kModifiedAfterSealing, ref.path + " was removed after sealing"};
      return {Code::kStructureUnreadable, ref.path + ": " + why};
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes->data(), bytes->size(), digest, &len, md, nullptr) != 1) {
      return {Code::kDigestUnsupported, "CheckMethod " + sig.check_method};
    }
    if (ref.value.size() != len || std::memcmp(ref.value.data(), digest, len) != 0) {
      return {Code::kModifiedAfterSealing, ref.path + " was changed after sealing"};
    }
  }
  return {};
}

bool same_path_entry(std::string_view a, std::string_view b) { return ofd::same_path(a, b); }

// Files of the package the last signature does not vouch for.
ReferenceCheck check_whole_package(const OfdPackage& pkg, const OfdSignature& sig) {
  for (const ofd::ZipEntry& e : pkg.zip.entries) {
    if (e.name.ends_with('/') && e.size == 0) continue;  // a directory
    if (ofd::same_path(e.name, sig.path) || ofd::same_path(e.name, sig.signed_value) ||
        ofd::same_path(e.name, pkg.signatures)) {
      continue;
    }
    const bool named = std::any_of(sig.references.begin(), sig.references.end(),
                                   [&](const ofd::OfdReference& r) { return ofd::same_path(r.path, e.name); });
    // OFD.xml, the entry file, is rewritten when a signature is added (its
    // DocBody gains Signatures), so some producers leave it out. Left out,
    // it is still read for nothing but where Document.xml and the
    // signature list are, and that Document.xml is covered like every
    // other file; changed while covered, it is a change like any other.
    if (!named && same_path_entry(e.name, "OFD.xml")) continue;
    if (!named) return {Code::kModifiedAfterSealing, e.name + " is not covered by the seal (added after sealing)"};
  }
  return {};
}

std::string describe(const OfdSignature& s, std::size_t index, std::size_t count) {
  std::string d = "signature " + std::to_string(index + 1) + " of " + std::to_string(count);
  if (!s.id.empty()) d += " (ID " + s.id + ")";
  d += ", " + s.type + ", " + s.path;
  return d;
}

// Where the stamp sits: the page's number and its box in points from the
// page's lower left (as a PDF widget's /Rect).
void place_stamp(const OfdPackage& pkg, const OfdSignature& sig, SealInfo& seal) {
  if (sig.stamps.empty()) return;
  const ofd::OfdStamp& st = sig.stamps.front();
  for (std::size_t i = 0; i < pkg.pages.size(); ++i) {
    if (pkg.pages[i].id == st.page_id) seal.page = i + 1;
  }
  constexpr double kPt = 72.0 / 25.4;
  const double height = pkg.page_box[3];
  const auto& b = st.boundary;
  seal.rect = std::array<std::int64_t, 4>{
      static_cast<std::int64_t>(b[0] * kPt), static_cast<std::int64_t>((height - b[1] - b[3]) * kPt),
      static_cast<std::int64_t>((b[0] + b[2]) * kPt), static_cast<std::int64_t>((height - b[1]) * kPt)};
}

// SEQUENCE { INTEGER r, INTEGER s } and nothing else, or 64 raw bytes.
bool bare_signature_value(const ofd::Bytes& v) {
  if (v.size() == 64) return true;
  DerSpan in(v.data(), v.size());
  auto seq = der_expect(in, der::kSequence);
  if (!seq || !in.empty()) return false;
  DerSpan body = seq->value;
  return der_expect(body, der::kInteger) && der_expect(body, der::kInteger) && body.empty();
}

// The attachment named `name` (Name, or Name "." Format, as producers
// split it), from the document's Attachments.xml: the embedded data block,
// a second source beside the page like a PDF's embedded file.
pdf::AttachmentLookup find_attachment(const OfdPackage& pkg, std::string_view name) {
  pdf::AttachmentLookup out;
  if (pkg.attachments.empty()) return out;
  auto fail = [&](pdf::AttachmentLookup::Status status, std::string detail) {
    out.status = status;
    out.detail = std::move(detail);
    return out;
  };
  std::string why;
  const auto bytes = pkg.read(pkg.attachments, &why);
  if (!bytes) return pkg.entry(pkg.attachments) ? fail(pdf::AttachmentLookup::Status::kUnreadable, why) : out;
  const ofd::XmlDocument x = ofd::parse_xml(*bytes);
  if (!x.ok()) return fail(pdf::AttachmentLookup::Status::kUnreadable, pkg.attachments + ": " + x.error);
  std::optional<std::string> found;
  for (const ofd::XmlNode* a : x.children(x.root(), "Attachment")) {
    const std::string* n = a->attribute("Name");
    const std::string* format = a->attribute("Format");
    const bool named = n != nullptr && (*n == name || (format != nullptr && *n + "." + *format == name));
    if (!named) continue;
    const ofd::XmlNode* loc = x.child(*a, "FileLoc");
    const auto path = loc ? ofd::resolve_path(ofd::directory_of(pkg.attachments), loc->text) : std::nullopt;
    if (found || x.count(*a, "FileLoc") != 1 || !path) {
      return fail(pdf::AttachmentLookup::Status::kAmbiguous,
                  std::string(name) + " attached twice, or without one FileLoc");
    }
    found = *path;
  }
  if (!found) return out;
  auto data = pkg.read(*found, &why);
  if (!data) return fail(pdf::AttachmentLookup::Status::kUnreadable, *found + ": " + why);
  out.status = pdf::AttachmentLookup::Status::kFound;
  out.bytes = std::move(*data);
  return out;
}

struct SignatureBytes final {
  ofd::Bytes xml, value;
  std::string error;
};

SignatureBytes read_signature_bytes(const OfdPackage& pkg, const OfdSignature& sig) {
  SignatureBytes out;
  std::string why;
  auto xml = pkg.read(sig.path, &why);
  auto value = xml ? pkg.read(sig.signed_value, &why) : std::nullopt;
  if (!xml || !value) {
    out.error = (xml ? sig.signed_value : sig.path) + ": " + why;
    return out;
  }
  out.xml = std::move(*xml);
  out.value = std::move(*value);
  return out;
}

// Every signature but the last: what it signed still holds (but for the
// signature list), whether its value verifies, who made it. A warning at
// worst; a trusted intact one followed by an untrusted last one means the
// later changes are vouched for by no one known.
void report_earlier(const OfdPackage& pkg, std::size_t last, const CmsInput& base,
                    std::optional<std::int64_t> last_time, Report& r) {
  std::string failed;
  std::size_t n = 0;
  for (std::size_t i = 0; i < pkg.signature_list.size(); ++i) {
    if (i == last) continue;
    const OfdSignature& sig = pkg.signature_list[i];
    EarlierSeal e;
    e.index = ++n;
    e.field = sig.id;
    place_stamp(pkg, sig, e.seal);
    if (!sig.error.empty()) {
      e.code = sig.code;
    } else if (n > limits::kMaxEarlierSealsChecked) {
      e.code = Code::kNotChecked;
    } else {
      const ReferenceCheck refs = check_references(pkg, sig, pkg.signatures);
      const SignatureBytes bytes = read_signature_bytes(pkg, sig);
      if (!bytes.error.empty()) {
        e.code = Code::kStructureUnreadable;
      } else {
        CmsInput in = base;
        in.cms_der = bytes.value;
        in.covered = {bytes.xml, {}};
        CmsOutcome cms = check_cms(in);
        e.seal = std::move(cms.seal);
        place_stamp(pkg, sig, e.seal);
        e.covered_bytes = bytes.xml.size();
        const auto passed = [&](CheckId id) {
          return std::any_of(cms.checks.begin(), cms.checks.end(),
                             [&](const Check& k) { return k.id == id && k.status == Status::kPass; });
        };
        e.verifies = passed(CheckId::kCms) && refs.code == Code::kOk;
        e.trusted = e.verifies && passed(CheckId::kTrust);
        e.code = refs.code != Code::kOk ? refs.code : Code::kOk;
        for (const Check& c : cms.checks) {
          if (e.code == Code::kOk && c.status == Status::kFail) e.code = c.code;
        }
        if (e.code == Code::kOk && cms.signed_at && last_time && *cms.signed_at > *last_time + kClockToleranceSeconds) {
          e.code = Code::kEarlierSealDatedAfterLast;
        }
      }
    }
    if (e.code != Code::kOk || !e.trusted) {
      failed += std::string(failed.empty() ? "" : "; ") + "earlier signature " + std::to_string(e.index) +
                (e.field.empty() ? std::string() : " (ID " + e.field + ")") + ": " +
                std::string(message_for(e.code == Code::kOk ? Code::kChainUntrusted : e.code).id);
    }
    r.earlier_seals.push_back(std::move(e));
  }
  conclude_earlier_seals(r, n, failed, "signature", "ID");
}

Report run_steps(ByteView file, const VerifyOptions& options, ListMemory* memory, bool& electronic_seal) {
  Report r;
  r.validation_time = format_beijing(options.validation_time);
  if (options.sm2_id != kSm2DefaultId) r.sm2_id = options.sm2_id;
  r.checks.push_back({CheckId::kInput, Status::kPass, Code::kInputOfd, {}});

  // --- structure -------------------------------------------------------------
  const OfdPackage pkg = ofd::load_package(file);
  if (!pkg.ok()) {
    r.checks.push_back({CheckId::kStructure, Status::kFail,
                        pkg.code == Code::kSignatureAmbiguous ? Code::kStructureAmbiguous : pkg.code, pkg.error});
    return r;
  }
  r.checks.push_back(
      {CheckId::kStructure, Status::kPass, Code::kStructureOk,
       std::to_string(pkg.zip.entries.size()) + " package entries, " + std::to_string(pkg.pages.size()) + " page(s)"});

  // --- the last signature decides ----------------------------------------------
  const auto& sigs = pkg.signature_list;
  if (sigs.empty()) {
    r.checks.push_back({CheckId::kSignature, Status::kFail, Code::kNoSignature, {}});
    return r;
  }
  const std::size_t last = sigs.size() - 1;
  const OfdSignature& sig = sigs[last];
  if (!sig.error.empty()) {
    r.checks.push_back(
        {CheckId::kSignature, Status::kFail, sig.code, describe(sig, last, sigs.size()) + ": " + sig.error});
    return r;
  }
  if (sig.type != "Seal" && sig.type != "Sign") {
    r.checks.push_back({CheckId::kSignature, Status::kFail, Code::kSignatureUnsupported, "Type " + sig.type});
    return r;
  }
  r.checks.push_back({CheckId::kSignature, Status::kPass, Code::kSignatureFound, describe(sig, last, sigs.size())});

  SealInfo seal;
  place_stamp(pkg, sig, seal);
  ReferenceCheck refs = check_references(pkg, sig, {});
  if (refs.code == Code::kOk) refs = check_whole_package(pkg, sig);
  const bool whole = refs.code == Code::kOk;
  seal.coverage = whole ? "entire-file" : "modified-after-sealing";
  r.checks.push_back({CheckId::kCoverage, whole ? Status::kPass : Status::kFail,
                      whole ? Code::kCoverageEntireFile : refs.code,
                      whole ? std::to_string(sig.references.size()) + " package files" : refs.detail});

  const SignatureBytes bytes = read_signature_bytes(pkg, sig);
  if (!bytes.error.empty()) {
    r.checks.push_back({CheckId::kCms, Status::kFail, Code::kCmsUnparseable, bytes.error});
    r.seal = seal;
    return r;
  }

  // A bare SM2 signature value (some signers of Type="Sign" write only
  // r and s): no certificate says whose key made it.
  if (bare_signature_value(bytes.value)) {
    r.checks.push_back({CheckId::kCms, Status::kFail, Code::kSignatureUnsupported,
                        "a bare signature value without the signer's certificate"});
    r.seal = seal;
    return r;
  }

  // --- the signed value, over Signature.xml ----------------------------------
  CmsInput in;
  in.cms_der = bytes.value;
  in.covered = {bytes.xml, {}};
  in.trust_anchors = &options.trust_anchors;
  in.validation_time = options.validation_time;
  in.sm2_id = options.sm2_id;
  in.digest_content_allowed = true;
  const std::vector<Bytes> tsa_anchors =
      trusted_tsa_anchors(options.trust_list ? &*options.trust_list : nullptr, options.trust_anchors, memory);
  in.tsa_anchors = &tsa_anchors;
  CmsOutcome cms = check_cms(in);
  electronic_seal = cms.electronic_seal;
  const std::optional<std::int64_t> sealed_at = cms.signed_at;
  const bool time_proven = cms.time_proven;
  cms.seal.coverage = seal.coverage;
  cms.seal.page = seal.page;
  cms.seal.rect = seal.rect;
  r.seal = std::move(cms.seal);
  for (Check& c : cms.checks) r.checks.push_back(std::move(c));
  if (sigs.size() > 1 && whole) report_earlier(pkg, last, in, sealed_at, r);

  const bool cms_ok = std::any_of(r.checks.begin(), r.checks.end(),
                                  [](const Check& c) { return c.id == CheckId::kCms && c.status == Status::kPass; });
  if (!whole || !cms_ok) return r;
  std::optional<CertificateDocument> embedded;
  if (!read_embedded(find_attachment(pkg, kCertificateAttachment), embedded, r)) return r;
  judge_certificate(ofd::read_page_certificate(pkg), std::move(embedded), sealed_at, time_proven, options, memory, r);
  return r;
}

}  // namespace

Report verify_ofd(ByteView file, const VerifyOptions& options, ListMemory* memory) {
  bool electronic_seal = false;
  Report r = run_steps(file, options, memory, electronic_seal);
  complete_checks(r.checks, electronic_seal);
  return r;
}

std::optional<std::string> ofd_certificate_number(ByteView file) {
  const OfdPackage pkg = ofd::load_package(file);
  if (!pkg.ok()) return std::nullopt;
  const pdf::AttachmentLookup data = find_attachment(pkg, kCertificateAttachment);
  if (data.status == pdf::AttachmentLookup::Status::kFound) {
    auto parsed = parse_certificate_document({reinterpret_cast<const char*>(data.bytes.data()), data.bytes.size()});
    if (parsed) return parsed->certificate.number;
  }
  const text::PageCertificate page = ofd::read_page_certificate(pkg);
  if (page.outcome == text::PageCertificate::Outcome::kRead &&
      page.present[static_cast<std::size_t>(text::Field::kNumber)])
    return page.document.certificate.number;
  return std::nullopt;
}

std::size_t ofd_page_text_lines(ByteView file) {
  const OfdPackage pkg = ofd::load_package(file);
  return pkg.ok() ? ofd::read_page_certificate(pkg).lines.size() : 0;
}

}  // namespace sealcheck
