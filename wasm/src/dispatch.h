// The public entry points (sealcheck/verify.h) by file format: one of
// dispatch_full.cc (PDF and OFD: the CLI, Node, the OFD engine) or
// dispatch_pdf.cc (PDF only: the browser's default engine, which stays
// small; the page loads the OFD engine for an OFD file) is linked.
#pragma once

#include <optional>
#include <string>

#include "sealcheck/verify.h"

namespace sealcheck {

// The PDF reader's own (verify.cc).
std::optional<std::string> pdf_certificate_number(ByteView pdf, ByteView gbk_table);
std::size_t pdf_page_text_lines(ByteView pdf, ByteView gbk_table);

}  // namespace sealcheck
