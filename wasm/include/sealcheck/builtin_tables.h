// Data tables compiled into native programs (the CLI, the tests). The
// WebAssembly engine has none built in: its host fetches them on demand.
#pragma once

#include <cstdint>
#include <span>

namespace sealcheck {

// wasm/data/gbk.bin (layout: text/gbk.h).
std::span<const std::uint8_t> builtin_gbk_table();

}  // namespace sealcheck
