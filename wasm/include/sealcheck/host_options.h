// The options as the JavaScript host hands them over: one buffer, so the
// bindings take one value instead of a parameter per field. engine.js
// (OPTIONS) is the only writer. Little-endian, a fixed header then the
// bytes its spans point into:
//
//   0  "SCO1"
//   4  f64  at (Unix seconds, whole)
//  12  u32  flags: 1 builtin trust, 2 revocation list, 4 its shard, 8 trust list
//  16  u32  shard index (0..255)
//  20  f64  the highest revocation list number seen (whole, >= 0)
//  28  8 x (u32 offset, u32 length): file name, PEM anchors, SM2 ID,
//      manifest, manifest signature, shard, trust list, its signature
//  92  the bytes
//
// Anything out of shape is an error (the engine throws it), never ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sealcheck/verify.h"

namespace sealcheck {

inline constexpr std::size_t kHostOptionsHeaderBytes = 92;

struct HostOptions final {
  VerifyOptions verify;
  std::string file_name = "document.pdf";
  bool builtin_trust = true;  // add the anchors compiled into the engine
};

std::optional<HostOptions> parse_host_options(std::span<const std::uint8_t> buffer, std::string* error = nullptr);

}  // namespace sealcheck
