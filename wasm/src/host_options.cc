#include "sealcheck/host_options.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

#include "sealcheck/certs.h"

namespace sealcheck {
namespace {

enum Flags : std::uint32_t { kBuiltinTrust = 1, kRevocation = 2, kShard = 4, kTrustList = 8 };
enum Span { kFileName, kAnchorsPem, kNamed, kManifest, kManifestSig, kShardBytes, kTrustJson, kTrustSig, kSpans };

template <typename T>
T read(std::span<const std::uint8_t> b, std::size_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof v);  // wasm and x86 are little-endian
  return v;
}

// "name=value" lines onto the rows of kNamedOptions.
bool read_named(std::string_view text, VerifyOptions& o) {
  bool seen[std::size(kNamedOptions)] = {};
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view name = line.substr(0, eq), value = line.substr(eq + 1);
    std::size_t i = 0;
    while (i < std::size(kNamedOptions) && kNamedOptions[i].name != name) ++i;
    if (i == std::size(kNamedOptions) || seen[i]) return false;
    seen[i] = true;
    const NamedOption& f = kNamedOptions[i];
    if (f.integer) {
      std::int64_t v = 0;
      const auto r = std::from_chars(value.data(), value.data() + value.size(), v);
      if (r.ec != std::errc() || r.ptr != value.data() + value.size()) return false;
      o.*f.integer = v;
    } else {
      o.*f.text = std::string(value);
    }
  }
  return true;
}

}  // namespace

std::optional<HostOptions> parse_host_options(std::span<const std::uint8_t> b, std::string* error) {
  auto fail = [&](const char* what) -> std::optional<HostOptions> {
    if (error) *error = what;
    return std::nullopt;
  };
  if (b.size() < kHostOptionsHeaderBytes || std::memcmp(b.data(), "SCO2", 4) != 0) return fail("options: bad header");
  std::span<const std::uint8_t> spans[kSpans];
  for (int i = 0; i < kSpans; ++i) {
    const auto off = read<std::uint32_t>(b, 20 + 8 * i), len = read<std::uint32_t>(b, 24 + 8 * i);
    if (off < kHostOptionsHeaderBytes || off > b.size() || len > b.size() - off) return fail("options: bad span");
    spans[i] = b.subspan(off, len);
  }
  auto bytes = [&](int i) { return Bytes(spans[i].begin(), spans[i].end()); };
  const auto flags = read<std::uint32_t>(b, 4), shard_index = read<std::uint32_t>(b, 8);
  const double min_list = read<double>(b, 12);
  if (std::floor(min_list) != min_list || min_list < 0 || min_list > 9007199254740991.0) {
    return fail("options: bad list number");
  }
  if (flags > 15 || ((flags & kShard) && (!(flags & kRevocation) || shard_index >= kShardCount))) {
    return fail("options: bad flags");
  }
  HostOptions h;
  if (!read_named({reinterpret_cast<const char*>(spans[kNamed].data()), spans[kNamed].size()}, h.verify)) {
    return fail("options: a named option is unknown, repeated or malformed");
  }
  h.builtin_trust = (flags & kBuiltinTrust) != 0;
  if (!spans[kFileName].empty()) h.file_name.assign(spans[kFileName].begin(), spans[kFileName].end());
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
