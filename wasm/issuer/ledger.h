// The issuer's ledger: certificates, annotations and revocations in SQLite.
// Every change is one transaction (BEGIN IMMEDIATE ... COMMIT) in a WAL
// database with synchronous=FULL, so a crash leaves it either before or
// after the change, never in between.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sealcheck/certificate.h"

struct sqlite3;

namespace sealcheck::issuer {

struct Revocation final {
  std::string number;
  std::int64_t revoked_at = 0;
  std::string reason;  // a code from revocation_reasons()
};

// A seal's retirement or the compromise of its key, recorded against its
// certificate (by SHA-256): the next trust list carries it.
struct SealEvent final {
  enum class Kind { kRetired, kCompromised };
  std::string certificate_sha256;
  Kind kind = Kind::kRetired;
  std::int64_t at = 0;
};

struct ReasonLabel final {
  const char* code;
  const char* zh;
  const char* en;
};
// The closed list of revocation reasons (撤销原因).
const std::vector<ReasonLabel>& revocation_reasons();

class Ledger final {
 public:
  explicit Ledger(const std::string& path);  // opens or creates; throws std::runtime_error
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Runs fn inside one write transaction; rolls back if it throws.
  void transaction(const std::function<void()>& fn);

  void add_certificate(const CertificateData& full, const std::string& seal, std::int64_t issued_at);
  std::optional<CertificateData> certificate(const std::string& number);
  std::string seal_of(const std::string& number);
  void add_annotation(const std::string& number, const Annotation& a, std::int64_t created_at);
  std::vector<Annotation> annotations(const std::string& number);
  void revoke(const Revocation& r);
  std::optional<Revocation> revocation(const std::string& number);
  std::vector<Revocation> revocations();
  // Refuses (std::runtime_error) a second event of the same kind for a seal.
  void record_seal_event(const SealEvent& e);
  std::vector<SealEvent> seal_events();
  std::int64_t count_certificates();
  // The next revocation list number: strictly increasing, never reused.
  std::uint64_t next_list_number();

  // PRAGMA integrity_check == "ok" and foreign keys consistent.
  bool intact();

 private:
  void exec(const char* sql);
  sqlite3* m_db = nullptr;
};

}  // namespace sealcheck::issuer
