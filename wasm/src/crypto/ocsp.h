// OCSP responses a file carries (RFC 6960), read with our own DER reader:
// the wasm OpenSSL is built without OCSP. Only what an offline verifier
// needs: is this response, signed by the certificate's issuer or a
// responder it delegated, about this certificate, and what does it say.
#pragma once

#include <openssl/x509.h>

#include <cstdint>
#include <optional>
#include <string>

#include "crypto/der.h"

namespace sealcheck::seal {

struct OcspStatus final {
  bool revoked = false;
  std::optional<std::int64_t> revoked_at;  // when revoked (nullopt: unreadable)
  long reason = 0;                         // CRLReason; 0 (unspecified) when absent
  std::string responder;                   // who signed it
};

// The status of `cert`, issued by `issuer`, in `response` (a DER
// OCSPResponse): nullopt unless the response is successful, a basic
// response whose signature verifies with the issuer's key or with a
// certificate in it that the issuer signed for id-kp-OCSPSigning and that
// the responder ID names, and one of its single responses names `cert` by
// serial number and the issuer's name and key hashes. "unknown" counts as
// no statement.
std::optional<OcspStatus> ocsp_status(DerSpan response, X509* cert, X509* issuer);

}  // namespace sealcheck::seal
