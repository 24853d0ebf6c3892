// Stream decoding: FlateDecode (zlib) with PNG predictors, ASCIIHexDecode
// and ASCII85Decode, alone or chained; bounded by an absolute size, an
// expansion ratio (so a flate bomb stops early) and the chain's length.
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
  std::string error;         // empty on success
  bool unsupported = false;  // the error is a filter this reader does not implement
};

// Decodes a stream's raw bytes according to its /Filter and /DecodeParms.
// Other filters (LZW, RunLength, image codecs ...) return an error with
// unsupported set.
Decoded decode_stream(const Dict& dict, std::span<const std::uint8_t> raw, std::size_t max_output);

}  // namespace sealcheck::pdf
