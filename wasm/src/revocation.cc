#include "sealcheck/revocation.h"
#include "crypto/digest.h"
#include "list_memory.h"

#include "sealcheck/certificate.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>

#include "crypto/ossl.h"
#include "sealcheck/certs.h"
#include "sealcheck/json.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"

namespace sealcheck {
namespace {

std::optional<Bytes> from_hex(const std::string& s, std::size_t want) {
  if (s.size() != want * 2) return std::nullopt;
  Bytes out(want);
  for (std::size_t i = 0; i < want; ++i) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      const char c = s[2 * i + static_cast<std::size_t>(k)];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else
        return std::nullopt;
    }
    out[i] = static_cast<std::uint8_t>(v);
  }
  return out;
}

std::uint32_t be32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
         static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}

RevocationStatus unknown(Code code, std::string detail = {}) {
  RevocationStatus s;
  s.kind = RevocationStatus::Kind::kUnknown;
  s.code = code;
  s.detail = std::move(detail);
  return s;
}

}  // namespace

std::array<std::uint8_t, 32> revocation_key(std::span<const std::uint8_t> hash_key, const std::string& number) {
  std::array<std::uint8_t, 32> out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), hash_key.data(), static_cast<int>(hash_key.size()),
       reinterpret_cast<const unsigned char*>(number.data()), number.size(), out.data(), &len);
  return out;
}

std::optional<RevocationManifest> parse_revocation_manifest(std::span<const std::uint8_t> json_bytes) {
  const auto v = json::parse({reinterpret_cast<const char*>(json_bytes.data()), json_bytes.size()});
  const json::Object* o = v ? v->as_object() : nullptr;
  if (!o) return std::nullopt;
  const std::string* format = json::get_string(*o, "format");
  const std::string* this_update = json::get_string(*o, "this_update");
  const std::string* next_update = json::get_string(*o, "next_update");
  const std::string* hash_key = json::get_string(*o, "hash_key");
  const auto ln = o->find("list_number");
  const auto shards = o->find("shards");
  const auto reasons = o->find("reasons");
  if (!format || *format != kRevocationFormat || !this_update || !next_update || !hash_key || ln == o->end() ||
      !ln->second.as_number() || shards == o->end() || !shards->second.as_array() || reasons == o->end() ||
      !reasons->second.as_array()) {
    return std::nullopt;
  }
  RevocationManifest m;
  const double n = *ln->second.as_number();
  const auto t0 = parse_iso8601(*this_update), t1 = parse_iso8601(*next_update);
  auto key = from_hex(*hash_key, 32);
  if (n < 0 || n > 9007199254740991.0 || n != static_cast<double>(static_cast<std::uint64_t>(n)) || !t0 || !t1 ||
      *t1 < *t0 || !key) {
    return std::nullopt;
  }
  m.list_number = static_cast<std::uint64_t>(n);
  m.this_update = *t0;
  m.next_update = *t1;
  m.hash_key = std::move(*key);
  const json::Array& sa = *shards->second.as_array();
  if (sa.size() != kShardCount) return std::nullopt;
  for (const json::Value& s : sa) {
    const json::Object* so = s.as_object();
    const std::string* file = so ? json::get_string(*so, "file") : nullptr;
    const std::string* digest = so ? json::get_string(*so, "sha256") : nullptr;
    // Shard names are ours to choose: only "shards/<hex>.bin", so a
    // manifest cannot send a client anywhere else.
    if (!file || !digest || !from_hex(*digest, 32) || *file != "shards/" + *digest + ".bin") return std::nullopt;
    m.shard_files.push_back(*file);
    m.shard_sha256.push_back(*digest);
  }
  for (const json::Value& r : *reasons->second.as_array()) {
    const json::Object* ro = r.as_object();
    const std::string* code = ro ? json::get_string(*ro, "code") : nullptr;
    const std::string* zh = ro ? json::get_string(*ro, "zh") : nullptr;
    const std::string* en = ro ? json::get_string(*ro, "en") : nullptr;
    if (!code || !zh || !en) return std::nullopt;
    m.reasons.push_back({*code, *zh, *en});
  }
  if (m.reasons.empty() || m.reasons.size() > 255) return std::nullopt;
  return m;
}

namespace {

bool same(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace

ListMemory::ListMemory() : m_state(std::make_unique<State>()) {}
ListMemory::~ListMemory() = default;

bool verify_with_any(std::span<const std::uint8_t> data, std::span<const std::uint8_t> signature,
                     const std::vector<Bytes>& certificates, ListMemory* memory) {
  std::vector<ListMemory::State::VerifiedSignature> none;
  auto& verified = memory ? memory->state().verified : none;
  for (const auto& v : verified) {
    if (same(v.data, data) && same(v.signature, signature)) {
      for (const Bytes& der : certificates) {
        if (same(der, v.certificate)) return true;
      }
    }
  }
  for (const Bytes& der : certificates) {
    const unsigned char* p = der.data();
    ossl::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    EVP_PKEY* key = cert ? X509_get0_pubkey(cert.get()) : nullptr;
    if (!key) continue;
    // An SM2 publisher: SM2 with SM3 and the default distinguishing ID.
    std::uint8_t point[65];
    std::size_t point_len = 0;
    const bool sm2 =
        EVP_PKEY_is_a(key, "SM2") && EVP_PKEY_get_octet_string_param(key, "pub", point, sizeof point, &point_len) == 1;
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    if (sm2 ? sm2_verify({point, point_len}, data, signature)
            : ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size()) == 1) {
      if (memory) {
        if (verified.size() == 4) verified.erase(verified.begin());
        verified.push_back({Bytes(data.begin(), data.end()), Bytes(signature.begin(), signature.end()), der});
      }
      return true;
    }
  }
  return false;
}

std::optional<std::size_t> revocation_shard_index(std::span<const std::uint8_t> manifest_json,
                                                  const std::string& number) {
  const auto m = parse_revocation_manifest(manifest_json);
  if (!m) return std::nullopt;
  return revocation_shard_index(*m, number);
}

std::size_t revocation_shard_index(const RevocationManifest& m, const std::string& number) {
  return revocation_key(m.hash_key, number)[0];
}

RevocationStatus check_revocation(const RevocationInput* in, const std::vector<Bytes>& pinned,
                                  const std::string& number, std::int64_t t, ListMemory* memory) {
  // Keys are computed from the canonical form only: any other spelling of
  // a number would miss its entry while looking the same on screen.
  if (!is_canonical_number(number)) return unknown(Code::kCertificateNumberMalformed);
  if (in == nullptr || in->manifest.empty()) return unknown(Code::kRevocationListMissing);
  if (!verify_with_any(in->manifest, in->signature, pinned, memory)) {
    return unknown(Code::kRevocationListBadSignature);
  }
  std::optional<RevocationManifest> m;
  if (memory && memory->state().manifest && same(memory->state().manifest_bytes, in->manifest)) {
    m = memory->state().manifest;
  } else {
    m = parse_revocation_manifest(in->manifest);
    if (memory && m) {
      memory->state().manifest = m;
      memory->state().manifest_bytes = in->manifest;
    }
  }
  if (!m) return unknown(Code::kRevocationListMalformed);
  if (m->list_number < in->min_list_number) {
    return unknown(Code::kRevocationListRollback,
                   "list " + std::to_string(m->list_number) + " < " + std::to_string(in->min_list_number));
  }
  if (t > m->next_update) return unknown(Code::kRevocationListStale, "next update " + format_beijing(m->next_update));
  const auto key = revocation_key(m->hash_key, number);
  const std::size_t index = key[0];
  const auto it = in->shards.find(index);
  if (it == in->shards.end()) return unknown(Code::kRevocationShardMissing, m->shard_files[index]);
  const Bytes& shard = it->second;
  if (to_hex(sha256(shard)) != m->shard_sha256[index]) return unknown(Code::kRevocationShardBad, m->shard_files[index]);
  if (shard.size() < kShardHeaderBytes || std::memcmp(shard.data(), "SCR1", 4) != 0 ||
      be32(shard.data() + 4) != static_cast<std::uint32_t>(m->list_number) ||
      (shard.size() - kShardHeaderBytes) != static_cast<std::size_t>(be32(shard.data() + 8)) * kEntryBytes) {
    return unknown(Code::kRevocationShardBad, "bad shard layout");
  }
  // Entries are sorted by key: binary search.
  const std::size_t count = be32(shard.data() + 8);
  std::size_t lo = 0, hi = count;
  const std::uint8_t* base = shard.data() + kShardHeaderBytes;
  RevocationStatus s;
  s.kind = RevocationStatus::Kind::kGood;
  s.code = Code::kNotRevoked;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const int c = std::memcmp(base + mid * kEntryBytes, key.data(), kEntryKeyBytes);
    if (c == 0) {
      const std::uint8_t* e = base + mid * kEntryBytes;
      const std::int64_t revoked_at = be32(e + kEntryKeyBytes);
      const std::uint8_t reason = e[kEntryKeyBytes + 4];
      if (reason >= m->reasons.size()) return unknown(Code::kRevocationShardBad, "unknown reason index");
      // Revoked from its revocation time on: judged "as of" t.
      if (revoked_at <= t) {
        s.kind = RevocationStatus::Kind::kRevoked;
        s.code = Code::kRevoked;
        s.revoked_at = revoked_at;
        s.reason = m->reasons[reason];
        s.detail = format_beijing(revoked_at) + " " + s.reason.zh + " / " + s.reason.en;
      }
      break;
    }
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  s.manifest = std::move(m);
  return s;
}

}  // namespace sealcheck
