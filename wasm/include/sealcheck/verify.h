// The engine's one entry point. Pure: bytes, anchors and the validation time
// come in as arguments; it never reads files, the network or the clock.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sealcheck/list_memory.h"
#include "sealcheck/report.h"
#include "sealcheck/revocation.h"
#include "sealcheck/trust_list.h"

namespace sealcheck {

using ByteView = std::span<const std::uint8_t>;

// The size of the GBK code table (wasm/data/gbk.bin; its layout: text/gbk.h).
inline constexpr std::size_t kGbkTableBytes = (0xFE - 0x81 + 1) * (0xFE - 0x40 + 1) * 2;

// Policy as a value (Botan's habit).
struct VerifyOptions final {
  // DER-encoded X.509 trust anchors.
  std::vector<Bytes> trust_anchors;
  // Validation time, seconds since the Unix epoch (UTC).
  std::int64_t validation_time = 0;
  // The signed revocation list as fetched (manifest, signature, the shard
  // for this certificate). Signed by one of trust_anchors. Absent: the
  // verdict can be at best indeterminate.
  std::optional<RevocationInput> revocation;
  // The signed trust list: which seal is authoritative for which issuing
  // body. Signed by one of trust_anchors. Absent: at best indeterminate.
  std::optional<TrustListInput> trust_list;
  // The distinguishing ID of SM2 seal signatures (certificates are checked
  // with GM/T 0015's default, 1234567812345678).
  std::string sm2_id = "1234567812345678";
  // The GBK code table (text/gbk.h layout), when the host has it: pages
  // whose text is GBK-encoded are unreadable without it, and the report
  // then names it in needs_table.
  ByteView gbk_table;
};

// The options a host may set by name: the engine's bindings receive them
// as "name=value" lines (sealcheck/host_options.h; engine.js writes its
// camelCase option names in snake_case). A new scalar option is a member
// above, with its default, and a row here.
struct NamedOption final {
  std::string_view name;
  std::int64_t VerifyOptions::*integer = nullptr;
  std::string VerifyOptions::*text = nullptr;
};
inline constexpr NamedOption kNamedOptions[] = {
    {"at", &VerifyOptions::validation_time, nullptr},
    {"sm2_id", nullptr, &VerifyOptions::sm2_id},
};

// `memory` (may be null): what the host lets the core remember across the
// files of one batch (sealcheck/list_memory.h).
// A PDF or an OFD document (a ZIP package, told by its first bytes).
Report verify_file(ByteView file, const VerifyOptions& options, ListMemory* memory = nullptr);
// A PDF only (anything else: not-pdf).
Report verify_pdf(ByteView pdf, const VerifyOptions& options, ListMemory* memory = nullptr);

// The certificate number in the file's embedded data, or else printed on
// its pages, unchecked: only to pick which revocation shard to fetch before
// verify_file judges everything (PDF or OFD).
std::optional<std::string> certificate_number_of(ByteView pdf, ByteView gbk_table = {});

// The page-text reader alone (load the file, read every page's text): the
// number of lines read. For benchmarks (`--bench` prints its time as
// text_ms); judges nothing.
std::size_t page_text_lines(ByteView pdf, ByteView gbk_table = {});

// The report for a file the caller could not read (reason goes to detail).
Report unreadable_report(const VerifyOptions& options, std::string reason);

// The report for a file larger than limits::kMaxFileBytes, exactly as
// verify_file would give it: hosts check the size first and never read it.
Report oversized_report(const VerifyOptions& options);

}  // namespace sealcheck
