// `sealcheck`: the native command line (verifier and issuer side).
// This is where files, the clock and exit codes live; the core stays pure.
#include <openssl/pem.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.h"
#include "crypto/ossl.h"
#include "issuer/files.h"
#include "issuer/pdf_sign.h"
#include "issuer/pki.h"
#include "issuer_commands.h"
#include "ofd/package.h"
#include "ofd/page_text.h"
#include "pdf/document.h"
#include "sealcheck/builtin_tables.h"
#include "sealcheck/builtin_trust.h"
#include "sealcheck/certs.h"
#include "sealcheck/limits.h"
#include "sealcheck/time.h"
#include "sealcheck/verify.h"
#include "text/page_certificate.h"

namespace {

namespace fs = std::filesystem;
using namespace sealcheck::cli;

constexpr int kExitUsage = 64;

const char kUsage[] =
    "usage:\n"
    "  sealcheck verify [--trust PATH]... [--no-builtin-trust] [--revocations DIR] [--at TIME] [--json]\n"
    "                   [--sm2-id ID] [--bench N] [--jobs N] FILE...\n"
    "  sealcheck anchors  (lists the trust anchors built into this binary)\n"
    "  sealcheck text FILE  (prints what the pages print and the fields read from it; verifies nothing)\n"
    "  sealcheck pki init --dir DIR [--algo ecdsa|rsa|sm2] [--at TIME] [--valid-from TIME]\n"
    "  sealcheck issue    --pki DIR --ledger DB --data CERT.json --out FILE.pdf|FILE.ofd [--at TIME] [--seal BODY]\n"
    "                     [--seal-format cms|gbt38540] [--no-embedded-data] [--timestamp] [--add-seal]\n"
    "  sealcheck annotate --pki DIR --ledger DB --in FILE --scenario 本人调用 --from DATE --days N\n"
    "                     --out FILE.pdf|FILE.ofd [--at TIME] [--seal-format cms|gbt38540] [--no-embedded-data]\n"
    "                     [--timestamp] [--add-seal]\n"
    "  sealcheck revoke   --pki DIR --ledger DB --cert-no NO --reason REASON --at TIME\n"
    "  sealcheck retire   --pki DIR --ledger DB --seal BODY --at TIME  (the seal is no longer used from then)\n"
    "  sealcheck compromise --pki DIR --ledger DB --seal BODY --at TIME  (the seal's key leaked then)\n"
    "  sealcheck publish  --pki DIR --ledger DB --out DIR [--at TIME] [--valid-days N] [--previous DIR]\n"
    "  sealcheck sample   --pki DIR --out FILE.pdf [--text TEXT] [--at TIME] [--pad BYTES]\n"
    "                     [--seal-format cms|gbt38540]\n"
    "\n"
    "verify exit status: 0 all valid, 1 any invalid, 2 any indeterminate, 64 usage.\n"
    "issuer commands: 0 done, 1 refused or failed (with the reason), 64 usage.\n";

// --trust PATH: a certificate file (PEM/DER), a signed trust list
// (NAME.json with NAME.sig beside it), or a directory of them.
void load_trust(const std::string& arg, std::vector<Bytes>& anchors, std::optional<sealcheck::TrustListInput>& list) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    for (const auto& e : fs::directory_iterator(arg)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.emplace_back(arg);
  }
  std::size_t found = 0;
  for (const auto& f : files) {
    if (f.extension() == ".sig") continue;
    if (f.extension() == ".json") {
      // One signed trust list per run: a second would have to replace or be
      // merged with the first, and neither may happen unseen.
      if (list) throw UsageError("--trust " + f.string() + ": a second signed trust list; give only one");
      fs::path sig = f;
      sig.replace_extension(".sig");
      list = sealcheck::TrustListInput{read_file_or_throw(f.string()), read_file_or_throw(sig.string())};
      ++found;
      continue;
    }
    std::string error;
    const auto data = read_file(f.string(), error);
    if (!data) throw UsageError("--trust " + f.string() + ": " + error);
    for (auto& der : sealcheck::parse_certificates(*data)) {
      anchors.push_back(std::move(der));
      ++found;
    }
  }
  if (found == 0) throw UsageError("--trust " + arg + ": no certificate found");
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

template <typename F>
double time_ms(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// printf into a string (the report of one file is built whole, so files
// judged in parallel print in order).
template <typename... A>
void appendf(std::string& out, const char* format, A... args) {
  const int n = std::snprintf(nullptr, 0, format, args...);
  if (n <= 0) return;
  const std::size_t at = out.size();
  out.resize(at + static_cast<std::size_t>(n) + 1);
  std::snprintf(out.data() + at, static_cast<std::size_t>(n) + 1, format, args...);
  out.resize(at + static_cast<std::size_t>(n));
}

std::string human_text(const sealcheck::Report& r, const std::string& file) {
  static const char* kZh[] = {"有效", "无效", "无法确定"};
  const auto v = r.verdict();
  std::string out;
  appendf(out, "%s: %s / %s  (查验时间 validation time %s)\n", file.c_str(), kZh[static_cast<int>(v)],
          std::string(sealcheck::to_string(v)).c_str(), r.validation_time.c_str());
  for (const auto& c : r.checks) {
    const auto& m = sealcheck::message_for(c.code);
    appendf(out, "  [%-4s] %-12s %.*s / %.*s%s%s\n", std::string(sealcheck::to_string(c.status)).c_str(),
            std::string(sealcheck::to_string(c.id)).c_str(), static_cast<int>(m.zh.size()), m.zh.data(),
            static_cast<int>(m.en.size()), m.en.data(), c.detail.empty() ? "" : " — ", c.detail.c_str());
  }
  if (r.seal) {
    appendf(out, "  seal: %s\n  issuer: %s\n  signed at: %s\n  algorithm: %s\n", r.seal->signer.c_str(),
            r.seal->issuer.c_str(), r.seal->signed_at.empty() ? "(印章未注明 / not stated)" : r.seal->signed_at.c_str(),
            r.seal->algorithm.c_str());
  }
  return out;
}

// One file of a verify run: its report (or the bench line), as printed.
struct Judged final {
  std::string text;
  sealcheck::Verdict verdict = sealcheck::Verdict::kValid;
};

// `sealcheck anchors`: what this build trusts before any --trust.
int cmd_anchors(const std::vector<std::string>& args) {
  if (!args.empty()) throw UsageError("anchors takes no arguments");
  const auto& anchors = sealcheck::builtin_trust_anchors();
  if (anchors.empty()) {
    std::puts("no built-in trust anchors (this build trusts only --trust)");
    return 0;
  }
  for (const auto& der : anchors) {
    const unsigned char* p = der.data();
    sealcheck::ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    char subject[512] = "?";
    if (x) X509_NAME_oneline(X509_get_subject_name(x.get()), subject, sizeof subject);
    std::printf("%s  %s\n", sealcheck::to_hex(sealcheck::sha256(der)).c_str(), subject);
  }
  return 0;
}

// `sealcheck text FILE`: the page-text reader on its own, for a person
// checking why a certificate's details were or were not read. It judges
// nothing: no seal is checked, so nothing it prints is vouched for.
int cmd_text(const std::vector<std::string>& args) {
  if (args.size() != 1) throw UsageError("text takes one FILE");
  std::string error;
  const auto bytes = sealcheck::issuer::read_file(args[0], error);
  if (!bytes) throw std::runtime_error(args[0] + ": " + error);
  sealcheck::text::PageCertificate page;
  if (sealcheck::ofd::looks_like_zip(*bytes)) {
    const sealcheck::ofd::OfdPackage pkg = sealcheck::ofd::load_package(*bytes);
    if (!pkg.ok()) throw std::runtime_error(args[0] + ": not a readable OFD document (" + pkg.error + ")");
    page = sealcheck::ofd::read_page_certificate(pkg);
  } else {
    sealcheck::pdf::Document doc = sealcheck::pdf::Document::load(*bytes);
    if (!doc.usable()) throw std::runtime_error(args[0] + ": not a readable PDF");
    page = sealcheck::text::read_page_certificate(doc, {sealcheck::builtin_gbk_table()});
  }
  for (const std::string& line : page.lines) std::printf("%s\n", line.c_str());
  std::printf("--\n");
  if (page.outcome != sealcheck::text::PageCertificate::Outcome::kRead) {
    static const char* kOutcome[] = {"read", "no labels found", "only images, no text", "no text", "refused"};
    std::printf("%s", kOutcome[static_cast<int>(page.outcome)]);
    if (page.outcome == sealcheck::text::PageCertificate::Outcome::kRefused) {
      std::printf(": %s (%s)", std::string(sealcheck::message_for(page.code).id).c_str(), page.detail.c_str());
    }
    std::printf("\n");
    return 1;
  }
  std::printf("%s\n", sealcheck::to_json(page.document).c_str());
  return 0;
}

int cmd_verify(const std::vector<std::string>& args) {
  sealcheck::VerifyOptions options;
  options.validation_time = now_seconds();
  options.gbk_table = sealcheck::builtin_gbk_table();
  bool builtin_trust = true;
  bool json = false;
  int bench = 0;
  int jobs = 1;
  std::string revocations_dir;
  std::optional<Bytes> manifest, signature;
  std::vector<std::string> files;
  std::set<std::string> given;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
      // Only --trust may be repeated: a second value of any other option
      // would replace the first unseen.
      if (a != "--trust" && !given.insert(a).second) {
        throw UsageError(a + (a == "--revocations" ? " given twice; give one revocation list" : " given twice"));
      }
      return args[++i];
    };
    if (a == "--trust") {
      load_trust(value(), options.trust_anchors, options.trust_list);
    } else if (a == "--sm2-id") {
      options.sm2_id = value();
      if (options.sm2_id.empty() || options.sm2_id.size() > 8191) throw UsageError("--sm2-id needs 1 to 8191 bytes");
    } else if (a == "--no-builtin-trust") {
      builtin_trust = false;
    } else if (a == "--at") {
      options.validation_time = parse_time_arg("--at", value());
    } else if (a == "--json") {
      json = true;
    } else if (a == "--jobs") {
      const std::string& n = value();
      char* end = nullptr;
      const long v = std::strtol(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || v < 1 || v > 256) throw UsageError("--jobs needs a count from 1 to 256");
      jobs = static_cast<int>(v);
    } else if (a == "--bench") {
      const std::string& n = value();
      char* end = nullptr;
      const long v = std::strtol(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || v < 1 || v > 100000) {
        throw UsageError("--bench needs a count from 1 to 100000");
      }
      bench = static_cast<int>(v);
    } else if (a == "--revocations") {
      revocations_dir = value();
      std::string error;
      manifest = read_file(revocations_dir + "/revocations/manifest.json", error);
      signature = read_file(revocations_dir + "/revocations/manifest.sig", error);
      if (!manifest || !signature)
        throw UsageError("--revocations " + revocations_dir + ": no revocations/manifest.json and .sig");
    } else if (a.size() > 1 && a[0] == '-') {
      throw UsageError("unknown option " + a);
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) throw UsageError("verify: no FILE given");
  // Timings measured beside other work would say nothing.
  if (bench > 0 && jobs > 1) throw UsageError("--bench and --jobs do not go together");
  if (builtin_trust) {
    const auto& builtin = sealcheck::builtin_trust_anchors();
    options.trust_anchors.insert(options.trust_anchors.begin(), builtin.begin(), builtin.end());
  }

  // One file, judged with the run's options and a worker's list memory (the
  // lists are the same for every file: their signatures are checked once
  // per worker).
  const sealcheck::VerifyOptions common = options;
  std::optional<sealcheck::RevocationManifest> parsed_manifest;
  if (manifest) parsed_manifest = sealcheck::parse_revocation_manifest(*manifest);
  auto judge = [&](const std::string& file, sealcheck::ListMemory& memory) -> Judged {
    std::string error;
    const std::string name = fs::path(file).filename().string();
    // Too large: judged without reading it (bounded memory).
    std::error_code size_error;
    if (const auto size = fs::file_size(file, size_error);
        !size_error && size > sealcheck::limits::kMaxFileBytes && bench == 0) {
      const sealcheck::Report report = sealcheck::oversized_report(common);
      return Judged{json ? sealcheck::to_json(report, name) + "\n" : human_text(report, file), report.verdict()};
    }
    const auto data = read_file(file, error);
    if (!data && bench > 0) {
      std::fprintf(stderr, "sealcheck: %s: %s\n", file.c_str(), error.c_str());
      return Judged{{}, sealcheck::Verdict::kIndeterminate};
    }
    // The revocation list for this file: the manifest and the one shard its
    // certificate number falls in (a missing shard is left for the verifier
    // to report).
    sealcheck::VerifyOptions file_options = common;
    if (manifest && data) {
      sealcheck::RevocationInput in{*manifest, *signature, {}, 0};
      const auto number = sealcheck::certificate_number_of(*data, sealcheck::builtin_gbk_table());
      if (number && parsed_manifest) {
        const std::size_t index = sealcheck::revocation_shard_index(*parsed_manifest, *number);
        std::string error;
        if (auto shard = read_file(revocations_dir + "/revocations/" + parsed_manifest->shard_files[index], error)) {
          in.shards[index] = std::move(*shard);
        }
      }
      file_options.revocation = std::move(in);
    }
    if (bench > 0) {
      std::vector<double> verify_ms, sha_ms, text_ms;
      for (int k = 0; k < bench; ++k) {
        verify_ms.push_back(time_ms([&] { (void)sealcheck::verify_file(*data, file_options, &memory); }));
        sha_ms.push_back(time_ms([&] { (void)sealcheck::sha256(*data); }));
        text_ms.push_back(time_ms([&] { (void)sealcheck::page_text_lines(*data, file_options.gbk_table); }));
      }
      std::string line;
      appendf(line, "bench file=%s bytes=%zu verify_ms=%.3f sha256_ms=%.3f text_ms=%.3f\n", name.c_str(), data->size(),
              median(verify_ms), median(sha_ms), median(text_ms));
      return Judged{line, sealcheck::Verdict::kValid};
    }
    // An unreadable file is a verdict with a reason, not a crash.
    const sealcheck::Report report =
        data ? sealcheck::verify_file(*data, file_options, &memory) : sealcheck::unreadable_report(file_options, error);
    return Judged{json ? sealcheck::to_json(report, name) + "\n" : human_text(report, file), report.verdict()};
  };

  // --jobs N: N workers take the files in turn; reports print in the order
  // the files were given, each as soon as it and every earlier one is done.
  std::vector<std::optional<Judged>> done(files.size());
  std::mutex lock;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    sealcheck::ListMemory memory;
    for (std::size_t i; (i = next++) < files.size();) {
      Judged j = judge(files[i], memory);
      const std::lock_guard<std::mutex> hold(lock);
      done[i] = std::move(j);
      ready.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (int k = 1; k < jobs; ++k) workers.emplace_back(work);
  bool any_invalid = false, any_indeterminate = false;
  if (jobs == 1) work();
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::unique_lock<std::mutex> hold(lock);
    ready.wait(hold, [&] { return done[i].has_value(); });
    std::fputs(done[i]->text.c_str(), stdout);
    any_invalid |= done[i]->verdict == sealcheck::Verdict::kInvalid;
    any_indeterminate |= done[i]->verdict == sealcheck::Verdict::kIndeterminate;
    done[i].reset();
  }
  for (std::thread& t : workers) t.join();
  return any_invalid ? 1 : any_indeterminate ? 2 : 0;
}

int cmd_pki(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "init") throw UsageError("pki: only 'pki init --dir DIR' exists");
  check_flags({args.begin() + 1, args.end()}, {"--dir", "--at", "--valid-from", "--algo"});
  sealcheck::issuer::PkiPaths paths{required(args, "--dir")};
  sealcheck::issuer::PkiOptions options;
  const auto at = optional_arg(args, "--at");
  options.now = at ? parse_time_arg("--at", *at) : now_seconds();
  if (const auto from = optional_arg(args, "--valid-from")) options.valid_from = parse_time_arg("--valid-from", *from);
  const std::string algo = optional_arg(args, "--algo").value_or("ecdsa");
  if (algo == "rsa") {
    options.algorithm = sealcheck::issuer::KeyAlgorithm::kRsa;
  } else if (algo == "sm2") {
    options.algorithm = sealcheck::issuer::KeyAlgorithm::kSm2;
  } else if (algo != "ecdsa") {
    throw UsageError("--algo must be ecdsa, rsa or sm2");
  }
  sealcheck::issuer::init_pki(paths, options);
  std::printf("demo PKI written to %s (DEMO keys, never real ones)\n", paths.dir.c_str());
  return 0;
}

int cmd_sample(const std::vector<std::string>& args) {
  check_flags(args, {"--pki", "--out", "--text", "--at", "--pad", "--seal-format"});
  sealcheck::issuer::PkiPaths paths{required(args, "--pki")};
  const std::string out = required(args, "--out");
  const std::string text = optional_arg(args, "--text").value_or("sealcheck sample document");
  const auto at = optional_arg(args, "--at");
  // The sample is a 2020 certificate of this association: its own seal.
  auto seal = sealcheck::issuer::load_seal(paths, "中国拍卖行业协会");
  sealcheck::issuer::Signer signer;
  signer.cert = seal.cert.get();
  signer.key = seal.key.get();
  signer.signing_time = at ? parse_time_arg("--at", *at) : now_seconds();
  sealcheck::issuer::apply_seal_format(signer, seal, seal_format(optional_arg(args, "--seal-format")));
  const std::string pad_text = optional_arg(args, "--pad").value_or("0");
  char* end = nullptr;
  const unsigned long long pad = std::strtoull(pad_text.c_str(), &end, 10);
  if (pad_text.empty() || *end != '\0' || pad > (1ull << 28)) {
    throw UsageError("--pad: a byte count up to 268435456");
  }
  write_file_atomic(out, sealcheck::issuer::make_signed_sample(text, signer, pad));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
      std::fputs(kUsage, args.empty() ? stderr : stdout);
      return args.empty() ? kExitUsage : 0;
    }
    const std::string cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "verify") return cmd_verify(rest);
    if (cmd == "anchors") return cmd_anchors(rest);
    if (cmd == "text") return cmd_text(rest);
    if (cmd == "pki") return cmd_pki(rest);
    if (cmd == "sample") return cmd_sample(rest);
    if (cmd == "issue") return cmd_issue(rest);
    if (cmd == "annotate") return cmd_annotate(rest);
    if (cmd == "revoke") return cmd_revoke(rest);
    if (cmd == "retire") return cmd_seal_event(rest, sealcheck::issuer::SealEvent::Kind::kRetired);
    if (cmd == "compromise") return cmd_seal_event(rest, sealcheck::issuer::SealEvent::Kind::kCompromised);
    if (cmd == "publish") return cmd_publish(rest);
    throw UsageError("unknown command " + cmd);
  } catch (const sealcheck::issuer::Refused& e) {
    std::fprintf(stderr, "sealcheck: refused: %s\n", e.what());
    return 1;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "sealcheck: %s\n\n%s", e.what(), kUsage);
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sealcheck: %s\n", e.what());
    return 1;
  }
}
