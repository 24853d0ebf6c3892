// SM2 signatures (GB/T 32918) over SM3 with a distinguishing ID, on
// OpenSSL's primitives: the building block for SM2 seals, whose
// SignedData OpenSSL 3.0's CMS layer cannot check (it cannot set the ID).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sealcheck {

// The default distinguishing ID of GM/T 0009: "1234567812345678".
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";

// Verifies a DER (r, s) signature by the uncompressed public key
// 04 || x || y on the SM2 curve, over SM3(Z(id, key) || message).
bool sm2_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                std::span<const std::uint8_t> der_signature, std::string_view id = kSm2DefaultId);

}  // namespace sealcheck
