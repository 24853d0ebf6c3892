// Internal digest and list-signature helpers of the core (OpenSSL types
// stay out of the public headers).
#pragma once

#include <openssl/types.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sealcheck {

class ListMemory;

// Feeds `data` to a digest in pieces of at most kDigestChunkBytes. One call
// over a 200 MB file would run entirely in a wasm engine's baseline code (a
// function is optimised between calls, not during one); in pieces, the
// optimised code takes over after the first few. Returns false on failure.
inline constexpr std::size_t kDigestChunkBytes = 256u * 1024u;
bool digest_update_chunked(EVP_MD_CTX* ctx, std::span<const std::uint8_t> data);

// Verifies a detached SHA-256 signature (DER ECDSA or PKCS#1 v1.5 RSA; SM2
// with SM3 and the default ID) over `data` with the public key of one of
// the DER certificates: how the signed lists are checked.
// `memory` (may be null) remembers signatures that verified.
bool verify_with_any(std::span<const std::uint8_t> data, std::span<const std::uint8_t> signature,
                     const std::vector<std::vector<std::uint8_t>>& certificates, ListMemory* memory = nullptr);

}  // namespace sealcheck
