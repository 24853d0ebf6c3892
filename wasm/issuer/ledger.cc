#include "issuer/ledger.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <memory>
#include <stdexcept>

#include "sealcheck/time.h"

namespace sealcheck::issuer {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

// One prepared statement, finalized on scope exit.
class Stmt final {
 public:
  Stmt(sqlite3* db, const char* sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr) != SQLITE_OK) fail(db, "prepare");
  }
  ~Stmt() { sqlite3_finalize(m_s); }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(m_s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_s, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(m_s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_db, "step");
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(m_s, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_s, col)))
             : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(m_s, col); }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_s = nullptr;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS certificates (
  number     TEXT PRIMARY KEY,
  data       TEXT NOT NULL,      -- sealcheck-certificate/1 JSON, full ID number
  seal       TEXT NOT NULL,      -- which seal signs it
  issued_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS annotations (
  id         INTEGER PRIMARY KEY,
  number     TEXT NOT NULL REFERENCES certificates(number),
  scenario   TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after  TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS annotations_by_number ON annotations(number);
CREATE TABLE IF NOT EXISTS meta (
  key        TEXT PRIMARY KEY,
  value      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS seal_events (
  certificate_sha256 TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('retired', 'compromised')),
  at         INTEGER NOT NULL,
  PRIMARY KEY (certificate_sha256, kind)
);
CREATE TABLE IF NOT EXISTS revocations (
  number     TEXT PRIMARY KEY REFERENCES certificates(number),
  revoked_at INTEGER NOT NULL,
  reason     TEXT NOT NULL
);
)sql";

}  // namespace

const std::vector<ReasonLabel>& revocation_reasons() {
  static const std::vector<ReasonLabel> kReasons = {
      {"fraud", "以欺骗等不正当手段取得", "obtained by fraud or other improper means"},
      {"data-error", "证书信息有误", "issued with incorrect data"},
      {"duplicate", "重复颁发", "issued twice"},
      {"qualification-withdrawn", "职业资格被撤销", "the qualification was withdrawn"},
      {"holder-request", "持证人申请注销", "cancelled at the holder's request"},
      {"other", "其他原因", "other reason"},
  };
  return kReasons;
}

Ledger::Ledger(const std::string& path) {
  // The ledger holds full ID numbers: owner-only from creation on (WAL and
  // journal files inherit the mode).
  const mode_t old_mask = umask(077);
  const int rc = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  umask(old_mask);
  if (rc != SQLITE_OK) {
    const std::string why = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw std::runtime_error("cannot open ledger " + path + ": " + why);
  }
  sqlite3_busy_timeout(m_db, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
  exec(kSchema);
}

Ledger::~Ledger() { sqlite3_close(m_db); }

void Ledger::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "error";
    sqlite3_free(err);
    throw std::runtime_error(std::string("ledger: ") + msg);
  }
}

void Ledger::transaction(const std::function<void()>& fn) {
  exec("BEGIN IMMEDIATE");
  try {
    fn();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Ledger::add_certificate(const CertificateData& full, const std::string& seal, std::int64_t issued_at) {
  CertificateDocument doc{full, std::nullopt};
  Stmt s(m_db, "INSERT INTO certificates(number, data, seal, issued_at) VALUES (?, ?, ?, ?)");
  s.bind(1, full.number).bind(2, to_json(doc)).bind(3, seal).bind(4, issued_at);
  try {
    s.step();
  } catch (const std::runtime_error&) {
    throw std::runtime_error("certificate " + full.number + " is already in the ledger");
  }
}

std::optional<CertificateData> Ledger::certificate(const std::string& number) {
  Stmt s(m_db, "SELECT data FROM certificates WHERE number = ?");
  s.bind(1, number);
  if (!s.step()) return std::nullopt;
  auto doc = parse_certificate_document(s.text(0));
  if (!doc) throw std::runtime_error("ledger: stored data of " + number + " is unreadable");
  return doc->certificate;
}

std::string Ledger::seal_of(const std::string& number) {
  Stmt s(m_db, "SELECT seal FROM certificates WHERE number = ?");
  s.bind(1, number);
  return s.step() ? s.text(0) : std::string();
}

void Ledger::add_annotation(const std::string& number, const Annotation& a, std::int64_t created_at) {
  Stmt s(m_db,
         "INSERT INTO annotations(number, scenario, not_before, not_after, applied_on, created_at) VALUES (?, ?, ?, ?, "
         "?, ?)");
  s.bind(1, number)
      .bind(2, a.scenario)
      .bind(3, a.not_before)
      .bind(4, a.not_after)
      .bind(5, a.applied_on)
      .bind(6, created_at);
  s.step();
}

std::vector<Annotation> Ledger::annotations(const std::string& number) {
  Stmt s(m_db, "SELECT scenario, not_before, not_after, applied_on FROM annotations WHERE number = ? ORDER BY id");
  s.bind(1, number);
  std::vector<Annotation> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

void Ledger::revoke(const Revocation& r) {
  Stmt s(m_db, "INSERT INTO revocations(number, revoked_at, reason) VALUES (?, ?, ?)");
  s.bind(1, r.number).bind(2, r.revoked_at).bind(3, r.reason);
  s.step();
}

std::optional<Revocation> Ledger::revocation(const std::string& number) {
  Stmt s(m_db, "SELECT number, revoked_at, reason FROM revocations WHERE number = ?");
  s.bind(1, number);
  if (!s.step()) return std::nullopt;
  return Revocation{s.text(0), s.integer(1), s.text(2)};
}

std::vector<Revocation> Ledger::revocations() {
  Stmt s(m_db, "SELECT number, revoked_at, reason FROM revocations ORDER BY number");
  std::vector<Revocation> out;
  while (s.step()) out.push_back({s.text(0), s.integer(1), s.text(2)});
  return out;
}

void Ledger::record_seal_event(const SealEvent& e) {
  const char* kind = e.kind == SealEvent::Kind::kRetired ? "retired" : "compromised";
  {
    Stmt q(m_db, "SELECT at FROM seal_events WHERE certificate_sha256 = ? AND kind = ?");
    q.bind(1, e.certificate_sha256).bind(2, std::string(kind));
    if (q.step()) {
      throw std::runtime_error(std::string("this seal is already recorded as ") + kind + " (at " +
                               format_beijing(q.integer(0)) + ")");
    }
  }
  Stmt s(m_db, "INSERT INTO seal_events(certificate_sha256, kind, at) VALUES (?, ?, ?)");
  s.bind(1, e.certificate_sha256).bind(2, std::string(kind)).bind(3, e.at);
  s.step();
}

std::vector<SealEvent> Ledger::seal_events() {
  Stmt s(m_db, "SELECT certificate_sha256, kind, at FROM seal_events ORDER BY certificate_sha256, kind");
  std::vector<SealEvent> out;
  while (s.step()) {
    out.push_back(
        {s.text(0), s.text(1) == "retired" ? SealEvent::Kind::kRetired : SealEvent::Kind::kCompromised, s.integer(2)});
  }
  return out;
}

std::int64_t Ledger::count_certificates() {
  Stmt s(m_db, "SELECT count(*) FROM certificates");
  s.step();
  return s.integer(0);
}

std::uint64_t Ledger::next_list_number() {
  exec(
      "INSERT INTO meta(key, value) VALUES ('list_number', 1) "
      "ON CONFLICT(key) DO UPDATE SET value = value + 1");
  Stmt s(m_db, "SELECT value FROM meta WHERE key = 'list_number'");
  s.step();
  return static_cast<std::uint64_t>(s.integer(0));
}

bool Ledger::intact() {
  Stmt s(m_db, "PRAGMA integrity_check");
  if (!s.step() || s.text(0) != "ok") return false;
  Stmt fk(m_db, "PRAGMA foreign_key_check");
  return !fk.step();
}

}  // namespace sealcheck::issuer
