#include "issuer/publish.h"

#include "sealcheck/certificate.h"

#include <openssl/rand.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "crypto/ossl.h"
#include "issuer/files.h"
#include "issuer/pki.h"
#include "issuer/sm2_sign.h"
#include "json_writer.h"
#include "sealcheck/certs.h"
#include "sealcheck/time.h"

namespace sealcheck::issuer {
namespace {

void put32(Bytes& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

}  // namespace

Bytes sign_bytes(std::span<const std::uint8_t> data, EVP_PKEY* key) {
  // An SM2 publisher signs SM2 with SM3 and the default ID (verify_with_any).
  if (EVP_PKEY_is_a(key, "SM2")) return sm2_sign(key, data);
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, data.data(), data.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  Bytes sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, data.data(), data.size()) != 1)
    throw std::runtime_error("signing failed");
  sig.resize(len);
  return sig;
}

TrustList demo_trust_list(const PkiPaths& paths, std::uint64_t list_number, std::int64_t issued) {
  TrustList trust{list_number, issued, {}};
  for (auto& seal : load_all_seals(paths)) {
    unsigned char* der = nullptr;
    const int len = i2d_X509(seal.cert.get(), &der);
    TrustedSeal t{seal.body, seal.seal_name, to_hex(sha256({der, static_cast<std::size_t>(len)})), {}, {}};
    OPENSSL_free(der);
    for (const SealProfile& p : demo_seals()) {
      if (seal.body == p.body) {
        t.qualifications = p.qualifications;
        t.from = p.from;
      }
    }
    trust.seals.push_back(std::move(t));
  }
  return trust;
}

TrustListInput build_trust_list(const TrustList& list, EVP_PKEY* key) {
  const std::string json = trust_list_json(list);
  TrustListInput out{Bytes(json.begin(), json.end()), {}};
  out.signature = sign_bytes(out.json, key);
  return out;
}

RevocationList build_revocation_list(const std::vector<PublishedRevocation>& revoked,
                                     const std::vector<RevocationReason>& reasons, std::uint64_t list_number,
                                     std::int64_t this_update, std::int64_t next_update, EVP_PKEY* key) {
  // A fresh hash key per list: entries cannot be matched across lists, nor
  // precomputed for a guessed number range.
  Bytes hash_key(32);
  if (RAND_bytes(hash_key.data(), static_cast<int>(hash_key.size())) != 1) throw std::runtime_error("no randomness");

  std::vector<std::vector<std::array<std::uint8_t, kEntryBytes>>> buckets(kShardCount);
  for (const auto& r : revoked) {
    if (!is_canonical_number(r.number) || r.reason_index >= reasons.size() || r.revoked_at < 0 ||
        r.revoked_at > 0xffffffffLL) {
      throw std::runtime_error("bad revocation entry for " + r.number);
    }
    const auto k = revocation_key(hash_key, r.number);
    std::array<std::uint8_t, kEntryBytes> e{};
    std::copy(k.begin(), k.begin() + kEntryKeyBytes, e.begin());
    const auto t = static_cast<std::uint32_t>(r.revoked_at);
    e[kEntryKeyBytes] = static_cast<std::uint8_t>(t >> 24);
    e[kEntryKeyBytes + 1] = static_cast<std::uint8_t>(t >> 16);
    e[kEntryKeyBytes + 2] = static_cast<std::uint8_t>(t >> 8);
    e[kEntryKeyBytes + 3] = static_cast<std::uint8_t>(t);
    e[kEntryKeyBytes + 4] = static_cast<std::uint8_t>(r.reason_index);
    buckets[k[0]].push_back(e);
  }
  RevocationList out;
  JsonWriter w;
  w.begin_object();
  w.key("format").string(kRevocationFormat);
  w.key("list_number").number(static_cast<long long>(list_number));
  w.key("this_update").string(format_beijing(this_update));
  w.key("next_update").string(format_beijing(next_update));
  w.key("hash").string("hmac-sha256, first byte = shard, 16-byte keys");
  w.key("hash_key").string(to_hex(hash_key));
  w.key("shards").begin_array();
  for (auto& bucket : buckets) {
    std::sort(bucket.begin(), bucket.end());
    Bytes shard = {'S', 'C', 'R', '1'};
    put32(shard, static_cast<std::uint32_t>(list_number));
    put32(shard, static_cast<std::uint32_t>(bucket.size()));
    for (const auto& e : bucket) shard.insert(shard.end(), e.begin(), e.end());
    const std::string digest = to_hex(sha256(shard));
    const std::string file = "shards/" + digest + ".bin";
    w.begin_object();
    w.key("file").string(file);
    w.key("sha256").string(digest);
    w.key("entries").number(static_cast<long long>(bucket.size()));
    w.end_object();
    out.files[file] = std::move(shard);
  }
  w.end_array();
  w.key("reasons").begin_array();
  for (const auto& r : reasons) {
    w.begin_object();
    w.key("code").string(r.code);
    w.key("zh").string(r.zh);
    w.key("en").string(r.en);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  const std::string json = std::move(w).take();
  out.manifest.assign(json.begin(), json.end());
  out.signature = sign_bytes(out.manifest, key);
  return out;
}

void write_revocation_list(const std::string& dir, const RevocationList& list) {
  namespace fs = std::filesystem;
  const fs::path out = fs::path(dir) / "revocations";
  fs::create_directories(out / "shards");
  for (const auto& [name, bytes] : list.files) write_file_atomic((out / name).string(), bytes);
  write_file_atomic((out / "manifest.sig").string(), list.signature);
  write_file_atomic((out / "manifest.json").string(), list.manifest);
  for (const auto& e : fs::directory_iterator(out / "shards")) {
    if (!list.files.count("shards/" + e.path().filename().string())) fs::remove(e.path());
  }
}

}  // namespace sealcheck::issuer
