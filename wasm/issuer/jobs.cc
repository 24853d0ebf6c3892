#include "issuer/jobs.h"

#include <openssl/pem.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "crypto/digest.h"
#include "crypto/ossl.h"
#include "issuer/annotation_rules.h"
#include "issuer/certificate_render.h"
#include "issuer/files.h"
#include "issuer/ledger.h"
#include "issuer/ofd_writer.h"
#include "issuer/publish.h"
#include "sealcheck/certs.h"
#include "sealcheck/domain_rules.h"
#include "sealcheck/revocation.h"
#include "sealcheck/time.h"
#include "sealcheck/trust_list.h"
#include "sealcheck/verify.h"

namespace sealcheck::issuer {
namespace {

std::string date_of(std::int64_t t) { return format_beijing(t).substr(0, 10); }

ossl::X509Ptr read_certificate(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) throw Refused("cannot read " + path + " (a PKI made before it had a time-stamping authority?)");
  ossl::X509Ptr x(PEM_read_X509(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  if (!x) throw std::runtime_error("cannot parse " + path);
  return x;
}

std::string pem_of_certificate(const Bytes& der) {
  const unsigned char* q = der.data();
  ossl::X509Ptr x(d2i_X509(nullptr, &q, static_cast<long>(der.size())));
  if (!x) throw std::runtime_error("cannot read a trust anchor");
  return certificate_pem(x.get());
}

ossl::PKey read_private_key(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) throw std::runtime_error("cannot read " + path);
  ossl::PKey k(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  if (!k) throw std::runtime_error("cannot parse " + path);
  return k;
}

// Renders and seals one certificate (a PDF, or an OFD document; ID masked), its data embedded
// beside the page unless `embed` is false (then the page is the only
// source, as with every other issuer).
Bytes make_certificate_file(const CertificateData& full, const std::optional<Annotation>& annotation, LoadedSeal& seal,
                            std::int64_t at, SealFormat format, bool embed, const PkiPaths* timestamp_from,
                            bool add_seal) {
  CertificateDocument doc{full, annotation};
  doc.certificate.id_number = mask_id_number(full.id_number);
  const bool exempt = rules::annotation_need(full, at) == rules::AnnotationNeed::kExempt;
  RenderInput in{doc.certificate, annotation, exempt, seal.seal_name, at};
  if (format == SealFormat::kOfd) {
    if (timestamp_from != nullptr) throw Refused("--timestamp is for PDF certificates");
    if (seal.eseal.empty()) {
      throw Refused("OFD certificates are sealed with GB/T 38540 seals ('sealcheck pki init --algo sm2')");
    }
    return make_certificate_ofd(in, {seal.cert.get(), seal.key.get(), seal.eseal, at}, add_seal,
                                embed ? to_json(doc) : std::string());
  }
  SignOptions options;
  const Bytes unsigned_pdf = render_certificate_pdf(in, &options.rect);
  Signer signer;
  signer.cert = seal.cert.get();
  signer.key = seal.key.get();
  signer.signing_time = at;
  apply_seal_format(signer, seal, format);
  // The TSA answers a moment after the seal is applied.
  ossl::X509Ptr tsa_cert;
  ossl::PKey tsa_key;
  if (timestamp_from != nullptr) {
    tsa_cert = read_certificate(timestamp_from->tsa_cert());
    tsa_key = read_private_key(timestamp_from->tsa_key());
    signer.tsa_cert = tsa_cert.get();
    signer.tsa_key = tsa_key.get();
    signer.tsa_time = at + 5;
  }
  if (embed) options.attachment = Attachment{std::string(kCertificateAttachment), "application/json", to_json(doc)};
  const Bytes sealed = sign_pdf(unsigned_pdf, signer, options);
  if (!add_seal) return sealed;
  // The same seal once more, a minute later, over the sealed file: an
  // incremental update whose seal covers the first one and everything.
  SignOptions again;
  again.field_name = "Seal2";
  signer.signing_time = at + 60;
  if (signer.tsa_cert != nullptr) signer.tsa_time = at + 65;
  return sign_pdf(sealed, signer, again);
}

// Records a change and its output file: `change` runs inside the
// transaction and returns the file's bytes, which are written whole to
// out.tmp before the commit; only after the commit does out.tmp become out.
// So a file named `out` always has its ledger record (no unrecorded
// certificate under a real name). A crash before the commit leaves no
// record and at most an out.tmp; a crash between the commit and the rename
// leaves the record and the complete file as out.tmp, to be renamed by hand.
void commit_with_file(Ledger& ledger, const std::string& out, const std::function<Bytes()>& change) {
  const std::string tmp = out + ".tmp";
  try {
    ledger.transaction([&] { write_file(tmp, change()); });
  } catch (...) {
    remove_file(tmp);
    throw;
  }
  rename_file(tmp, out);
}

// Cache rules for a CDN (Netlify/Cloudflare Pages "_headers" syntax): the
// manifest changes with every publication, shards are content-addressed.
constexpr const char* kHeaders =
    "/revocations/manifest.json\n  Cache-Control: no-cache\n"
    "/revocations/manifest.sig\n  Cache-Control: no-cache\n"
    "/revocations/shards/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    "/trust-anchors.pem\n  Cache-Control: no-cache\n"
    "/trust-list.json\n  Cache-Control: no-cache\n"
    "/trust-list.sig\n  Cache-Control: no-cache\n";

}  // namespace

void apply_seal_format(Signer& signer, const LoadedSeal& seal, SealFormat format) {
  if (format != SealFormat::kGbt38540) return;
  if (seal.eseal.empty()) {
    throw Refused("this PKI has no GB/T 38540 seals (they come with 'sealcheck pki init --algo sm2')");
  }
  signer.ses_seal = seal.eseal;
}

IssueResult run(const IssueJob& job) {
  std::string error;
  const auto cert = parse_certificate_input({reinterpret_cast<const char*>(job.data.data()), job.data.size()}, &error);
  if (!cert) throw Refused("--data: " + error);
  // The same rule the verifier applies: a seal never predates the issue date.
  if (!rules::may_seal_at(*cert, job.at)) {
    throw Refused("盖章时间早于签发日期 / --at " + format_beijing(job.at) + " is before the certificate's issue date " +
                  cert->issue_date);
  }
  // The issuing body's own seal, unless the job names another (demo of a
  // wrongly sealed certificate).
  LoadedSeal seal = load_seal(job.pki, job.seal_body.empty() ? cert->issuing_body : job.seal_body);
  const Bytes pdf = make_certificate_file(*cert, std::nullopt, seal, job.at, job.ofd ? SealFormat::kOfd : job.format,
                                          job.embed_data, job.timestamp ? &job.pki : nullptr, job.add_seal);
  Ledger ledger(job.ledger);
  commit_with_file(ledger, job.out, [&] {
    ledger.add_certificate(*cert, seal.body, job.at);
    return pdf;
  });
  return {cert->number, cert->holder, seal.seal_name};
}

AnnotateResult run(const AnnotateJob& job) {
  // The input must be one of ours, genuinely sealed: read its number from
  // the sealed data, never from anything else.
  VerifyOptions vo;
  vo.trust_anchors = parse_certificates(read_file_or_throw(job.pki.root_cert()));
  vo.validation_time = job.at;
  const Report report = verify_file(job.in, vo);
  for (const Check& c : report.checks) {
    if ((c.id == CheckId::kCoverage || c.id == CheckId::kCms || c.id == CheckId::kTrust ||
         c.id == CheckId::kCertificate) &&
        c.status != Status::kPass) {
      throw Refused("--in is not a certificate sealed by this issuer (" + std::string(to_string(c.id)) + ": " +
                    std::string(message_for(c.code).en) + ")");
    }
  }
  const std::string number = report.document->certificate.number;

  Ledger ledger(job.ledger);
  const auto cert = ledger.certificate(number);
  if (!cert) throw Refused("certificate " + number + " is not in the ledger");
  if (ledger.revocation(number)) {
    throw Refused("证书已撤销，不能加注 / certificate " + number + " is revoked and cannot be annotated");
  }
  LoadedSeal seal = load_seal(job.pki, ledger.seal_of(number));
  Decision decision;
  commit_with_file(ledger, job.out, [&] {
    // Decide inside the transaction: two applications at once cannot both
    // be the third.
    decision = decide_annotation(ledger.annotations(number),
                                 {job.scenario, job.from, static_cast<int>(job.days), date_of(job.at)});
    if (decision.refusal != Refusal::kNone) throw Refused(decision.message);
    ledger.add_annotation(number, decision.annotation, job.at);
    return make_certificate_file(*cert, decision.annotation, seal, job.at, job.ofd ? SealFormat::kOfd : job.format,
                                 job.embed_data, job.timestamp ? &job.pki : nullptr, job.add_seal);
  });
  return {number, decision.annotation};
}

void run(const RevokeJob& job) {
  Ledger ledger(job.ledger);
  ledger.transaction([&] {
    if (!ledger.certificate(job.number)) throw Refused("certificate " + job.number + " is not in the ledger");
    if (ledger.revocation(job.number)) throw Refused("certificate " + job.number + " is already revoked");
    ledger.revoke({job.number, job.at, job.reason});
  });
}

SealEventResult run(const SealEventJob& job) {
  LoadedSeal seal = load_seal(job.pki, job.body);
  unsigned char* der = nullptr;
  const int len = i2d_X509(seal.cert.get(), &der);
  if (len <= 0) throw std::runtime_error("cannot encode the seal certificate of " + job.body);
  SealEventResult r{seal.seal_name, to_hex(sha256({der, static_cast<std::size_t>(len)}))};
  OPENSSL_free(der);
  Ledger ledger(job.ledger);
  ledger.transaction([&] {
    try {
      ledger.record_seal_event({r.certificate_sha256, job.kind, job.at});
    } catch (const std::runtime_error& e) {
      throw Refused(e.what());
    }
  });
  return r;
}

PublishResult run(const PublishJob& job) {
  namespace fs = std::filesystem;
  const fs::path out = job.out;
  FILE* f = std::fopen(job.pki.root_key().c_str(), "r");
  if (!f) throw std::runtime_error("cannot read " + job.pki.root_key());
  ossl::PKey key(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  if (!key) throw std::runtime_error("cannot parse " + job.pki.root_key());

  std::vector<RevocationReason> reasons;
  for (const auto& r : revocation_reasons()) reasons.push_back({r.code, r.zh, r.en});
  Ledger ledger(job.ledger);
  std::uint64_t number = 0;
  std::vector<PublishedRevocation> revoked;
  std::vector<SealEvent> events;
  ledger.transaction([&] {
    number = ledger.next_list_number();
    events = ledger.seal_events();
    for (const auto& r : ledger.revocations()) {
      std::size_t index = reasons.size();
      for (std::size_t i = 0; i < reasons.size(); ++i) {
        if (reasons[i].code == r.reason) index = i;
      }
      revoked.push_back({r.number, r.revoked_at, index});
    }
  });
  const std::int64_t next_update = job.at + job.valid_days * 86400;
  const RevocationList list = build_revocation_list(revoked, reasons, number, job.at, next_update, key.get());

  // An earlier generation's list, read and checked before anything is
  // written: it must verify against that generation's own anchors.
  std::vector<Bytes> anchors = parse_certificates(read_file_or_throw(job.pki.root_cert()));
  std::optional<TrustList> previous;
  if (!job.previous.empty()) {
    const fs::path prev = job.previous;
    const std::vector<Bytes> old_anchors =
        parse_certificates(read_file_or_throw((prev / "trust-anchors.pem").string()));
    const Bytes old_json = read_file_or_throw((prev / "trust-list.json").string());
    const Bytes old_sig = read_file_or_throw((prev / "trust-list.sig").string());
    if (old_anchors.empty() || !verify_with_any(old_json, old_sig, old_anchors, nullptr)) {
      throw Refused(prev.string() + ": its trust list does not verify against its own trust anchors");
    }
    previous = parse_trust_list(old_json);
    if (!previous) throw Refused(prev.string() + ": its trust list is malformed");
    for (const Bytes& a : old_anchors) {
      if (std::find(anchors.begin(), anchors.end(), a) == anchors.end()) anchors.push_back(a);
    }
  }
  fs::create_directories(out);
  std::string anchors_pem;
  for (const Bytes& der : anchors) anchors_pem += pem_of_certificate(der);
  write_file_atomic((out / "trust-anchors.pem").string(), Bytes(anchors_pem.begin(), anchors_pem.end()));
  // The trust list: each seal of the PKI and the body it seals for.
  // Retired and compromised seals stay listed, with when: files they
  // sealed before then are still theirs.
  TrustList trust = demo_trust_list(job.pki, number, job.at);
  // The PKI's TSA, as the anchor of the timestamps it makes.
  if (std::filesystem::exists(job.pki.tsa_cert())) {
    const Bytes pem = read_file_or_throw(job.pki.tsa_cert());
    trust.tsas.push_back({"sealcheck 演示时间戳服务 DEMO TSA", std::string(pem.begin(), pem.end())});
  }
  for (TrustedSeal& t : trust.seals) {
    for (const SealEvent& e : events) {
      if (e.certificate_sha256 != t.certificate_sha256) continue;
      (e.kind == SealEvent::Kind::kRetired ? t.until : t.compromised_at) = format_beijing(e.at);
    }
  }
  if (previous) {
    for (TrustedSeal s : previous->seals) {
      const bool listed = std::any_of(trust.seals.begin(), trust.seals.end(), [&](const TrustedSeal& t) {
        return t.certificate_sha256 == s.certificate_sha256;
      });
      if (listed) continue;
      if (s.until.empty()) s.until = format_beijing(job.at);
      trust.seals.push_back(std::move(s));
    }
    for (const TrustedTsa& t : previous->tsas) {
      const bool listed = std::any_of(trust.tsas.begin(), trust.tsas.end(),
                                      [&](const TrustedTsa& u) { return u.certificate_pem == t.certificate_pem; });
      if (!listed) trust.tsas.push_back(t);
    }
  }
  const TrustListInput signed_trust = build_trust_list(trust, key.get());
  write_file_atomic((out / "trust-list.sig").string(), signed_trust.signature);
  write_file_atomic((out / "trust-list.json").string(), signed_trust.json);
  const std::string headers = kHeaders;
  write_file_atomic((out / "_headers").string(), Bytes(headers.begin(), headers.end()));
  // Shards first, the manifest last (write_revocation_list).
  write_revocation_list(job.out, list);
  return {number, revoked.size(), next_update};
}

}  // namespace sealcheck::issuer
