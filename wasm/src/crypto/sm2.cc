#include "sealcheck/sm2.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "crypto/ossl.h"

namespace sealcheck {

bool sm2_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                std::span<const std::uint8_t> der_signature, std::string_view id) {
#ifdef OPENSSL_NO_SM2
  (void)public_key, (void)message, (void)der_signature, (void)id;
  return false;
#else
  if (public_key.size() != 65 || public_key[0] != 0x04 || der_signature.empty()) return false;
  // The key, from its point: EVP_PKEY_fromdata on the SM2 key manager.
  ossl::PKeyCtx kctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  char group[] = "SM2";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                         OSSL_PARAM_construct_octet_string(
                             OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(public_key.data()), public_key.size()),
                         OSSL_PARAM_construct_end()};
  EVP_PKEY* raw = nullptr;
  if (!kctx || EVP_PKEY_fromdata_init(kctx.get()) != 1 ||
      EVP_PKEY_fromdata(kctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    ERR_clear_error();
    return false;
  }
  ossl::PKey key(raw);
  // SM3(Z || M), Z from the distinguishing ID (SM2(7): set the ID on the
  // key context, then hand that context to the digest context).
  ossl::MdCtx mctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr);
  if (!mctx || pctx == nullptr ||
      EVP_PKEY_CTX_set1_id(pctx, reinterpret_cast<const unsigned char*>(id.data()), id.size()) != 1) {
    EVP_PKEY_CTX_free(pctx);
    ERR_clear_error();
    return false;
  }
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), pctx);  // the digest context does not free it
  const bool ok =
      EVP_DigestVerifyInit(mctx.get(), nullptr, EVP_sm3(), nullptr, key.get()) == 1 &&
      EVP_DigestVerify(mctx.get(), der_signature.data(), der_signature.size(), message.data(), message.size()) == 1;
  EVP_MD_CTX_set_pkey_ctx(mctx.get(), nullptr);
  EVP_PKEY_CTX_free(pctx);
  ERR_clear_error();
  return ok;
#endif
}

}  // namespace sealcheck
