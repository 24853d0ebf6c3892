// The revocation list for static hosting at national scale
// (docs/REVOCATION.md): a signed manifest and 256 content-addressed shards.
// A certificate number is never published: entries are keyed by
// HMAC-SHA256(hash_key, number); the first byte picks the shard, so a
// lookup fetches the manifest and one shard shared by ~1/256 of all
// certificates, and tells the server nothing more.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sealcheck/codes.h"

namespace sealcheck {

class ListMemory;

inline constexpr std::string_view kRevocationFormat = "sealcheck-revocations/1";
inline constexpr std::size_t kShardCount = 256;
inline constexpr std::size_t kEntryKeyBytes = 16;
inline constexpr std::size_t kEntryBytes = kEntryKeyBytes + 4 + 1;  // key, revoked_at (u32), reason index
inline constexpr std::size_t kShardHeaderBytes = 12;                // "SCR1", list number, count

using Bytes = std::vector<std::uint8_t>;

struct RevocationReason final {
  std::string code, zh, en;
};

struct RevocationManifest final {
  std::uint64_t list_number = 0;
  std::int64_t this_update = 0;
  std::int64_t next_update = 0;
  Bytes hash_key;                         // 32 bytes
  std::vector<std::string> shard_files;   // 256 names, "shards/<sha256>.bin"
  std::vector<std::string> shard_sha256;  // hex
  std::vector<RevocationReason> reasons;  // index = reason byte in entries
};

// What a verifier was given: the manifest's bytes and signature, whichever
// shards it fetched (by index), and the highest list number it has already
// accepted (rollback protection; 0 if none).
struct RevocationInput final {
  Bytes manifest;
  Bytes signature;
  std::map<std::size_t, Bytes> shards;
  std::uint64_t min_list_number = 0;
};

// The key under which a certificate number is listed, and its shard.
std::array<std::uint8_t, 32> revocation_key(std::span<const std::uint8_t> hash_key, const std::string& number);

// Parses the manifest (no signature check). nullopt if malformed.
std::optional<RevocationManifest> parse_revocation_manifest(std::span<const std::uint8_t> json);

struct RevocationStatus final {
  enum class Kind { kGood, kRevoked, kUnknown } kind = Kind::kUnknown;
  Code code = Code::kRevocationListMissing;  // why, when unknown
  std::string detail;
  std::optional<RevocationManifest> manifest;  // when the manifest was accepted
  std::int64_t revoked_at = 0;
  RevocationReason reason;
};

// The full client rule set: signature by a pinned key, no rollback, not
// past nextUpdate, shard digest, exact lookup. Anything missing or wrong is
// kUnknown with its reason, never kGood.
// `memory` (may be null) is the batch's ListMemory.
RevocationStatus check_revocation(const RevocationInput* input, const std::vector<Bytes>& pinned_certificates,
                                  const std::string& certificate_number, std::int64_t validation_time,
                                  ListMemory* memory = nullptr);

// Which shard a verifier must fetch for `number` (nullopt if the manifest
// is unreadable). Signature not checked here: check_revocation does.
std::optional<std::size_t> revocation_shard_index(std::span<const std::uint8_t> manifest_json,
                                                  const std::string& number);
std::size_t revocation_shard_index(const RevocationManifest& manifest, const std::string& number);

}  // namespace sealcheck
