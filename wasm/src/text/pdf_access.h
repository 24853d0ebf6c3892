// Small accessors the text layer shares over the PDF object model.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pdf/document.h"

namespace sealcheck::text {

// An integer or real as a double.
std::optional<double> number_of(const pdf::Object& o);
// The decoded data of a stream object (resolved), at most max_bytes;
// nullopt when it is not a stream, out of the file, or does not decode.
std::optional<std::vector<std::uint8_t>> stream_data(pdf::Document& doc, const pdf::Object& o, std::size_t max_bytes);
// dict[key] resolved; a null object when absent.
pdf::Object get(pdf::Document& doc, const pdf::Dict& dict, std::string_view key);

}  // namespace sealcheck::text
