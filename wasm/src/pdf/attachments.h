// Embedded files of the final revision, by name (the EmbeddedFiles name
// tree). Bounded: tree depth, entries visited, decoded size.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "pdf/document.h"

namespace sealcheck::pdf {

inline constexpr std::size_t kMaxAttachmentBytes = 1u << 20;

std::optional<std::vector<std::uint8_t>> find_attachment(Document& doc, std::string_view name);

}  // namespace sealcheck::pdf
