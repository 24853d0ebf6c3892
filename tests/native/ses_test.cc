// GB/T 38540 electronic seals: the SES_Signature reader (ses.cc) against
// the issuer's builder (ses_sign.cc), the verifier's checks (cms_check.cc)
// on genuine seals and on each kind of tampering, and no single changed
// byte anywhere in the seal data ever passing.
#include "crypto/ses.h"
#include "support/checks.h"
#include "support/seal_check.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "crypto/cms_check.h"
#include "issuer/pki.h"
#include "issuer/ses_sign.h"
#include "issuer/sm2_sign.h"

namespace sealcheck {
namespace {

using Bytes = std::vector<std::uint8_t>;
constexpr std::int64_t kNow = 1763683200;  // 2025-11-21T08:00:00+08:00
constexpr std::int64_t kYear = 365 * 86400;

struct Party {
  ossl::PKey key;
  ossl::X509Ptr cert;
};

class Ses : public ::testing::Test {
 protected:
  static Party sm2_party(const std::string& cn, const Party* issuer) {
    Party p;
    p.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    p.cert = issuer::make_certificate({cn, false, kNow - kYear, kNow + kYear, "critical,digitalSignature"}, p.key.get(),
                                      issuer ? issuer->cert.get() : nullptr, issuer ? issuer->key.get() : p.key.get());
    return p;
  }
  static void SetUpTestSuite() {
    s_root = new Party;
    s_root->key = issuer::generate_key(issuer::KeyAlgorithm::kEcdsaP256);
    s_root->cert =
        issuer::make_certificate({"SES test root", true, kNow - kYear, kNow + kYear, "critical,keyCertSign,cRLSign"},
                                 s_root->key.get(), nullptr, s_root->key.get());
    s_maker = new Party(sm2_party("SES test seal maker", s_root));
    s_signer = new Party(sm2_party("SES test signer", s_root));
    s_other = new Party(sm2_party("SES test other signer", s_root));
  }
  static void TearDownTestSuite() {
    delete s_root;
    delete s_maker;
    delete s_signer;
    delete s_other;
  }

  static issuer::SesSealSpec spec() {
    issuer::SesSealSpec s;
    s.maker_cert = s_maker->cert.get();
    s.maker_key = s_maker->key.get();
    s.es_id = "ES-TEST-1";
    s.name = "测试电子印章";
    s.type = 2;
    s.created = s.valid_start = kNow - 30 * 86400;
    s.valid_end = kNow + 30 * 86400;
    s.signers = {s_signer->cert.get()};
    return s;
  }
  static Bytes sign(const std::string& covered, const issuer::SesSealSpec& sp = spec(),
                    const std::string& id = "1234567812345678", EVP_PKEY* key = nullptr) {
    issuer::SesSignOptions o;
    o.id = id;
    return issuer::sign_detached_ses({covered}, s_signer->cert.get(), key ? key : s_signer->key.get(),
                                     issuer::make_seseal(sp), kNow - 60, o);
  }
  CmsOutcome check(const Bytes& der, const std::string& covered, const std::string& id = "1234567812345678") {
    anchors_ = {issuer::certificate_der(s_root->cert.get())};
    return testing::check_seal(der, covered, anchors_, kNow, id);
  }
  static std::string code_of(const CmsOutcome& o, CheckId id) { return testing::code_of(o.checks, id); }
  static bool all_pass(const CmsOutcome& o) {
    for (const Check& c : o.checks) {
      if (c.status != Status::kPass) return false;
    }
    return !o.checks.empty();
  }

  std::vector<Bytes> anchors_;
  static inline Party* s_root = nullptr;
  static inline Party* s_maker = nullptr;
  static inline Party* s_signer = nullptr;
  static inline Party* s_other = nullptr;
};

const std::string kCovered = "%PDF-1.7 the sealed bytes";

TEST_F(Ses, ReadsBackWhatTheIssuerWrote) {
  Bytes der = sign(kCovered);
  der.resize(der.size() + 64, 0);  // /Contents padding
  const SesParse p = parse_ses_signature(der);
  ASSERT_EQ(p.shape, SesShape::kOk);
  const SesSignatureView& v = p.view;
  EXPECT_EQ(v.algorithm, "1.2.156.10197.1.501");
  EXPECT_EQ(v.seal.algorithm, "1.2.156.10197.1.501");
  EXPECT_EQ(v.seal.es_id, "ES-TEST-1");
  EXPECT_EQ(v.seal.name, "测试电子印章");
  EXPECT_EQ(v.seal.type, 2);
  EXPECT_EQ(v.seal.vid, "sealcheck");
  EXPECT_EQ(v.seal.cert_list_type, 1);
  ASSERT_EQ(v.seal.certs.size(), 1u);
  EXPECT_EQ(Bytes(v.seal.certs[0].begin(), v.seal.certs[0].end()), issuer::certificate_der(s_signer->cert.get()));
  EXPECT_EQ(Bytes(v.signer_cert.begin(), v.signer_cert.end()), issuer::certificate_der(s_signer->cert.get()));
  EXPECT_EQ(Bytes(v.seal.maker_cert.begin(), v.seal.maker_cert.end()), issuer::certificate_der(s_maker->cert.get()));
  EXPECT_EQ(v.data_hash.size(), 32u);
  EXPECT_EQ(v.property_info, "sealcheck PDF seal");
  EXPECT_FALSE(v.has_timestamp);
  // The signed structure is the first element, as written.
  EXPECT_EQ(v.to_sign.data(), der.data() + (der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2));
}

TEST_F(Ses, GenuineSealPassesEveryCheckAndReportsTheSealFromSignedData) {
  const CmsOutcome o = check(sign(kCovered), kCovered);
  for (const Check& c : o.checks)
    EXPECT_EQ(c.status, Status::kPass) << to_string(c.id) << " " << message_for(c.code).id;
  EXPECT_EQ(code_of(o, CheckId::kEseal), "eseal-intact");
  ASSERT_TRUE(o.seal.eseal.has_value());
  EXPECT_EQ(o.seal.eseal->name, "测试电子印章");
  EXPECT_EQ(o.seal.eseal->id, "ES-TEST-1");
  EXPECT_EQ(o.seal.eseal->valid_from, "2025-10-22T08:00:00+08:00");
  EXPECT_NE(o.seal.eseal->maker.find("SES test seal maker"), std::string::npos);
  EXPECT_EQ(o.seal.signed_at, "2025-11-21T07:59:00+08:00");
  EXPECT_NE(o.seal.signer.find("SES test signer"), std::string::npos);
}

TEST_F(Ses, CertificateDigestListsAreAccepted) {
  issuer::SesSealSpec sp = spec();
  sp.list_digests = true;
  const Bytes der = sign(kCovered, sp);
  ASSERT_EQ(parse_ses_signature(der).view.seal.cert_list_type, 2);
  EXPECT_TRUE(all_pass(check(der, kCovered)));
}

TEST_F(Ses, EachTamperingIsCaught) {
  EXPECT_EQ(code_of(check(sign(kCovered), kCovered + "!"), CheckId::kCms), "digest-mismatch");
  EXPECT_EQ(code_of(check(sign(kCovered, spec(), "1234567812345678", s_other->key.get()), kCovered), CheckId::kCms),
            "signature-bad");
  issuer::SesSealSpec expired = spec();
  expired.valid_end = kNow - 3600;
  EXPECT_EQ(code_of(check(sign(kCovered, expired), kCovered), CheckId::kEseal), "seal-outside-validity");
  issuer::SesSealSpec later = spec();
  later.valid_start = kNow;
  EXPECT_EQ(code_of(check(sign(kCovered, later), kCovered), CheckId::kEseal), "seal-outside-validity");
  issuer::SesSealSpec others = spec();
  others.signers = {s_other->cert.get()};
  EXPECT_EQ(code_of(check(sign(kCovered, others), kCovered), CheckId::kEseal), "signer-not-in-seal");
  others.list_digests = true;
  EXPECT_EQ(code_of(check(sign(kCovered, others), kCovered), CheckId::kEseal), "signer-not-in-seal");
  issuer::SesSealSpec forged = spec();
  forged.maker_key = s_other->key.get();
  EXPECT_EQ(code_of(check(sign(kCovered, forged), kCovered), CheckId::kEseal), "seal-maker-signature-bad");
  issuer::SesSealSpec self_made = spec();
  const Party rogue = sm2_party("SES test seal maker", nullptr);
  self_made.maker_cert = rogue.cert.get();
  self_made.maker_key = rogue.key.get();
  const CmsOutcome o = check(sign(kCovered, self_made), kCovered);
  EXPECT_EQ(code_of(o, CheckId::kEseal), "seal-maker-untrusted");
  EXPECT_FALSE(o.seal.eseal.has_value());  // nothing shown from an unvouched seal
  // A trusted signer making its own seal (and naming it anything) vouches
  // for nothing either.
  issuer::SesSealSpec own = spec();
  own.maker_cert = s_signer->cert.get();
  own.maker_key = s_signer->key.get();
  own.name = "中华人民共和国人力资源和社会保障部";
  const CmsOutcome self = check(sign(kCovered, own), kCovered);
  EXPECT_EQ(code_of(self, CheckId::kEseal), "seal-maker-untrusted");
  EXPECT_FALSE(self.seal.eseal.has_value());
}

TEST_F(Ses, TheDistinguishingIdIsTheOneConfigured) {
  const Bytes der = sign(kCovered, spec(), "ALICE123@YAHOO.COM");
  EXPECT_EQ(code_of(check(der, kCovered), CheckId::kCms), "signature-bad");
  EXPECT_TRUE(all_pass(check(der, kCovered, "ALICE123@YAHOO.COM")));
}

TEST_F(Ses, SignaturesOverTheJoinedFormAreAccepted) {
  // Some signers sign SEQUENCE { toSign, cert, signatureAlgID }: rebuild
  // the genuine seal with such a signature.
  const Bytes genuine = sign(kCovered);
  const SesSignatureView v = parse_ses_signature(genuine).view;
  const auto forms = ses_signed_forms(v.to_sign, v.cert_tlv, v.alg_tlv);
  ASSERT_EQ(forms.size(), 2u);
  const Bytes sig = issuer::sm2_sign(s_signer->key.get(), forms[1]);
  Bytes bits{0};
  bits.insert(bits.end(), sig.begin(), sig.end());
  Bytes body(v.to_sign.begin(), v.to_sign.end());
  body.insert(body.end(), v.cert_tlv.begin(), v.cert_tlv.end());
  body.insert(body.end(), v.alg_tlv.begin(), v.alg_tlv.end());
  const Bytes bit_string = der_tlv(der::kBitString, bits);
  body.insert(body.end(), bit_string.begin(), bit_string.end());
  EXPECT_TRUE(all_pass(check(der_tlv(der::kSequence, body), kCovered)));
  // And a timeStamp after the signature is read and verified: bytes that
  // are no RFC 3161 token fail the timestamp row (and nothing else).
  const Bytes stamp = der_tlv(0x80, Bytes{0, 1, 2});
  Bytes stamped = body;
  stamped.insert(stamped.end(), stamp.begin(), stamp.end());
  const Bytes with_stamp = der_tlv(der::kSequence, stamped);
  const SesParse parsed = parse_ses_signature(with_stamp);
  ASSERT_EQ(parsed.shape, SesShape::kOk);
  EXPECT_TRUE(parsed.view.has_timestamp);
  EXPECT_EQ(parsed.view.timestamp.size(), 2u);  // the token after the unused-bits octet
  const CmsOutcome out = check(with_stamp, kCovered);
  for (const Check& c : out.checks) {
    if (c.id == CheckId::kTimestamp) {
      EXPECT_EQ(c.status, Status::kFail);
      EXPECT_EQ(c.code, Code::kTimestampInvalid) << c.detail;
    } else {
      EXPECT_NE(c.status, Status::kFail) << static_cast<int>(c.id) << " " << c.detail;
    }
  }
  EXPECT_TRUE(
      std::any_of(out.checks.begin(), out.checks.end(), [](const Check& c) { return c.id == CheckId::kTimestamp; }));
}

// Writers this reader meets: a signature as raw r || s (64 bytes) instead
// of DER, and UTCTime where the standard has GeneralizedTime.
TEST_F(Ses, RawSignaturesAndUtcTimesAreRead) {
  const Bytes genuine = sign(kCovered);
  const SesSignatureView v = parse_ses_signature(genuine).view;
  auto assemble = [&](const Bytes& to_sign, const Bytes& signature_bits) {
    Bytes body = to_sign;
    body.insert(body.end(), v.cert_tlv.begin(), v.cert_tlv.end());
    body.insert(body.end(), v.alg_tlv.begin(), v.alg_tlv.end());
    const Bytes bits = der_tlv(der::kBitString, signature_bits);
    body.insert(body.end(), bits.begin(), bits.end());
    return der_tlv(der::kSequence, body);
  };
  auto raw = [](const Bytes& der_sig) {  // DER SEQUENCE { r, s } -> r || s, 32 bytes each
    DerSpan in(der_sig);
    auto seq = der_expect(in, der::kSequence);
    DerSpan rs = seq->value;
    Bytes out{0};  // the BIT STRING's unused-bits octet
    for (int i = 0; i < 2; ++i) {
      auto n = der_expect(rs, der::kInteger);
      DerSpan value = n->value;
      while (value.size() > 32) value = value.subspan(1);
      out.insert(out.end(), 32 - value.size(), 0);
      out.insert(out.end(), value.begin(), value.end());
    }
    return out;
  };
  const Bytes tbs(v.to_sign.begin(), v.to_sign.end());
  const Bytes raw_signed = assemble(tbs, raw(issuer::sm2_sign(s_signer->key.get(), tbs)));
  ASSERT_EQ(parse_ses_signature(raw_signed).view.signature.size(), 64u);
  EXPECT_TRUE(all_pass(check(raw_signed, kCovered)));
  // timeInfo as UTCTime: TBS_Sign rebuilt and signed again.
  DerSpan t = parse_ses_signature(genuine).view.to_sign;
  DerSpan fields = der_next(t)->value;
  Bytes rebuilt;
  for (int i = 0; !fields.empty(); ++i) {
    const DerTlv f = *der_next(fields);
    const Bytes piece = i == 2 ? der_tlv(der::kUtcTime, DerSpan(f.value).subspan(2))  // drop the century
                               : Bytes(f.whole.begin(), f.whole.end());
    rebuilt.insert(rebuilt.end(), piece.begin(), piece.end());
  }
  const Bytes utc_tbs = der_tlv(der::kSequence, rebuilt);
  const Bytes sig = issuer::sm2_sign(s_signer->key.get(), utc_tbs);
  Bytes sig_bits{0};
  sig_bits.insert(sig_bits.end(), sig.begin(), sig.end());
  const Bytes utc = assemble(utc_tbs, sig_bits);
  const CmsOutcome o = check(utc, kCovered);
  EXPECT_TRUE(all_pass(o));
  EXPECT_EQ(o.seal.signed_at, "2025-11-21T07:59:00+08:00");
}

TEST_F(Ses, ShapesAreToldApart) {
  // A CMS SignedData is not an SES_Signature.
  const Bytes cms = issuer::sign_detached_sm2({kCovered}, s_signer->cert.get(), s_signer->key.get(), {}, kNow - 60);
  EXPECT_EQ(parse_ses_signature(cms).shape, SesShape::kNotSes);
  // GM/T 0031's version 2 structure: recognised, not supported.
  Bytes v2 = sign(kCovered);
  const SesSignatureView v = parse_ses_signature(v2).view;
  const std::size_t version_at = static_cast<std::size_t>(v.to_sign.data() - v2.data()) +
                                 (v.to_sign[1] & 0x80 ? 2 + (v.to_sign[1] & 0x7f) : 2) + 2;
  ASSERT_EQ(v2[version_at], 4);
  v2[version_at] = 2;
  EXPECT_EQ(parse_ses_signature(v2).shape, SesShape::kOtherVersion);
  const CmsOutcome o = check(v2, kCovered);
  EXPECT_EQ(code_of(o, CheckId::kCms), "signature-unsupported");
  // Every truncation: never a valid seal, never a crash.
  const Bytes genuine = sign(kCovered);
  for (std::size_t n = 0; n < genuine.size(); n += 7) {
    const Bytes cut(genuine.begin(), genuine.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_NE(parse_ses_signature(cut).shape, SesShape::kOk) << n;
    EXPECT_FALSE(all_pass(check(cut, kCovered))) << n;
  }
}

TEST_F(Ses, NoChangedByteEverPasses) {
  const Bytes genuine = sign(kCovered);
  ASSERT_TRUE(all_pass(check(genuine, kCovered)));
  // Every byte (its low or its high bit, alternately): the structure, the
  // signed fields, the signer's certificate, the algorithm and the
  // signature all matter.
  for (std::size_t i = 0; i < genuine.size(); ++i) {
    const std::uint8_t mask = i % 2 ? 0x80 : 0x01;
    Bytes t = genuine;
    t[i] ^= mask;
    EXPECT_FALSE(all_pass(check(t, kCovered))) << "byte " << i << " ^ " << int(mask);
  }
}

}  // namespace
}  // namespace sealcheck
