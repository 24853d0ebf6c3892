// The GBK code table (GBK-EUC-H/V and its subset GB-EUC-H/V), shipped as a
// data file rather than compiled in: the browser fetches it only for a file
// that needs it. Layout: for each lead byte 0x81..0xFE, for each trail byte
// 0x40..0xFE, the Unicode BMP code point as two bytes big-endian, 0 when the
// code is unassigned.
#pragma once

#include <cstdint>
#include <span>

#include "sealcheck/verify.h"

namespace sealcheck::text {

inline constexpr std::size_t kGbkLeads = 0xFE - 0x81 + 1;
inline constexpr std::size_t kGbkTrails = 0xFE - 0x40 + 1;
static_assert(kGbkLeads * kGbkTrails * 2 == kGbkTableBytes);

// The Unicode of a two-byte GBK code, or 0.
inline char32_t gbk_lookup(std::span<const std::uint8_t> table, std::uint32_t code) {
  const std::uint32_t lead = code >> 8, trail = code & 0xff;
  if (table.size() != kGbkTableBytes || lead < 0x81 || lead > 0xFE || trail < 0x40 || trail > 0xFE) return 0;
  const std::size_t at = ((lead - 0x81) * kGbkTrails + (trail - 0x40)) * 2;
  return static_cast<char32_t>(table[at] << 8 | table[at + 1]);
}

}  // namespace sealcheck::text
