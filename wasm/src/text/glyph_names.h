// Glyph names and the Latin base encodings of simple fonts.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sealcheck::text {

enum class BaseEncoding { kNone, kStandard, kWinAnsi, kMacRoman };

// The Unicode of an Adobe Glyph List name used by the Latin encodings
// ("A", "quotedblleft" ...); nullopt for any other name.
std::optional<char32_t> unicode_of_glyph_name(std::string_view name);

// The Unicode a base encoding gives a code; 0 when it defines none.
char32_t unicode_of_code(BaseEncoding base, std::uint8_t code);

}  // namespace sealcheck::text
