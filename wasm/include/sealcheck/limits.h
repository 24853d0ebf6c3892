// Every bound the engine applies to hostile input, in one place (qpdf's
// habit): change a limit here and nowhere else.
#pragma once

#include <cstddef>

namespace sealcheck::limits {

// Largest file the engine accepts. A real certificate is well under 5 MB;
// 256 MB leaves room for scanned attachments without letting a phone's
// browser run out of memory.
inline constexpr std::size_t kMaxFileBytes = 256u * 1024u * 1024u;

// Largest /Contents placeholder we decode (hex digits). CMS blobs with a
// chain and a timestamp are a few KB; 1 MB of hex is generous.
inline constexpr std::size_t kMaxContentsHexChars = 1024u * 1024u;

// How many signature dictionaries the thin scanner reports before stopping.
inline constexpr std::size_t kMaxSignatures = 64;

// Trust anchors accepted from the caller.
inline constexpr std::size_t kMaxTrustAnchors = 256;

}  // namespace sealcheck::limits
