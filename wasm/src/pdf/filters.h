// Stream decoding: FlateDecode (zlib) with PNG/TIFF predictors, bounded by
// an absolute size and an expansion ratio so a flate bomb stops early.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pdf/object.h"

namespace sealcheck::pdf {

struct Decoded final {
  std::vector<std::uint8_t> bytes;
  std::string error;  // empty on success
};

// Decodes a stream's raw bytes according to its /Filter and /DecodeParms.
// Only the filters needed for structure (xref and object streams) are
// supported: none, FlateDecode. Others return an error.
Decoded decode_stream(const Dict& dict, std::span<const std::uint8_t> raw, std::size_t max_output);

}  // namespace sealcheck::pdf
