// PDF text strings (ISO 32000 7.9.2.2) decoded to UTF-8 exactly as our
// preview, pdf.js, decodes them: UTF-16BE or UTF-16LE after a byte-order
// mark, UTF-8 after its mark, PDFDocEncoding otherwise. Where pdf.js has to
// repair a string (an odd UTF-16 length, or data that does not decode and
// is then read as PDFDocEncoding) `exact` is false: callers that must not
// choose between two readings refuse such a string.
#pragma once

#include <string>
#include <string_view>

namespace sealcheck::pdf {

struct TextString final {
  std::string utf8;
  bool exact = true;
};

TextString decode_text_string(std::string_view bytes);

}  // namespace sealcheck::pdf
