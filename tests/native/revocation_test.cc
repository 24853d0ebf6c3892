// The revocation list: publisher and client, and every fault a client must
// turn into "unknown" rather than "good".
#include "sealcheck/revocation.h"
#include "crypto/digest.h"
#include "list_memory.h"

#include <gtest/gtest.h>

#include "issuer/pki.h"
#include "issuer/publish.h"
#include "sealcheck/time.h"

namespace sealcheck {
namespace {

constexpr std::int64_t kThis = 1763683200;  // 2025-11-21T08:00:00+08:00
constexpr std::int64_t kNext = kThis + 7 * 86400;

struct Publisher {
  ossl::PKey key;
  ossl::X509Ptr cert;
  Bytes der;
};

Publisher publisher(const char* name) {
  Publisher p{issuer::generate_key(issuer::KeyAlgorithm::kEcdsaP256), nullptr, {}};
  p.cert = issuer::make_certificate({name, true, kThis - 86400, kThis + 3650 * 86400, "critical,keyCertSign"},
                                    p.key.get(), nullptr, p.key.get());
  unsigned char* der = nullptr;
  const int len = i2d_X509(p.cert.get(), &der);
  p.der.assign(der, der + len);
  OPENSSL_free(der);
  return p;
}

const std::vector<RevocationReason> kReasons = {{"fraud", "以欺骗等不正当手段取得", "obtained by fraud"},
                                                {"data-error", "证书信息有误", "incorrect data"}};

class Revocation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_pub = new Publisher(publisher("list publisher"));
    s_other = new Publisher(publisher("someone else"));
    std::vector<issuer::PublishedRevocation> revoked;
    for (int i = 0; i < 2000; ++i) revoked.push_back({"R-" + std::to_string(i), kThis - 1000, 0});
    revoked.push_back({"REVOKED-1", kThis - 3600, 1});
    revoked.push_back({"REVOKED-LATER", kThis + 86400, 0});
    s_list = new issuer::RevocationList(
        issuer::build_revocation_list(revoked, kReasons, 42, kThis, kNext, s_pub->key.get()));
  }
  static void TearDownTestSuite() {
    delete s_pub;
    delete s_other;
    delete s_list;
  }

  // What a client holds after fetching the manifest and the one shard it needs.
  static RevocationInput fetched(const std::string& number) {
    RevocationInput in{s_list->manifest, s_list->signature, {}, 0};
    const auto m = parse_revocation_manifest(s_list->manifest);
    const std::size_t index = *revocation_shard_index(s_list->manifest, number);
    in.shards[index] = s_list->files.at(m->shard_files[index]);
    return in;
  }
  static RevocationStatus check(const RevocationInput& in, const std::string& number, std::int64_t t = kThis,
                                const Bytes* pinned = nullptr) {
    return check_revocation(&in, {pinned ? *pinned : s_pub->der}, number, t, &s_memory);
  }

  static inline Publisher* s_pub = nullptr;
  static inline Publisher* s_other = nullptr;
  static inline issuer::RevocationList* s_list = nullptr;
  // One batch's memory for every check of this suite, as a CLI run has.
  static inline ListMemory s_memory;
};

TEST_F(Revocation, ListsNoNumbersAndShardsEvenly) {
  const std::string manifest(s_list->manifest.begin(), s_list->manifest.end());
  EXPECT_EQ(manifest.find("REVOKED-1"), std::string::npos);
  const auto m = parse_revocation_manifest(s_list->manifest);
  ASSERT_TRUE(m.has_value());
  ASSERT_EQ(m->shard_files.size(), kShardCount);
  std::size_t entries = 0, largest = 0;
  for (const std::string& name : m->shard_files) {
    const Bytes& shard = s_list->files.at(name);  // every listed shard is published
    const std::size_t n = (shard.size() - kShardHeaderBytes) / kEntryBytes;
    EXPECT_EQ(shard.size(), kShardHeaderBytes + n * kEntryBytes);
    entries += n;
    largest = std::max(largest, n);
  }
  EXPECT_EQ(entries, 2002u);
  EXPECT_LT(largest, 40u);  // ~8 per shard on average: a lookup fetches a small part
}

TEST_F(Revocation, GoodAndRevoked) {
  const auto good = check(fetched("NEVER-REVOKED"), "NEVER-REVOKED");
  EXPECT_EQ(good.kind, RevocationStatus::Kind::kGood);
  EXPECT_EQ(good.manifest->list_number, 42u);
  const auto r = check(fetched("REVOKED-1"), "REVOKED-1");
  ASSERT_EQ(r.kind, RevocationStatus::Kind::kRevoked);
  EXPECT_EQ(r.revoked_at, kThis - 3600);
  EXPECT_EQ(r.reason.code, "data-error");
  // Judged as of the validation time: before its revocation it was good.
  EXPECT_EQ(check(fetched("REVOKED-1"), "REVOKED-1", kThis - 3601).kind, RevocationStatus::Kind::kGood);
  EXPECT_EQ(check(fetched("REVOKED-LATER"), "REVOKED-LATER").kind, RevocationStatus::Kind::kGood);
  EXPECT_EQ(check(fetched("REVOKED-LATER"), "REVOKED-LATER", kThis + 86400).kind, RevocationStatus::Kind::kRevoked);
}

TEST_F(Revocation, MissingList) {
  EXPECT_EQ(check_revocation(nullptr, {s_pub->der}, "X", kThis).code, Code::kRevocationListMissing);
  RevocationInput empty;
  EXPECT_EQ(check(empty, "X").code, Code::kRevocationListMissing);
}

TEST_F(Revocation, BadSignatureModifiedManifestWrongKey) {
  RevocationInput in = fetched("REVOKED-1");
  in.signature.back() ^= 1;
  EXPECT_EQ(check(in, "REVOKED-1").code, Code::kRevocationListBadSignature);
  in = fetched("REVOKED-1");
  in.manifest[in.manifest.size() / 2] ^= 1;
  EXPECT_EQ(check(in, "REVOKED-1").code, Code::kRevocationListBadSignature);
  EXPECT_EQ(check(fetched("REVOKED-1"), "REVOKED-1", kThis, &s_other->der).code, Code::kRevocationListBadSignature);
}

// A list that verified once is remembered (revocation.cc): the memory must
// never carry a good answer over to other bytes or another anchor.
TEST_F(Revocation, RememberedSignatureNeverVouchesForOtherBytesOrAnchors) {
  ASSERT_EQ(check(fetched("X-1"), "X-1").kind, RevocationStatus::Kind::kGood);
  EXPECT_EQ(check(fetched("X-1"), "X-1", kThis, &s_other->der).code, Code::kRevocationListBadSignature);
  RevocationInput in = fetched("X-1");
  in.signature.back() ^= 1;
  EXPECT_EQ(check(in, "X-1").code, Code::kRevocationListBadSignature);
  in = fetched("X-1");
  in.manifest[in.manifest.size() / 3] ^= 1;
  EXPECT_EQ(check(in, "X-1").code, Code::kRevocationListBadSignature);
  EXPECT_TRUE(verify_with_any(s_list->manifest, s_list->signature, {s_pub->der}, &s_memory));
  EXPECT_FALSE(verify_with_any(s_list->manifest, s_list->signature, {}, &s_memory));
  EXPECT_FALSE(s_memory.state().verified.empty());
  ASSERT_EQ(check(fetched("X-1"), "X-1").kind, RevocationStatus::Kind::kGood);
}

TEST_F(Revocation, ModifiedOrMissingShard) {
  RevocationInput in = fetched("REVOKED-1");
  in.shards.begin()->second.back() ^= 1;
  EXPECT_EQ(check(in, "REVOKED-1").code, Code::kRevocationShardBad);
  in = fetched("REVOKED-1");
  in.shards.begin()->second.resize(kShardHeaderBytes);  // "nothing revoked here"
  EXPECT_EQ(check(in, "REVOKED-1").code, Code::kRevocationShardBad);
  in = fetched("REVOKED-1");
  in.shards.clear();
  EXPECT_EQ(check(in, "REVOKED-1").code, Code::kRevocationShardMissing);
  // Another certificate's shard is not ours.
  in = fetched("NEVER-REVOKED");
  if (*revocation_shard_index(s_list->manifest, "NEVER-REVOKED") !=
      *revocation_shard_index(s_list->manifest, "REVOKED-1")) {
    EXPECT_EQ(check(in, "REVOKED-1").code, Code::kRevocationShardMissing);
  }
}

TEST_F(Revocation, StaleAndRollback) {
  EXPECT_EQ(check(fetched("A"), "A", kNext).kind, RevocationStatus::Kind::kGood);
  EXPECT_EQ(check(fetched("A"), "A", kNext + 1).code, Code::kRevocationListStale);
  RevocationInput in = fetched("A");
  in.min_list_number = 42;
  EXPECT_EQ(check(in, "A").kind, RevocationStatus::Kind::kGood);
  in.min_list_number = 43;
  EXPECT_EQ(check(in, "A").code, Code::kRevocationListRollback);
}

TEST_F(Revocation, ManifestCannotPointElsewhere) {
  std::string m(s_list->manifest.begin(), s_list->manifest.end());
  const auto pos = m.find("\"file\":\"shards/");
  m.replace(pos, 15, "\"file\":\"https:/");
  EXPECT_FALSE(parse_revocation_manifest(Bytes(m.begin(), m.end())).has_value());
}

}  // namespace
}  // namespace sealcheck
