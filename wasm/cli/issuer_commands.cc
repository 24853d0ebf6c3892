// The issuer's commands: issue, annotate, revoke. Each change to the ledger
// is one transaction; the output file is complete before it commits.
#include "issuer_commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <openssl/pem.h>
#include "crypto/ossl.h"
#include "issuer/annotation_rules.h"
#include "issuer/certificate_render.h"
#include "issuer/ledger.h"
#include "issuer/pdf_sign.h"
#include "issuer/pki.h"
#include "issuer/publish.h"
#include "sealcheck/certificate.h"
#include "sealcheck/certs.h"
#include "sealcheck/domain_rules.h"
#include "sealcheck/time.h"
#include "sealcheck/verify.h"

namespace sealcheck::cli {
namespace {

std::string date_of(std::int64_t t) { return format_beijing(t).substr(0, 10); }

// Renders and seals one certificate PDF (ID masked, data embedded).
Bytes make_certificate_pdf(const CertificateData& full, const std::optional<Annotation>& annotation,
                           issuer::LoadedSeal& seal, std::int64_t at, const std::optional<std::string>& format) {
  CertificateDocument doc{full, annotation};
  doc.certificate.id_number = mask_id_number(full.id_number);
  const bool exempt = rules::annotation_need(full, at) == rules::AnnotationNeed::kExempt;
  issuer::RenderInput in{doc.certificate, annotation, exempt, seal.seal_name, at};
  issuer::SignOptions options;
  const Bytes unsigned_pdf = issuer::render_certificate_pdf(in, &options.rect);
  issuer::Signer signer;
  signer.cert = seal.cert.get();
  signer.key = seal.key.get();
  signer.signing_time = at;
  apply_seal_format(signer, seal, format);
  options.attachment = issuer::Attachment{std::string(kCertificateAttachment), "application/json", to_json(doc)};
  return issuer::sign_pdf(unsigned_pdf, signer, options);
}

// Records a change and its output file: `change` runs inside the
// transaction and returns the file's bytes, which are written whole to
// out.tmp before the commit; only after the commit does out.tmp become out.
// So a file named `out` always has its ledger record (no unrecorded
// certificate under a real name). A crash before the commit leaves no
// record and at most an out.tmp; a crash between the commit and the rename
// leaves the record and the complete file as out.tmp, to be renamed by hand.
void commit_with_file(issuer::Ledger& ledger, const std::string& out, const std::function<Bytes()>& change) {
  const std::string tmp = out + ".tmp";
  try {
    ledger.transaction([&] { write_file(tmp, change()); });
  } catch (...) {
    remove_file(tmp);
    throw;
  }
  rename_file(tmp, out);
}

}  // namespace

void apply_seal_format(issuer::Signer& signer, const issuer::LoadedSeal& seal,
                       const std::optional<std::string>& format) {
  const std::string f = format.value_or("cms");
  if (f == "cms") return;
  if (f != "gbt38540") throw UsageError("--seal-format must be cms or gbt38540");
  if (seal.eseal.empty()) {
    throw Refused("this PKI has no GB/T 38540 seals (they come with 'sealcheck pki init --algo sm2')");
  }
  signer.ses_seal = seal.eseal;
}

int cmd_issue(const Args& args) {
  check_flags(args, {"--pki", "--ledger", "--data", "--out", "--at", "--seal", "--seal-format"});
  const issuer::PkiPaths pki{required(args, "--pki")};
  const std::string out = required(args, "--out");
  const auto at = optional_arg(args, "--at");
  const std::int64_t when = at ? parse_time_arg("--at", *at) : now_seconds();
  const Bytes input = read_file_or_throw(required(args, "--data"));
  std::string error;
  const auto cert = parse_certificate_input({reinterpret_cast<const char*>(input.data()), input.size()}, &error);
  if (!cert) throw Refused("--data: " + error);
  // The same rule the verifier applies: a seal never predates the issue date.
  if (!rules::may_seal_at(*cert, when)) {
    throw Refused("盖章时间早于签发日期 / --at " + format_beijing(when) + " is before the certificate's issue date " +
                  cert->issue_date);
  }
  // The issuing body's own seal, unless --seal names another (demo of a
  // wrongly sealed certificate).
  issuer::LoadedSeal seal = issuer::load_seal(pki, optional_arg(args, "--seal").value_or(cert->issuing_body));
  const Bytes pdf = make_certificate_pdf(*cert, std::nullopt, seal, when, optional_arg(args, "--seal-format"));
  issuer::Ledger ledger(required(args, "--ledger"));
  commit_with_file(ledger, out, [&] {
    ledger.add_certificate(*cert, seal.body, when);
    return pdf;
  });
  std::printf("issued %s (%s), sealed with %s -> %s\n", cert->number.c_str(), cert->holder.c_str(),
              seal.seal_name.c_str(), out.c_str());
  return 0;
}

int cmd_annotate(const Args& args) {
  check_flags(args, {"--pki", "--ledger", "--in", "--scenario", "--from", "--days", "--out", "--at", "--seal-format"});
  const issuer::PkiPaths pki{required(args, "--pki")};
  const auto at = optional_arg(args, "--at");
  const std::int64_t when = at ? parse_time_arg("--at", *at) : now_seconds();
  const std::string days_text = required(args, "--days");
  char* end = nullptr;
  const long days = std::strtol(days_text.c_str(), &end, 10);
  if (days_text.empty() || *end != '\0') throw UsageError("--days: a whole number of days");
  const std::string from = required(args, "--from");
  if (!is_date(from)) throw UsageError("--from: a date YYYY-MM-DD");

  // The input must be one of ours, genuinely sealed: read its number from
  // the sealed data, never from anything else.
  VerifyOptions vo;
  vo.trust_anchors = parse_certificates(read_file_or_throw(pki.root_cert()));
  vo.validation_time = when;
  const Report report = verify_pdf(read_file_or_throw(required(args, "--in")), vo);
  for (const Check& c : report.checks) {
    if ((c.id == CheckId::kCoverage || c.id == CheckId::kCms || c.id == CheckId::kTrust ||
         c.id == CheckId::kCertificate) &&
        c.status != Status::kPass) {
      throw Refused("--in is not a certificate sealed by this issuer (" + std::string(to_string(c.id)) + ": " +
                    std::string(message_for(c.code).en) + ")");
    }
  }
  const std::string number = report.document->certificate.number;

  issuer::Ledger ledger(required(args, "--ledger"));
  const auto cert = ledger.certificate(number);
  if (!cert) throw Refused("certificate " + number + " is not in the ledger");
  if (const auto r = ledger.revocation(number)) {
    throw Refused("证书已撤销，不能加注 / certificate " + number + " is revoked and cannot be annotated");
  }
  issuer::LoadedSeal seal = issuer::load_seal(pki, ledger.seal_of(number));
  issuer::Decision decision;
  const std::string out = required(args, "--out");
  commit_with_file(ledger, out, [&] {
    // Decide inside the transaction: two applications at once cannot both
    // be the third.
    decision = issuer::decide_annotation(ledger.annotations(number),
                                         {required(args, "--scenario"), from, static_cast<int>(days), date_of(when)});
    if (decision.refusal != issuer::Refusal::kNone) throw Refused(decision.message);
    ledger.add_annotation(number, decision.annotation, when);
    return make_certificate_pdf(*cert, decision.annotation, seal, when, optional_arg(args, "--seal-format"));
  });
  std::printf("annotated %s: %s, %s to %s -> %s\n", number.c_str(), decision.annotation.scenario.c_str(),
              decision.annotation.not_before.c_str(), decision.annotation.not_after.c_str(), out.c_str());
  return 0;
}

int cmd_revoke(const Args& args) {
  check_flags(args, {"--pki", "--ledger", "--cert-no", "--reason", "--at"});
  (void)required(args, "--pki");
  const std::string number = required(args, "--cert-no");
  if (!is_canonical_number(number)) throw UsageError("--cert-no: a certificate number in canonical form (0-9, A-Z, -)");
  const std::string reason = required(args, "--reason");
  const std::int64_t when = parse_time_arg("--at", required(args, "--at"));
  bool known = false;
  std::string codes;
  for (const auto& r : issuer::revocation_reasons()) {
    known = known || reason == r.code;
    codes += std::string(codes.empty() ? "" : ", ") + r.code;
  }
  if (!known) throw UsageError("--reason must be one of: " + codes);
  issuer::Ledger ledger(required(args, "--ledger"));
  ledger.transaction([&] {
    if (!ledger.certificate(number)) throw Refused("certificate " + number + " is not in the ledger");
    if (ledger.revocation(number)) throw Refused("certificate " + number + " is already revoked");
    ledger.revoke({number, when, reason});
  });
  std::printf("revoked %s at %s (%s)\n", number.c_str(), format_beijing(when).c_str(), reason.c_str());
  return 0;
}

}  // namespace sealcheck::cli

namespace sealcheck::cli {

// Cache rules for a CDN (Netlify/Cloudflare Pages "_headers" syntax): the
// manifest changes with every publication, shards are content-addressed.
constexpr const char* kHeaders =
    "/revocations/manifest.json\n  Cache-Control: no-cache\n"
    "/revocations/manifest.sig\n  Cache-Control: no-cache\n"
    "/revocations/shards/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    "/trust-anchors.pem\n  Cache-Control: no-cache\n"
    "/trust-list.json\n  Cache-Control: no-cache\n"
    "/trust-list.sig\n  Cache-Control: no-cache\n";

int cmd_publish(const Args& args) {
  namespace fs = std::filesystem;
  check_flags(args, {"--pki", "--ledger", "--out", "--at", "--valid-days"});
  const issuer::PkiPaths pki{required(args, "--pki")};
  const fs::path out = required(args, "--out");
  const auto at = optional_arg(args, "--at");
  const std::int64_t when = at ? parse_time_arg("--at", *at) : now_seconds();
  const std::string days_text = optional_arg(args, "--valid-days").value_or("7");
  char* end = nullptr;
  const long days = std::strtol(days_text.c_str(), &end, 10);
  if (days_text.empty() || *end != '\0' || days < 1 || days > 366) throw UsageError("--valid-days: 1 to 366");

  FILE* f = std::fopen(pki.root_key().c_str(), "r");
  if (!f) throw std::runtime_error("cannot read " + pki.root_key());
  ossl::PKey key(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  if (!key) throw std::runtime_error("cannot parse " + pki.root_key());

  std::vector<RevocationReason> reasons;
  for (const auto& r : issuer::revocation_reasons()) reasons.push_back({r.code, r.zh, r.en});
  issuer::Ledger ledger(required(args, "--ledger"));
  std::uint64_t number = 0;
  std::vector<issuer::PublishedRevocation> revoked;
  ledger.transaction([&] {
    number = ledger.next_list_number();
    for (const auto& r : ledger.revocations()) {
      std::size_t index = reasons.size();
      for (std::size_t i = 0; i < reasons.size(); ++i) {
        if (reasons[i].code == r.reason) index = i;
      }
      revoked.push_back({r.number, r.revoked_at, index});
    }
  });
  const issuer::RevocationList list =
      issuer::build_revocation_list(revoked, reasons, number, when, when + days * 86400, key.get());

  // Shards first, the manifest last: a client never sees a manifest whose
  // shards are not there yet.
  fs::create_directories(out / "revocations" / "shards");
  for (const auto& [name, bytes] : list.files) write_file_atomic((out / "revocations" / name).string(), bytes);
  write_file_atomic((out / "trust-anchors.pem").string(), read_file_or_throw(pki.root_cert()));
  // The trust list: each seal of the PKI and the body it seals for.
  const TrustListInput signed_trust = issuer::build_trust_list(issuer::demo_trust_list(pki, number, when), key.get());
  write_file_atomic((out / "trust-list.sig").string(), signed_trust.signature);
  write_file_atomic((out / "trust-list.json").string(), signed_trust.json);
  const std::string headers = kHeaders;
  write_file_atomic((out / "_headers").string(), Bytes(headers.begin(), headers.end()));
  write_file_atomic((out / "revocations" / "manifest.sig").string(), list.signature);
  write_file_atomic((out / "revocations" / "manifest.json").string(), list.manifest);
  for (const auto& e : fs::directory_iterator(out / "revocations" / "shards")) {
    if (!list.files.count("shards/" + e.path().filename().string())) fs::remove(e.path());
  }
  std::printf("published list %llu (%zu revoked, valid until %s) -> %s\n", static_cast<unsigned long long>(number),
              revoked.size(), format_beijing(when + days * 86400).c_str(), out.c_str());
  return 0;
}

}  // namespace sealcheck::cli
