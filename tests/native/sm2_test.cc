// SM2 with SM3 and a distinguishing ID, checked against OpenSSL's signer
// (the wasm engine is checked against sm-crypto, an independent one, in
// tests/js/sm2.test.mjs).
#include "sealcheck/sm2.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "crypto/ossl.h"

namespace sealcheck {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct Signed {
  Bytes public_key, signature;
};

Signed sign(const Bytes& message, const std::string& id) {
  ossl::PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  EXPECT_NE(key, nullptr);
  Signed out;
  out.public_key.resize(65);
  std::size_t len = 0;
  EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_PUB_KEY, out.public_key.data(), out.public_key.size(),
                                  &len);
  EXPECT_EQ(len, 65u);
  ossl::MdCtx mctx(EVP_MD_CTX_new());
  ossl::PKeyCtx pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  EXPECT_EQ(EVP_PKEY_CTX_set1_id(pctx.get(), id.data(), id.size()), 1);
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), pctx.get());
  EXPECT_EQ(EVP_DigestSignInit(mctx.get(), nullptr, EVP_sm3(), nullptr, key.get()), 1);
  std::size_t sig_len = 0;
  EVP_DigestSign(mctx.get(), nullptr, &sig_len, message.data(), message.size());
  out.signature.resize(sig_len);
  EXPECT_EQ(EVP_DigestSign(mctx.get(), out.signature.data(), &sig_len, message.data(), message.size()), 1);
  out.signature.resize(sig_len);
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), nullptr);
  return out;
}

TEST(Sm2, VerifiesWithTheDefaultIdAndRejectsEveryChange) {
  const Bytes message = {'s', 'e', 'a', 'l'};
  const Signed s = sign(message, std::string(kSm2DefaultId));
  EXPECT_TRUE(sm2_verify(s.public_key, message, s.signature));
  EXPECT_FALSE(sm2_verify(s.public_key, message, s.signature, "ALICE123@YAHOO.COM"));  // another ID
  Bytes tampered = message;
  tampered[0] ^= 1;
  EXPECT_FALSE(sm2_verify(s.public_key, tampered, s.signature));
  Bytes bad_signature = s.signature;
  bad_signature[bad_signature.size() - 1] ^= 1;
  EXPECT_FALSE(sm2_verify(s.public_key, message, bad_signature));
  Bytes other_key = sign(message, std::string(kSm2DefaultId)).public_key;
  EXPECT_FALSE(sm2_verify(other_key, message, s.signature));
  EXPECT_FALSE(sm2_verify(Bytes(65, 0), message, s.signature));  // not a point
  EXPECT_FALSE(sm2_verify({}, message, s.signature));
}

TEST(Sm2, AnotherIdIsHonoured) {
  const Bytes message(1000, 0x61);
  const Signed s = sign(message, "ALICE123@YAHOO.COM");
  EXPECT_TRUE(sm2_verify(s.public_key, message, s.signature, "ALICE123@YAHOO.COM"));
  EXPECT_FALSE(sm2_verify(s.public_key, message, s.signature));
}

}  // namespace
}  // namespace sealcheck
