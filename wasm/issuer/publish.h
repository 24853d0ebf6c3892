// Writes the signed lists for static hosting (issuer side): the revocation
// manifest and its content-addressed shards (docs/REVOCATION.md), and the
// trust list. Everything is signed with the PKI root key, which verifiers pin.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <openssl/evp.h>

#include "sealcheck/revocation.h"
#include "sealcheck/trust_list.h"

namespace sealcheck::issuer {

struct PublishedRevocation final {
  std::string number;
  std::int64_t revoked_at = 0;
  std::size_t reason_index = 0;  // into the reasons given to build_revocation_list
};

struct RevocationList final {
  Bytes manifest;                      // JSON
  Bytes signature;                     // over manifest
  std::map<std::string, Bytes> files;  // "shards/<sha256>.bin" -> bytes (256, content-addressed)
};

RevocationList build_revocation_list(const std::vector<PublishedRevocation>& revoked,
                                     const std::vector<RevocationReason>& reasons, std::uint64_t list_number,
                                     std::int64_t this_update, std::int64_t next_update, EVP_PKEY* signing_key);

// Writes the list under DIR/revocations for static hosting: the shards
// first, the manifest and its signature last (a client never sees a
// manifest whose shards are not there yet), then removes shards of earlier
// lists. Each file is written whole before it gets its name.
void write_revocation_list(const std::string& dir, const RevocationList& list);

// The trust list of a demo PKI: each of its seals with the body,
// qualifications and start date of demo_seals().
TrustList demo_trust_list(const struct PkiPaths& paths, std::uint64_t list_number, std::int64_t issued);

// The trust list, signed: {json, signature}.
TrustListInput build_trust_list(const TrustList& list, EVP_PKEY* signing_key);

// SHA-256 signature (DER ECDSA or PKCS#1 v1.5) over data.
Bytes sign_bytes(std::span<const std::uint8_t> data, EVP_PKEY* key);

}  // namespace sealcheck::issuer
