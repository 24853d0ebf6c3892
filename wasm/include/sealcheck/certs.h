// Certificates handed in by the caller (trust anchors): PEM with one or more
// certificates, or one DER certificate.
#pragma once

#include <cstdint>
#include <span>
#include <string>
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

}  // namespace sealcheck
