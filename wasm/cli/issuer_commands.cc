// The issuer's commands: each maps its arguments onto a job of the issuer
// library (issuer/jobs.h), runs it and prints what it did.
#include "issuer_commands.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "issuer/jobs.h"
#include "issuer/ledger.h"
#include "sealcheck/certificate.h"
#include "sealcheck/time.h"

namespace sealcheck::cli {
namespace {

std::int64_t time_or_now(const Args& args) {
  const auto at = optional_arg(args, "--at");
  return at ? parse_time_arg("--at", *at) : now_seconds();
}

long whole_number(const std::string& flag, const std::string& text) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') throw UsageError(flag + ": a whole number");
  return v;
}

// An --out named *.ofd asks for an OFD document.
bool wants_ofd(const std::string& out) {
  if (out.size() < 4) return false;
  std::string ext = out.substr(out.size() - 4);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".ofd";
}

}  // namespace

issuer::SealFormat seal_format(const std::optional<std::string>& text) {
  const std::string f = text.value_or("cms");
  if (f == "cms") return issuer::SealFormat::kCms;
  if (f == "gbt38540") return issuer::SealFormat::kGbt38540;
  throw UsageError("--seal-format must be cms or gbt38540");
}

int cmd_issue(const Args& given) {
  Args args = given;
  issuer::IssueJob job;
  job.embed_data = !take_switch(args, "--no-embedded-data");
  job.timestamp = take_switch(args, "--timestamp");
  job.add_seal = take_switch(args, "--add-seal");
  check_flags(args, {"--pki", "--ledger", "--data", "--out", "--at", "--seal", "--seal-format"});
  job.pki = {required(args, "--pki")};
  job.ledger = required(args, "--ledger");
  job.out = required(args, "--out");
  job.ofd = wants_ofd(job.out);
  job.at = time_or_now(args);
  job.data = read_file_or_throw(required(args, "--data"));
  job.seal_body = optional_arg(args, "--seal").value_or("");
  job.format = seal_format(optional_arg(args, "--seal-format"));
  const issuer::IssueResult r = issuer::run(job);
  std::printf("issued %s (%s), sealed with %s -> %s\n", r.number.c_str(), r.holder.c_str(), r.seal_name.c_str(),
              job.out.c_str());
  return 0;
}

int cmd_annotate(const Args& given) {
  Args args = given;
  issuer::AnnotateJob job;
  job.embed_data = !take_switch(args, "--no-embedded-data");
  job.timestamp = take_switch(args, "--timestamp");
  job.add_seal = take_switch(args, "--add-seal");
  check_flags(args, {"--pki", "--ledger", "--in", "--scenario", "--from", "--days", "--out", "--at", "--seal-format"});
  job.pki = {required(args, "--pki")};
  job.ledger = required(args, "--ledger");
  job.at = time_or_now(args);
  job.days = whole_number("--days", required(args, "--days"));
  job.from = required(args, "--from");
  if (!is_date(job.from)) throw UsageError("--from: a date YYYY-MM-DD");
  job.scenario = required(args, "--scenario");
  job.in = read_file_or_throw(required(args, "--in"));
  job.out = required(args, "--out");
  job.ofd = wants_ofd(job.out);
  job.format = seal_format(optional_arg(args, "--seal-format"));
  const issuer::AnnotateResult r = issuer::run(job);
  std::printf("annotated %s: %s, %s to %s -> %s\n", r.number.c_str(), r.annotation.scenario.c_str(),
              r.annotation.not_before.c_str(), r.annotation.not_after.c_str(), job.out.c_str());
  return 0;
}

int cmd_revoke(const Args& args) {
  check_flags(args, {"--pki", "--ledger", "--cert-no", "--reason", "--at"});
  (void)required(args, "--pki");
  issuer::RevokeJob job;
  job.ledger = required(args, "--ledger");
  job.number = required(args, "--cert-no");
  if (!is_canonical_number(job.number)) {
    throw UsageError("--cert-no: a certificate number in canonical form (0-9, A-Z, -)");
  }
  job.reason = required(args, "--reason");
  job.at = parse_time_arg("--at", required(args, "--at"));
  bool known = false;
  std::string codes;
  for (const auto& r : issuer::revocation_reasons()) {
    known = known || job.reason == r.code;
    codes += std::string(codes.empty() ? "" : ", ") + r.code;
  }
  if (!known) throw UsageError("--reason must be one of: " + codes);
  issuer::run(job);
  std::printf("revoked %s at %s (%s)\n", job.number.c_str(), format_beijing(job.at).c_str(), job.reason.c_str());
  return 0;
}

int cmd_seal_event(const Args& args, issuer::SealEvent::Kind kind) {
  check_flags(args, {"--pki", "--ledger", "--seal", "--at"});
  issuer::SealEventJob job;
  job.pki = {required(args, "--pki")};
  job.ledger = required(args, "--ledger");
  job.body = required(args, "--seal");
  job.kind = kind;
  job.at = parse_time_arg("--at", required(args, "--at"));
  const issuer::SealEventResult r = issuer::run(job);
  std::printf("%s %s (certificate %s) at %s; published in the next trust list\n",
              kind == issuer::SealEvent::Kind::kRetired ? "retired" : "recorded the compromise of", r.seal_name.c_str(),
              r.certificate_sha256.substr(0, 16).c_str(), format_beijing(job.at).c_str());
  return 0;
}

int cmd_publish(const Args& args) {
  check_flags(args, {"--pki", "--ledger", "--out", "--at", "--valid-days", "--previous"});
  issuer::PublishJob job;
  job.pki = {required(args, "--pki")};
  job.ledger = required(args, "--ledger");
  job.out = required(args, "--out");
  job.at = time_or_now(args);
  job.valid_days = whole_number("--valid-days", optional_arg(args, "--valid-days").value_or("7"));
  job.previous = optional_arg(args, "--previous").value_or("");
  if (job.valid_days < 1 || job.valid_days > 366) throw UsageError("--valid-days: 1 to 366");
  const issuer::PublishResult r = issuer::run(job);
  std::printf("published list %llu (%zu revoked, valid until %s) -> %s\n",
              static_cast<unsigned long long>(r.list_number), r.revoked, format_beijing(r.next_update).c_str(),
              job.out.c_str());
  return 0;
}

}  // namespace sealcheck::cli
