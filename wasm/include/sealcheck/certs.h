// Certificates handed in by the caller (trust anchors): PEM with one or more
// certificates, or one DER certificate.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <openssl/types.h>

namespace sealcheck {

// Returns the DER of every certificate found; empty if none parses.
std::vector<std::vector<std::uint8_t>> parse_certificates(std::span<const std::uint8_t> data);

// Feeds `data` to a digest in pieces of at most kDigestChunkBytes. One call
// over a 200 MB file would run entirely in a wasm engine's baseline code (a
// function is optimised between calls, not during one); in pieces, the
// optimised code takes over after the first few. Returns false on failure.
inline constexpr std::size_t kDigestChunkBytes = 256u * 1024u;
bool digest_update_chunked(EVP_MD_CTX* ctx, std::span<const std::uint8_t> data);

// SHA-256 of the bytes: the floor no verification can beat (--bench).
std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> data);

// SM3 (GB/T 32905) of the bytes; empty if this build has no SM3.
std::vector<std::uint8_t> sm3(std::span<const std::uint8_t> data);

// Lower-case hexadecimal.
std::string to_hex(std::span<const std::uint8_t> data);

}  // namespace sealcheck
