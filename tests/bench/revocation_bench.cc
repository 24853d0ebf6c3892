// Benchmark (scripts/bench.sh): publish N revocations, report the time and
// the sizes a CDN serves and a client fetches, then time lookups.
//   revocation_bench N [OUT_DIR]   (OUT_DIR: also write the list and publisher.pem)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <openssl/pem.h>

#include "issuer/pki.h"
#include "issuer/publish.h"
#include "sealcheck/revocation.h"

int main(int argc, char** argv) {
  using namespace sealcheck;
  using Clock = std::chrono::steady_clock;
  const long n = argc > 1 ? std::atol(argv[1]) : 1000000;
  const std::int64_t now = 1763683200;
  auto key = issuer::generate_key(issuer::KeyAlgorithm::kEcdsaP256);
  auto cert = issuer::make_certificate(
      {"bench publisher", true, now - 86400, now + 86400 * 365, "critical,keyCertSign"}, key.get(), nullptr, key.get());
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert.get(), &der);
  const Bytes cert_der(der, der + len);
  OPENSSL_free(der);

  std::vector<issuer::PublishedRevocation> revoked;
  revoked.reserve(static_cast<std::size_t>(n));
  char number[32];
  for (long i = 0; i < n; ++i) {
    std::snprintf(number, sizeof number, "2024%011ld", i * 37);
    revoked.push_back({number, now - (i % 100000), static_cast<std::size_t>(i % 6)});
  }
  const std::vector<RevocationReason> reasons(6, {"r", "原因", "reason"});
  const auto t0 = Clock::now();
  const auto list = issuer::build_revocation_list(revoked, reasons, 1, now, now + 7 * 86400, key.get());
  const double publish_s = std::chrono::duration<double>(Clock::now() - t0).count();

  std::size_t total = list.manifest.size() + list.signature.size(), largest = 0, smallest = SIZE_MAX;
  for (const auto& [name, bytes] : list.files) {
    total += bytes.size();
    largest = std::max(largest, bytes.size());
    smallest = std::min(smallest, bytes.size());
  }
  const auto m = parse_revocation_manifest(list.manifest);
  std::vector<double> ms;
  for (int i = 0; i < 200; ++i) {
    std::snprintf(number, sizeof number, "2024%011d", i * 37 + (i % 2));  // half revoked, half not
    const std::size_t index = *revocation_shard_index(list.manifest, number);
    RevocationInput in{list.manifest, list.signature, {{index, list.files.at(m->shard_files[index])}}, 0};
    const auto t = Clock::now();
    const auto s = check_revocation(&in, {cert_der}, number, now);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    if (s.kind == RevocationStatus::Kind::kUnknown) return 1;
  }
  std::sort(ms.begin(), ms.end());
  if (argc > 2) {
    namespace fs = std::filesystem;
    issuer::write_revocation_list(argv[2], list);
    FILE* f = std::fopen((fs::path(argv[2]) / "publisher.pem").c_str(), "w");
    PEM_write_X509(f, cert.get());
    std::fclose(f);
  }
  std::printf(
      "revocations=%ld publish_s=%.2f total_bytes=%zu manifest_bytes=%zu shard_bytes_min=%zu shard_bytes_max=%zu "
      "lookup_fetch_bytes_max=%zu lookup_ms_median=%.3f\n",
      n, publish_s, total, list.manifest.size(), smallest, largest,
      list.manifest.size() + list.signature.size() + largest, ms[ms.size() / 2]);
  return 0;
}
