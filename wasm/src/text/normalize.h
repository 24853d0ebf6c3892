// Folding for matching only, never for display: full-width and half-width
// forms to ASCII (digits, Latin letters, colons, dashes, tildes), the
// ideographic and other spaces to U+0020, and CJK radicals (Kangxi and the
// Radicals Supplement) to the unified ideographs they look like.
#pragma once

#include <string>
#include <string_view>

namespace sealcheck::text {

char32_t fold_for_matching(char32_t c);
// CJK radicals to the unified ideographs only: applied to what is shown
// too. A radical code point in page text is an artefact of a writer's
// ToUnicode map (the font draws the ideograph), not what the issuer wrote.
char32_t fold_radical(char32_t c);
// The letters a Latin ligature (U+FB00..U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) joins, or the
// character itself: a typographic form, read as its letters.
std::u32string_view expand_ligature(const char32_t& c);
std::u32string fold_for_matching(std::u32string_view s);
// Any space a layout writes: ASCII, ideographic, no-break, the U+2000 block.
bool is_space_for_matching(char32_t c);
// Ideographs and the CJK and full-width punctuation blocks.
bool is_cjk(char32_t c);

// The form two printed texts are compared in: folded, without any space.
// Two texts a person reads as the same (姓　名 / 姓名, ２０２２ / 2022, ⼈ / 人)
// have one key.
std::string matching_key(std::string_view utf8);

std::u32string decode_utf8(std::string_view s);  // ill-formed bytes -> U+FFFD
std::string encode_utf8(std::u32string_view s);

}  // namespace sealcheck::text
