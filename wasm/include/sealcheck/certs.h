// Certificates handed in by the caller (trust anchors): PEM with one or more
// certificates, or one DER certificate.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sealcheck {

// Returns the DER of every certificate found; empty if none parses.
std::vector<std::vector<std::uint8_t>> parse_certificates(std::span<const std::uint8_t> data);

// SHA-256 of the bytes: the floor no verification can beat (--bench).
std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> data);

// SM3 (GB/T 32905) of the bytes; empty if this build has no SM3.
std::vector<std::uint8_t> sm3(std::span<const std::uint8_t> data);

// Lower-case hexadecimal.
std::string to_hex(std::span<const std::uint8_t> data);

// RFC 4648 base64, padded.
std::string to_base64(std::span<const std::uint8_t> data);
// RFC 4648 base64, whitespace ignored (RFC 7468 "lax" bodies); nullopt for
// any other character or bad padding (`padding_optional`: none at all is
// fine too, as some writers leave it out).
std::optional<std::vector<std::uint8_t>> from_base64(std::string_view text, bool padding_optional = false);

}  // namespace sealcheck
