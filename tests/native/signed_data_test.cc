// The hand-written SignedData reader (for SM2 seals, which OpenSSL's CMS
// cannot check) against OpenSSL's own encoder: a CMS SignedData made by
// CMS_sign must read back with the same algorithms, certificates, signature
// and attributes; the same SignedData under the GM/T 0010 OID too; and
// anything malformed must be refused, not half-read.
#include "crypto/signed_data.h"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/x509.h>

#include "crypto/ossl.h"
#include "issuer/pdf_sign.h"
#include "issuer/pki.h"

namespace sealcheck {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes tlv(std::uint8_t tag, const Bytes& value) { return der_tlv(tag, value); }

class SignedData : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = issuer::generate_key(issuer::KeyAlgorithm::kEcdsaP256);
    cert_ = issuer::make_certificate({"signed-data test", false, 1700000000, 1900000000, "critical,digitalSignature"},
                                     key_.get(), nullptr, key_.get());
    issuer::Signer s;
    s.cert = cert_.get();
    s.key = key_.get();
    s.signing_time = 1750000000;
    const std::string text = "the covered bytes";
    der_ = issuer::sign_detached({text}, s);
    const unsigned char* p = der_.data();
    cms_.reset(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der_.size())));
    ASSERT_NE(cms_, nullptr);
  }
  ossl::PKey key_;
  ossl::X509Ptr cert_;
  Bytes der_;
  ossl::Cms cms_;
};

TEST_F(SignedData, ReadsWhatOpenSslWrote) {
  Bytes padded = der_;
  padded.resize(der_.size() + 100, 0);  // /Contents padding
  const auto v = parse_signed_data(padded);
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(v->gmt_oids);
  EXPECT_EQ(v->encapsulated_type, "1.2.840.113549.1.7.1");
  EXPECT_TRUE(v->detached);
  ASSERT_EQ(v->certificates.size(), 1u);
  unsigned char* cert_der = nullptr;
  const int cert_len = i2d_X509(cert_.get(), &cert_der);
  EXPECT_EQ(Bytes(v->certificates[0].begin(), v->certificates[0].end()), Bytes(cert_der, cert_der + cert_len));
  OPENSSL_free(cert_der);
  ASSERT_EQ(v->signers.size(), 1u);
  const SignedDataSigner& s = v->signers[0];
  EXPECT_EQ(s.digest_algorithm, "2.16.840.1.101.3.4.2.1");
  EXPECT_EQ(s.signature_algorithm.rfind("1.2.840.10045.", 0), 0u);  // ecdsa-with-...
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms_.get()), 0);
  const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
  EXPECT_EQ(Bytes(s.signature.begin(), s.signature.end()),
            Bytes(ASN1_STRING_get0_data(sig), ASN1_STRING_get0_data(sig) + ASN1_STRING_length(sig)));
  ASSERT_TRUE(s.signed_attributes.has_value());
  // messageDigest: the same octets OpenSSL reads.
  const auto md = signed_attribute(*s.signed_attributes, "1.2.840.113549.1.9.4");
  ASSERT_TRUE(md.has_value());
  const auto* expected = static_cast<const ASN1_OCTET_STRING*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  ASSERT_NE(expected, nullptr);
  EXPECT_EQ(Bytes(md->begin() + 2, md->end()),
            Bytes(ASN1_STRING_get0_data(expected), ASN1_STRING_get0_data(expected) + ASN1_STRING_length(expected)));
  EXPECT_FALSE(signed_attribute(*s.signed_attributes, "1.2.3.4").has_value());
  // What was signed is the attributes as a SET: the signature verifies on it.
  const Bytes to_sign = signed_attributes_to_sign(*s.signed_attributes);
  EXPECT_EQ(to_sign[0], 0x31);
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  ASSERT_EQ(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()), 1);
  EXPECT_EQ(EVP_DigestVerify(ctx.get(), s.signature.data(), s.signature.size(), to_sign.data(), to_sign.size()), 1);
}

TEST_F(SignedData, ReadsTheGmtOidFamilyAndRefusesOthers) {
  // The SignedData itself, re-wrapped under GM/T 0010's signedData OID.
  const auto v = parse_signed_data(der_);
  ASSERT_TRUE(v.has_value());
  // ContentInfo = 30 L (06 09 <pkcs7 signedData>) (a0 L <SignedData>)
  const std::size_t header = der_[1] & 0x80 ? 2 + (der_[1] & 0x7f) : 2;
  const Bytes inner(der_.begin() + static_cast<std::ptrdiff_t>(header) + 11, der_.end());  // the [0] TLV
  const Bytes gmt_oid = {0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x02};
  Bytes body = tlv(0x06, gmt_oid);
  body.insert(body.end(), inner.begin(), inner.end());
  const auto g = parse_signed_data(tlv(0x30, body));
  ASSERT_TRUE(g.has_value());
  EXPECT_TRUE(g->gmt_oids);
  EXPECT_EQ(g->content_type, "1.2.156.10197.6.1.4.2.2");
  EXPECT_EQ(g->signers.size(), 1u);

  // Another content type, trailing garbage, truncation, indefinite length.
  Bytes other = tlv(0x30, [&] {
    Bytes b = tlv(0x06, {0x2a, 0x03});
    b.insert(b.end(), inner.begin(), inner.end());
    return b;
  }());
  EXPECT_FALSE(parse_signed_data(other).has_value());
  Bytes trailing = der_;
  trailing.push_back(0x01);
  EXPECT_FALSE(parse_signed_data(trailing).has_value());
  for (std::size_t cut : {std::size_t{1}, der_.size() / 2, der_.size() - 1}) {
    EXPECT_FALSE(parse_signed_data(DerSpan(der_).first(cut)).has_value()) << cut;
  }
  Bytes indefinite = {0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0x00, 0x00};
  EXPECT_FALSE(parse_signed_data(indefinite).has_value());
}

TEST(Oid, DottedText) {
  EXPECT_EQ(oid_text(Bytes{0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11}), "1.2.156.10197.1.401");
  EXPECT_EQ(oid_text(Bytes{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}), "1.2.840.113549.1.7.2");
  EXPECT_EQ(oid_text(Bytes{0x55, 0x1d, 0x0f}), "2.5.29.15");
  EXPECT_EQ(oid_text(Bytes{0x2a, 0x81}), "");        // unterminated
  EXPECT_EQ(oid_text(Bytes{0x2a, 0x80, 0x01}), "");  // non-minimal
  EXPECT_EQ(oid_text(Bytes{}), "");
}

}  // namespace
}  // namespace sealcheck
