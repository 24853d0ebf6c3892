// The engine's one entry point. Pure: bytes, anchors and the validation time
// come in as arguments; it never reads files, the network or the clock.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sealcheck/report.h"

namespace sealcheck {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Policy as a value (Botan's habit).
struct VerifyOptions final {
  // DER-encoded X.509 trust anchors.
  std::vector<Bytes> trust_anchors;
  // Validation time, seconds since the Unix epoch (UTC).
  std::int64_t validation_time = 0;
};

Report verify_pdf(ByteView pdf, const VerifyOptions& options);

// The report for a file the caller could not read (reason goes to detail).
Report unreadable_report(const VerifyOptions& options, std::string reason);

}  // namespace sealcheck
