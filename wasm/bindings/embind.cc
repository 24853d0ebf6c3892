// The only file that knows about Emscripten. It exposes the pure core to
// JavaScript; web/engine/engine.js wraps it (async factory, one error guard).
//
// Bytes come in as a pointer into the wasm heap that the JS side filled with
// HEAPU8.set (much faster than Embind's byte-by-byte std::string copy).
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <vector>

#include <cmath>

#include "sealcheck/builtin_trust.h"
#include "sealcheck/certs.h"
#include "sealcheck/host_options.h"
#include "sealcheck/limits.h"
#include "sealcheck/sm2.h"
#include "sealcheck/time.h"
#include "sealcheck/verify.h"
#ifdef SEALCHECK_ENGINE_OFD
#include "ofd/render.h"
#endif

namespace {

// The engine module is the host of one batch after another: it remembers
// the lists' signatures for as long as it lives (an Engine instance).
sealcheck::ListMemory g_memory;
// Data tables the host has handed in (setTable), kept for the engine's life:
// the GBK table is fetched only when a page needs it.
std::vector<std::uint8_t> g_gbk;

sealcheck::ByteView view(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const std::uint8_t*>(ptr), len};
}

// One PDF (ptr, len) with the options as one value: the buffer engine.js
// writes (sealcheck/host_options.h). Malformed options give
// {"error": "..."}, which engine.js throws as a TypeError.
std::string verify_json(std::uintptr_t ptr, std::size_t len, std::uintptr_t options, std::size_t options_len) {
  std::string error;
  auto o = sealcheck::parse_host_options(view(options, options_len), &error);
  if (!o) return "{\"error\":\"" + error + "\"}";
  if (o->builtin_trust) {
    const auto& builtin = sealcheck::builtin_trust_anchors();
    o->verify.trust_anchors.insert(o->verify.trust_anchors.begin(), builtin.begin(), builtin.end());
  }
  o->verify.gbk_table = g_gbk;
  return sealcheck::to_json(sealcheck::verify_file(view(ptr, len), o->verify, &g_memory), o->file_name);
}

// "<index> shards/<sha256>.bin": which shard of the (not yet verified)
// manifest a verifier must fetch for this file; "" when there is none.
std::string revocation_shard(std::uintptr_t ptr, std::size_t len, std::uintptr_t manifest, std::size_t manifest_len) {
  const auto number = sealcheck::certificate_number_of(view(ptr, len), g_gbk);
  const auto m = sealcheck::parse_revocation_manifest(view(manifest, manifest_len));
  if (!number || !m) return {};
  const std::size_t index = sealcheck::revocation_shard_index(*m, *number);
  return std::to_string(index) + " " + m->shard_files[index];
}

// A data table a report asked for (needs_table): "gbk" only, so far.
// Returns false for an unknown name or a table of the wrong size.
bool set_table(const std::string& name, std::uintptr_t ptr, std::size_t len) {
  if (name != "gbk" || len != sealcheck::kGbkTableBytes) return false;
  const auto bytes = view(ptr, len);
  g_gbk.assign(bytes.begin(), bytes.end());
  return true;
}

// The report for a file the caller could not read, so scripts/verify.mjs
// prints exactly what the native CLI prints.
std::string oversized_json(double validation_time, const std::string& file_name) {
  sealcheck::VerifyOptions options;
  options.validation_time = static_cast<std::int64_t>(validation_time);
  return sealcheck::to_json(sealcheck::oversized_report(options), file_name);
}

double max_file_bytes() { return static_cast<double>(sealcheck::limits::kMaxFileBytes); }

std::string unreadable_json(const std::string& reason, double validation_time, const std::string& file_name) {
  sealcheck::VerifyOptions options;
  options.validation_time = static_cast<std::int64_t>(validation_time);
  return sealcheck::to_json(sealcheck::unreadable_report(options, reason), file_name);
}

// ISO 8601 as INTERFACES.md defines it (one implementation for CLI and JS);
// NaN when the text is not a time.
double parse_time(const std::string& text) {
  const auto t = sealcheck::parse_iso8601(text);
  return t ? static_cast<double>(*t) : std::nan("");
}

// Hex SHA-256, the benchmark floor.
std::string sha256_hex(std::uintptr_t ptr, std::size_t len) {
  return sealcheck::to_hex(sealcheck::sha256(view(ptr, len)));
}
// The page-text reader alone, for --bench's text_ms.
double page_text_lines(std::uintptr_t ptr, std::size_t len) {
  return static_cast<double>(sealcheck::page_text_lines(view(ptr, len), g_gbk));
}
std::string sm3_hex(std::uintptr_t ptr, std::size_t len) { return sealcheck::to_hex(sealcheck::sm3(view(ptr, len))); }
bool sm2_verify(std::uintptr_t key, std::size_t key_len, std::uintptr_t msg, std::size_t msg_len, std::uintptr_t sig,
                std::size_t sig_len, const std::string& id) {
  return sealcheck::sm2_verify(view(key, key_len), view(msg, msg_len), view(sig, sig_len), id);
}

}  // namespace

#ifdef SEALCHECK_ENGINE_OFD
// What the preview draws of page `page` of an OFD file (ofd/render.h).
std::string ofd_page_json(std::uintptr_t ptr, std::size_t len, std::size_t page) {
  return sealcheck::ofd::page_render_json(view(ptr, len), page);
}
#endif

EMSCRIPTEN_BINDINGS(sealcheck) {
#ifdef SEALCHECK_ENGINE_OFD
  emscripten::function("ofdPageJson", &ofd_page_json);
#endif
  emscripten::function("verifyJson", &verify_json);
  emscripten::function("revocationShard", &revocation_shard);
  emscripten::function("setTable", &set_table);
  emscripten::function("sha256Hex", &sha256_hex);
  emscripten::function("pageTextLines", &page_text_lines);
  emscripten::function("sm3Hex", &sm3_hex);
  emscripten::function("sm2Verify", &sm2_verify);
  emscripten::function("unreadableJson", &unreadable_json);
  emscripten::function("oversizedJson", &oversized_json);
  emscripten::function("maxFileBytes", &max_file_bytes);
  emscripten::function("parseTime", &parse_time);
}
