// Verification of an OFD document: the same report, checks and policy as
// a PDF's (sealcheck/verify.h dispatches on the file's first bytes).
#pragma once

#include <optional>
#include <string>

#include "sealcheck/verify.h"

namespace sealcheck {

Report verify_ofd(ByteView file, const VerifyOptions& options, ListMemory* memory);
// The certificate number its pages print, unchecked (see certificate_number_of).
std::optional<std::string> ofd_certificate_number(ByteView file);
// Lines of page text read (see page_text_lines).
std::size_t ofd_page_text_lines(ByteView file);

}  // namespace sealcheck
