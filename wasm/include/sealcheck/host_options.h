// The options as the JavaScript host hands them over: one buffer, so the
// bindings take one value instead of a parameter per field. engine.js
// (OPTIONS, encodeOptions) is the only writer. Little-endian, a fixed
// header then the bytes its spans point into:
//
//   0  "SCO2"
//   4  u32  flags: 1 builtin trust, 2 revocation list, 4 its shard, 8 trust list
//   8  u32  shard index (0..255)
//  12  f64  the highest revocation list number seen (whole, >= 0)
//  20  8 x (u32 offset, u32 length): file name, PEM anchors, named options,
//      manifest, manifest signature, shard, trust list, its signature
//  84  the bytes
//
// The named options are "name=value" lines for the rows of kNamedOptions
// (sealcheck/verify.h): integers in decimal, text as is (no line breaks).
// Anything out of shape, an unknown or repeated name, is an error (the
// engine throws it), never ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sealcheck/verify.h"

namespace sealcheck {

inline constexpr std::size_t kHostOptionsHeaderBytes = 84;

struct HostOptions final {
  VerifyOptions verify;
  std::string file_name = "document.pdf";
  bool builtin_trust = true;  // add the anchors compiled into the engine
};

std::optional<HostOptions> parse_host_options(std::span<const std::uint8_t> buffer, std::string* error = nullptr);

}  // namespace sealcheck
