// The trust anchors compiled into this build (wasm/trust/builtin-anchors.pem
// or the file given as -DSEALCHECK_BUILTIN_ANCHORS). Every verification
// trusts them in addition to the caller's anchors. Defined in a generated
// library (sealcheck_builtin_anchors), so a test can link its own list.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sealcheck {

// The PEM text as compiled in (comments included).
std::string_view builtin_trust_anchors_pem();

// Their DER encodings, parsed once; empty when the build has none.
const std::vector<std::vector<std::uint8_t>>& builtin_trust_anchors();

}  // namespace sealcheck
