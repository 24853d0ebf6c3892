// ListMemory's state (sealcheck/list_memory.h), for revocation.cc.
#pragma once

#include <optional>
#include <vector>

#include "sealcheck/list_memory.h"
#include "sealcheck/revocation.h"

namespace sealcheck {

struct ListMemory::State final {
  struct VerifiedSignature final {
    Bytes data, signature, certificate;
  };
  std::vector<VerifiedSignature> verified;  // most recent last, at most 4
  Bytes manifest_bytes;
  std::optional<RevocationManifest> manifest;
};

}  // namespace sealcheck
