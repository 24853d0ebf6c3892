// SM2 seals end to end: SignedData built by the issuer (sm2_sign.cc) under
// the PKCS#7 and the GM/T 0010 OIDs, checked by the verifier's own SM2 path
// (cms_check.cc), and each tampered variant refused.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "crypto/cms_check.h"
#include "issuer/pki.h"
#include "issuer/sm2_sign.h"
#include "support/checks.h"
#include "support/seal_check.h"

namespace sealcheck {
namespace {

using Bytes = std::vector<std::uint8_t>;
constexpr std::int64_t kNow = 1763683200;  // 2025-11-21T08:00:00+08:00

struct Pki {
  ossl::PKey root_key, seal_key;
  ossl::X509Ptr root, seal;
  Bytes root_der;
};

Pki make_pki() {
  Pki p;
  p.root_key = issuer::generate_key(issuer::KeyAlgorithm::kEcdsaP256);
  p.root = issuer::make_certificate(
      {"SM2 test root", true, kNow - 86400, kNow + 86400 * 365, "critical,keyCertSign,cRLSign"}, p.root_key.get(),
      nullptr, p.root_key.get());
  p.seal_key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  p.seal =
      issuer::make_certificate({"SM2 test seal", false, kNow - 86400, kNow + 86400 * 365, "critical,digitalSignature"},
                               p.seal_key.get(), p.root.get(), p.root_key.get());
  unsigned char* der = nullptr;
  const int len = i2d_X509(p.root.get(), &der);
  p.root_der.assign(der, der + len);
  OPENSSL_free(der);
  return p;
}

class Sm2Seal : public ::testing::TestWithParam<bool> {  // GM/T OIDs?
 protected:
  static void SetUpTestSuite() { s_pki = new Pki(make_pki()); }
  static void TearDownTestSuite() { delete s_pki; }

  Bytes sign(const std::string& covered, const std::string& id = "1234567812345678") {
    issuer::Sm2SignOptions o;
    o.gmt_oids = GetParam();
    o.id = id;
    return issuer::sign_detached_sm2({covered}, s_pki->seal.get(), s_pki->seal_key.get(), {}, kNow - 60, o);
  }
  CmsOutcome check(const Bytes& der, const std::string& covered, const std::string& id = "1234567812345678") {
    anchors_ = {s_pki->root_der};
    return testing::check_seal(der, covered, anchors_, kNow, id);
  }
  static const Check* find(const CmsOutcome& o, CheckId id) { return testing::find_check(o.checks, id); }

  std::vector<Bytes> anchors_;
  static inline Pki* s_pki = nullptr;
};

TEST_P(Sm2Seal, GenuineSealPassesEveryCheck) {
  const std::string covered = "%PDF-1.7 the sealed bytes";
  const CmsOutcome o = check(sign(covered), covered);
  for (const Check& c : o.checks)
    EXPECT_EQ(c.status, Status::kPass) << to_string(c.id) << " " << message_for(c.code).id;
  EXPECT_EQ(o.seal.algorithm, "SM3 with SM2");
  EXPECT_EQ(o.seal.signed_at, "2025-11-21T07:59:00+08:00");
  EXPECT_NE(o.seal.signer.find("SM2 test seal"), std::string::npos);
}

TEST_P(Sm2Seal, EveryTamperedVariantIsRefused) {
  const std::string covered = "%PDF-1.7 the sealed bytes";
  const Bytes der = sign(covered);
  // The covered bytes changed: digest mismatch.
  EXPECT_EQ(find(check(der, covered + "!"), CheckId::kCms)->code, Code::kDigestMismatch);
  // Another distinguishing ID at signing time: the signature does not verify,
  // unless the verifier is told that ID.
  const Bytes alice = sign(covered, "ALICE123@YAHOO.COM");
  EXPECT_EQ(find(check(alice, covered), CheckId::kCms)->code, Code::kSignatureBad);
  EXPECT_EQ(find(check(alice, covered, "ALICE123@YAHOO.COM"), CheckId::kCms)->code, Code::kCmsIntact);
  // The signature's last byte changed (inside the DER signature value).
  Bytes bad = der;
  bad[bad.size() - 3] ^= 0x01;
  const CmsOutcome bad_outcome = check(bad, covered);
  const Check* cms = find(bad_outcome, CheckId::kCms);
  ASSERT_NE(cms, nullptr);
  EXPECT_NE(cms->status, Status::kPass);
  // Not trusted without the root.
  anchors_.clear();
  CmsInput in;
  in.cms_der = der;
  in.covered = {{reinterpret_cast<const std::uint8_t*>(covered.data()), covered.size()}, {}};
  const std::vector<Bytes> none;
  in.trust_anchors = &none;
  in.validation_time = kNow;
  EXPECT_EQ(find(check_cms(in), CheckId::kTrust)->code, Code::kNoTrustAnchors);
}

INSTANTIATE_TEST_SUITE_P(Oids, Sm2Seal, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "GmT0010" : "Pkcs7"; });

}  // namespace
}  // namespace sealcheck
