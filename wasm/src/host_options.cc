#include "sealcheck/host_options.h"

#include <cmath>
#include <cstring>

#include "sealcheck/certs.h"

namespace sealcheck {
namespace {

enum Flags : std::uint32_t { kBuiltinTrust = 1, kRevocation = 2, kShard = 4, kTrustList = 8 };
enum Span { kFileName, kAnchorsPem, kSm2Id, kManifest, kManifestSig, kShardBytes, kTrustJson, kTrustSig, kSpans };

template <typename T>
T read(std::span<const std::uint8_t> b, std::size_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof v);  // wasm and x86 are little-endian
  return v;
}

bool whole(double v, double lo, double hi) { return std::floor(v) == v && v >= lo && v <= hi; }

}  // namespace

std::optional<HostOptions> parse_host_options(std::span<const std::uint8_t> b, std::string* error) {
  auto fail = [&](const char* what) -> std::optional<HostOptions> {
    if (error) *error = what;
    return std::nullopt;
  };
  if (b.size() < kHostOptionsHeaderBytes || std::memcmp(b.data(), "SCO1", 4) != 0) return fail("options: bad header");
  std::span<const std::uint8_t> spans[kSpans];
  for (int i = 0; i < kSpans; ++i) {
    const auto off = read<std::uint32_t>(b, 28 + 8 * i), len = read<std::uint32_t>(b, 32 + 8 * i);
    if (off < kHostOptionsHeaderBytes || off > b.size() || len > b.size() - off) return fail("options: bad span");
    spans[i] = b.subspan(off, len);
  }
  auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(spans[i].data()), spans[i].size()); };
  auto bytes = [&](int i) { return Bytes(spans[i].begin(), spans[i].end()); };
  const double at = read<double>(b, 4), min_list = read<double>(b, 20);
  const auto flags = read<std::uint32_t>(b, 12), shard_index = read<std::uint32_t>(b, 16);
  if (!whole(at, -1e15, 1e15)) return fail("options: bad time");
  if (!whole(min_list, 0, 9007199254740991.0)) return fail("options: bad list number");
  if (flags > 15 || ((flags & kShard) && (!(flags & kRevocation) || shard_index >= kShardCount))) {
    return fail("options: bad flags");
  }
  HostOptions h;
  h.verify.validation_time = static_cast<std::int64_t>(at);
  h.builtin_trust = (flags & kBuiltinTrust) != 0;
  if (!spans[kFileName].empty()) h.file_name = text(kFileName);
  if (!spans[kSm2Id].empty()) h.verify.sm2_id = text(kSm2Id);
  h.verify.trust_anchors = parse_certificates(spans[kAnchorsPem]);
  if (flags & kRevocation) {
    RevocationInput in{bytes(kManifest), bytes(kManifestSig), {}, static_cast<std::uint64_t>(min_list)};
    if (flags & kShard) in.shards[shard_index] = bytes(kShardBytes);
    h.verify.revocation = std::move(in);
  }
  if (flags & kTrustList) h.verify.trust_list = TrustListInput{bytes(kTrustJson), bytes(kTrustSig)};
  return h;
}

}  // namespace sealcheck
